namespace SmartEldercare.Emergency.Devices;

public enum DeviceKind
{
    SosButton,
    FallDetector,
    SmokeSensor,
    GasSensor,
    WaterLeakSensor,
    DoorSensor,
    MotionSensor,
    SmartWatch,
    WaterMeter,
}

/// <summary>
/// A device in an elder's home or an institution. It signs what it sends with its own secret (kept encrypted at
/// rest, shown once at registration and at rotation); its health follows from what it sends and when.
/// </summary>
public sealed class Device : IRegionScoped
{
    public const int CodeMaxLength = 40;
    public const int LowBatteryPercent = 10;
    public static readonly TimeSpan TestPressDue = TimeSpan.FromDays(30);

    public Guid Id { get; init; } = Guid.CreateVersion7();

    /// <summary>The serial number printed on the device; what it names itself with when it signs.</summary>
    public string Code { get; set; } = string.Empty;

    public DeviceKind Kind { get; set; }

    public Guid? ElderId { get; set; }

    public Guid? OrganisationId { get; set; }

    public string RegionCode { get; set; } = string.Empty;

    [Microsoft.AspNetCore.Identity.ProtectedPersonalData]
    public string Secret { get; set; } = string.Empty;

    public int HeartbeatSeconds { get; set; } = 300;

    public bool Enabled { get; set; } = true;

    public DateTime CreatedAtUtc { get; init; }

    public DateTime? LastSeenUtc { get; set; }

    public int? BatteryPercent { get; set; }

    /// <summary>When the last SOS press or test press arrived (SOS buttons are reminded monthly).</summary>
    public DateTime? LastPressUtc { get; set; }

    public bool Offline { get; set; }

    /// <summary>Two missed heartbeats after the last sign of life: past this the device is offline.</summary>
    public DateTime SilentAfterUtc { get; set; }

    public int Version { get; set; }

    /// <summary>A code as stored and compared: trimmed and upper-cased (labels are printed and typed in any case).</summary>
    public static string NormalizeCode(string code) => code.Trim().ToUpperInvariant();

    public bool LowBattery => BatteryPercent is { } b && b < LowBatteryPercent;

    /// <summary>A sign of life: the device is online again and the silence deadline moves.</summary>
    public void SeenAt(DateTime utcNow)
    {
        LastSeenUtc = utcNow;
        Offline = false;
        SilentAfterUtc = utcNow + TimeSpan.FromSeconds(2 * HeartbeatSeconds);
    }

    public bool TestPressIsDue(DateTime utcNow) => Kind == DeviceKind.SosButton && Enabled && utcNow - (LastPressUtc ?? CreatedAtUtc) > TestPressDue;

    public static string NewSecret() => Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));
}

/// <summary>One event a device sent, kept by its own id so that a replay returns the first answer and creates nothing.</summary>
public sealed class DeviceEvent
{
    public const int EventIdMaxLength = 64;

    public Guid Id { get; init; } = Guid.CreateVersion7();

    public Guid DeviceId { get; init; }

    public string EventId { get; init; } = string.Empty;

    public string Type { get; init; } = string.Empty;

    public DateTime OccurredAtUtc { get; init; }

    public DateTime ReceivedAtUtc { get; init; }

    public string? Readings { get; init; }

    /// <summary>The alarm this event raised, if any.</summary>
    public Guid? AlarmId { get; set; }
}
