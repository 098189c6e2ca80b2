using SmartEldercare.Platform.Common;

namespace SmartEldercare.Facilities.Inspections;

public enum TemplateKind
{
    NineHazards, // 九防
    FireSafety,  // 消防安全
    FoodSafety,  // 食品安全
    Other,
}

public enum RiskLevel
{
    Major,  // 重大
    High,   // 较大
    Medium, // 一般
    Low,    // 低
}

public enum HazardStatus
{
    Open,
    Fixed,     // the institution recorded the fix; the inspector has to verify
    Verified,  // closed
}

/// <summary>A checklist (the nine hazards, fire safety, food safety…): one item a line; editable by admins.</summary>
public sealed class ChecklistTemplate
{
    public const int NameMaxLength = 100;
    public const int ItemsMaxLength = 4000;

    public Guid Id { get; init; } = Guid.CreateVersion7();

    public required string Name { get; set; }

    public TemplateKind Kind { get; set; }

    /// <summary>One item a line.</summary>
    public required string ItemsText { get; set; }

    public bool Active { get; set; } = true;

    public int Version { get; set; }

    public IReadOnlyList<string> Items => ItemsText.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}

/// <summary>An inspection of an institution against a template, scored to 100; its findings are hazards.</summary>
public sealed class Inspection : IFacilityRecord
{
    public const int NotesMaxLength = 2000;

    public Guid Id { get; init; } = Guid.CreateVersion7();

    public Guid OrganisationId { get; init; }

    public required string RegionCode { get; init; }

    public Guid TemplateId { get; init; }

    public required string TemplateName { get; init; }

    public Guid InspectorId { get; init; }

    public required string InspectorName { get; init; }

    public DateTime InspectedAtUtc { get; init; }

    public int Score { get; init; }

    public string? Notes { get; init; }
}

/// <summary>
/// A finding to rectify (隐患) by a deadline set from its risk level: the institution records the fix with
/// evidence, the inspector verifies (closed) or reopens it with a new deadline. Past the deadline while not fixed
/// it is overdue and escalates once to the street and district consoles.
/// </summary>
public sealed class Hazard : IFacilityRecord
{
    public const int TextMaxLength = 500;

    public Guid Id { get; init; } = Guid.CreateVersion7();

    public Guid InspectionId { get; init; }

    public Guid OrganisationId { get; init; }

    public required string RegionCode { get; init; }

    public string? ChecklistItem { get; init; }

    public required string Description { get; init; }

    public RiskLevel Risk { get; init; }

    public DateTime RaisedAtUtc { get; init; }

    public DateTime DeadlineUtc { get; private set; }

    public HazardStatus Status { get; private set; }

    public string? FixNote { get; private set; }

    public DateTime? FixedAtUtc { get; private set; }

    public string? FixedBy { get; private set; }

    public DateTime? VerifiedAtUtc { get; private set; }

    public string? VerifiedBy { get; private set; }

    public string? ReopenNote { get; private set; }

    public int Reopened { get; private set; }

    /// <summary>When the overdue escalation fired (once per deadline).</summary>
    public DateTime? EscalatedAtUtc { get; set; }

    public int Version { get; set; }

    /// <summary>Rectification time by risk: 24 hours, 3, 7 or 15 days.</summary>
    public static TimeSpan TimeToFix(RiskLevel risk) => risk switch
    {
        RiskLevel.Major => TimeSpan.FromHours(24),
        RiskLevel.High => TimeSpan.FromDays(3),
        RiskLevel.Medium => TimeSpan.FromDays(7),
        _ => TimeSpan.FromDays(15),
    };

    public static Hazard Raise(Inspection inspection, string? item, string description, RiskLevel risk, DateTime? deadlineUtc, DateTime utcNow) => new()
    {
        InspectionId = inspection.Id,
        OrganisationId = inspection.OrganisationId,
        RegionCode = inspection.RegionCode,
        ChecklistItem = item,
        Description = description,
        Risk = risk,
        RaisedAtUtc = utcNow,
        DeadlineUtc = deadlineUtc ?? utcNow + TimeToFix(risk),
    };

    public bool IsOverdue(DateTime utcNow) => Status == HazardStatus.Open && DeadlineUtc < utcNow;

    public Result RecordFix(string note, string by, DateTime utcNow)
    {
        if (Status != HazardStatus.Open)
        {
            return Result.Conflict("Facilities.Hazard.NotOpen");
        }

        Status = HazardStatus.Fixed;
        FixNote = note;
        FixedBy = by;
        FixedAtUtc = utcNow;
        return Result.Ok();
    }

    public Result Verify(string by, DateTime utcNow)
    {
        if (Status != HazardStatus.Fixed)
        {
            return Result.Conflict("Facilities.Hazard.NotFixed");
        }

        Status = HazardStatus.Verified;
        VerifiedBy = by;
        VerifiedAtUtc = utcNow;
        return Result.Ok();
    }

    public Result Reopen(string note, DateTime newDeadlineUtc, DateTime utcNow)
    {
        if (Status != HazardStatus.Fixed)
        {
            return Result.Conflict("Facilities.Hazard.NotFixed");
        }

        if (newDeadlineUtc <= utcNow)
        {
            return Result.Invalid("DeadlineUtc", "Facilities.Deadline.InPast");
        }

        Status = HazardStatus.Open;
        ReopenNote = note;
        Reopened++;
        DeadlineUtc = newDeadlineUtc;
        EscalatedAtUtc = null;
        return Result.Ok();
    }
}
