namespace SmartEldercare.Emergency.Alarms;

/// <summary>An alarm's changes on the consoles: topic <c>alarm.{what}</c>, a link to the alarm, and the open-alarm counters.</summary>
public static class AlarmLive
{
    public const string Open = "alarms.open";
    public const string Unacknowledged = "alarms.unacknowledged";

    public static LiveUpdate Update(Alarm alarm, string what, DateTime utcNow, int openDelta = 0, int unacknowledgedDelta = 0)
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        if (openDelta != 0)
        {
            counts[Open] = openDelta;
        }

        if (unacknowledgedDelta != 0)
        {
            counts[Unacknowledged] = unacknowledgedDelta;
        }

        return new LiveUpdate(LiveUpdate.NewId(), alarm.RegionCode, "alarm." + what, alarm.Id.ToString(), utcNow, counts.Count > 0 ? counts : null);
    }
}
