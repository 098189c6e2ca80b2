using SmartEldercare.Emergency.Alarms;

namespace SmartEldercare.Emergency.Devices;

/// <summary>The event vocabulary devices speak, and which events raise which alarm.</summary>
public static class DeviceEventTypes
{
    public static readonly IReadOnlySet<string> All = new HashSet<string>(StringComparer.Ordinal)
    {
        "sos", "fall", "smoke", "gas", "water_leak", "inactivity", "heartbeat", "low_battery", "tamper", "test",
        // Activity without an alarm: door opened, motion seen, water used (readings.litres) — the wellbeing watch's signs of life.
        "door", "motion", "water_usage",
    };

    public static AlarmType? AlarmFor(string type) => type switch
    {
        "sos" => AlarmType.Sos,
        "fall" => AlarmType.Fall,
        "smoke" => AlarmType.Smoke,
        "gas" => AlarmType.Gas,
        "water_leak" => AlarmType.WaterLeak,
        "inactivity" => AlarmType.Inactivity,
        "low_battery" => AlarmType.LowBattery,
        "tamper" => AlarmType.Tamper,
        _ => null,
    };
}
