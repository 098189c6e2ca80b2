namespace SmartEldercare.Welfare.Away;

/// <summary>
/// An elder's reported absence from home (外出报备, e.g. staying at a daughter's): it suppresses inactivity checks and
/// missed-visit warnings for its days. Hospital stays are not kept here: the home-service module owns them.
/// </summary>
public sealed class AwayPeriod : IRegionScoped
{
    public const int NoteMaxLength = 200;

    public Guid Id { get; init; } = Guid.CreateVersion7();

    public Guid ElderId { get; init; }

    public string RegionCode { get; init; } = string.Empty;

    public DateOnly From { get; init; }

    /// <summary>Null while still away.</summary>
    public DateOnly? To { get; set; }

    public string? Note { get; init; }

    public string RecordedBy { get; init; } = string.Empty;

    public DateTime RecordedAtUtc { get; init; }

    public bool Covers(DateOnly day) => day >= From && (To is null || day <= To);

    /// <summary>Two periods share a day (an open period runs on for ever).</summary>
    public static bool Overlap(DateOnly from1, DateOnly? to1, DateOnly from2, DateOnly? to2) =>
        (to2 is null || from1 <= to2) && (to1 is null || from2 <= to1);

    public Result End(DateOnly to)
    {
        if (to < From)
        {
            return Result.Invalid(nameof(To), "Welfare.Away.Range");
        }

        To = to;
        return Result.Ok();
    }
}
