using SmartEldercare.Platform.Regions;

namespace SmartEldercare.Platform.Elders;

/// <summary>
/// A span of days of one elder's life that modules record (away from home, in hospital): its days, who recorded it, and
/// the elder's region for scope. Each module keeps its own table of them.
/// </summary>
public abstract class ElderPeriod : IRegionScoped
{
    public const int NoteMaxLength = 200;

    public Guid Id { get; init; } = Guid.CreateVersion7();

    public Guid ElderId { get; init; }

    public string RegionCode { get; set; } = string.Empty;

    public DateOnly From { get; init; }

    /// <summary>Null while the period goes on.</summary>
    public DateOnly? To { get; set; }

    public string? Note { get; init; }

    public string RecordedBy { get; init; } = string.Empty;

    public DateTime RecordedAtUtc { get; init; }

    public bool Covers(DateOnly day) => day >= From && (To is null || day <= To);

    /// <summary>Two periods share a day (an open period runs on for ever).</summary>
    public static bool Overlap(DateOnly from1, DateOnly? to1, DateOnly from2, DateOnly? to2) =>
        (to2 is null || from1 <= to2) && (to1 is null || from2 <= to1);
}
