using SmartEldercare.Platform.Elders;

namespace SmartEldercare.Welfare.Visits;

/// <summary>How closely an elder is watched: high → weekly visits, key → monthly, regular → quarterly (configurable).</summary>
public enum RiskTier
{
    Regular,
    Key,
    High,
}

public enum VisitReason
{
    Routine,
    Discharge,
}

public enum VisitStatus
{
    Planned,
    Done,
}

public enum VisitMode
{
    Home,
    Phone,
}

/// <summary>One item of the wellbeing checklist.</summary>
public enum Wellbeing
{
    Good,
    Fair,
    Poor,
}

[Flags]
public enum FollowUps
{
    None = 0,
    HomeServiceOrder = 1,
    Concern = 2,
}

/// <summary>
/// A visit (探访) to a very old elder: planned by the scheduler for a day and assigned to a village worker, then
/// recorded as done (at home or by phone) with the wellbeing checklist and follow-ups.
/// </summary>
public sealed class Visit : IRegionScoped
{
    public const int TextMaxLength = 500;

    public Guid Id { get; init; } = Guid.CreateVersion7();

    public Guid ElderId { get; init; }

    public string ElderName { get; init; } = string.Empty;

    public string RegionCode { get; init; } = string.Empty;

    public RiskTier Tier { get; init; }

    public VisitReason Reason { get; init; }

    public DateOnly DueDate { get; init; }

    public Guid? AssignedToId { get; set; }

    public string? AssignedToName { get; set; }

    public VisitStatus Status { get; private set; }

    public DateOnly? VisitedOn { get; private set; }

    public DateTime? RecordedAtUtc { get; private set; }

    public string? RecordedBy { get; private set; }

    public VisitMode? Mode { get; private set; }

    public Wellbeing? Health { get; private set; }

    public Wellbeing? Mood { get; private set; }

    public Wellbeing? HomeSafety { get; private set; }

    public string? Needs { get; private set; }

    public FollowUps FollowUps { get; private set; }

    public string? Notes { get; private set; }

    public DateTime CreatedAtUtc { get; init; }

    public int Version { get; private set; }

    public Result Record(DateOnly visitedOn, VisitMode mode, Wellbeing health, Wellbeing mood, Wellbeing homeSafety, string? needs, FollowUps followUps, string? notes, string actor, DateTime utcNow)
    {
        if (Status == VisitStatus.Done)
        {
            return Result.Conflict("Welfare.Visit.AlreadyDone");
        }

        (Status, VisitedOn, Mode, Health, Mood, HomeSafety) = (VisitStatus.Done, visitedOn, mode, health, mood, homeSafety);
        (Needs, FollowUps, Notes, RecordedBy, RecordedAtUtc) = (needs, followUps, notes, actor, utcNow);
        Version++;
        return Result.Ok();
    }
}

/// <summary>The tier rules. High: an alarm lately, care level 3+, or living alone and (disabled or 90+). Key: any key group or 90+.</summary>
public static class RiskTiers
{
    public static RiskTier Of(KeyGroups groups, int careLevel, int age, int recentAlarms)
    {
        if (recentAlarms > 0 || careLevel >= 3 || (groups.HasFlag(KeyGroups.LivingAlone) && (careLevel >= 1 || age >= 90)))
        {
            return RiskTier.High;
        }

        return groups != KeyGroups.None || age >= 90 ? RiskTier.Key : RiskTier.Regular;
    }
}
