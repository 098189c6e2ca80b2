namespace SmartEldercare.Welfare.Watch;

public enum CheckReason
{
    NoActivity,
    LowWater,
}

public enum CheckStatus
{
    Open,
    Done,
    Escalated,
}

/// <summary>
/// A welfare check (安康关注) for village staff: an elder living alone whose sensors went quiet. Done by staff, or
/// escalated to an emergency alarm when still open at its deadline.
/// </summary>
public sealed class WelfareCheck : IRegionScoped
{
    public const int NoteMaxLength = 500;

    public Guid Id { get; init; } = Guid.CreateVersion7();

    public Guid ElderId { get; init; }

    public string ElderName { get; init; } = string.Empty;

    public string RegionCode { get; init; } = string.Empty;

    public CheckReason Reason { get; init; }

    public DateTime? LastActivityUtc { get; init; }

    public double? WaterLitres { get; init; }

    public DateTime RaisedAtUtc { get; init; }

    public DateTime EscalateAtUtc { get; init; }

    public CheckStatus Status { get; private set; }

    public DateTime? ClosedAtUtc { get; private set; }

    public string? ClosedBy { get; private set; }

    public string? Note { get; private set; }

    public Guid? AlarmId { get; private set; }

    public int Version { get; private set; }

    public Result Complete(string actor, string? note, DateTime utcNow)
    {
        if (Status != CheckStatus.Open)
        {
            return Result.Conflict(Status == CheckStatus.Escalated ? "Welfare.Watch.AlreadyEscalated" : "Welfare.Watch.AlreadyDone");
        }

        (Status, ClosedAtUtc, ClosedBy, Note) = (CheckStatus.Done, utcNow, actor, note);
        Version++;
        return Result.Ok();
    }

    public void Escalated(Guid? alarmId, DateTime utcNow)
    {
        (Status, ClosedAtUtc, ClosedBy, AlarmId) = (CheckStatus.Escalated, utcNow, "system", alarmId);
        Version++;
    }
}

/// <summary>Per-elder thresholds of the wellbeing watch (absent: the configured defaults).</summary>
public sealed class WatchThreshold : IRegionScoped
{
    public Guid ElderId { get; init; }

    public string RegionCode { get; set; } = string.Empty;

    public int InactivityHours { get; set; }

    public double MinWaterLitres { get; set; }
}
