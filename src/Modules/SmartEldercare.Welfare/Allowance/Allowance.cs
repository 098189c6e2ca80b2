namespace SmartEldercare.Welfare.Allowance;

/// <summary>A longevity-allowance band (高龄津贴档次): from this age on, this much a month (the highest band reached applies).</summary>
public sealed class AllowanceBand
{
    public const int MinimumAge = 80;

    public Guid Id { get; init; } = Guid.CreateVersion7();

    public int FromAge { get; set; }

    /// <summary>Fen a month.</summary>
    public long MonthlyAmount { get; set; }

    public int Version { get; set; }
}

public enum AllowanceListStatus
{
    Draft,
    VillageApproved,
    StreetApproved,
    DistrictApproved,
}

/// <summary>
/// A village's monthly disbursement list (高龄津贴发放名单): who is paid how much, each line with the age and band that
/// explain it. Approved by the village, then its street, then the district; generating a draft again from the same
/// records gives the same lines, and an approved list is never rewritten.
/// </summary>
public sealed class AllowanceList : IRegionScoped
{
    public Guid Id { get; init; } = Guid.CreateVersion7();

    /// <summary>The village (12 digits).</summary>
    public string RegionCode { get; init; } = string.Empty;

    public int Month { get; init; }

    /// <summary>The month's first day (compared with elders' status dates in SQL when looking for overpayments).</summary>
    public DateOnly FirstDay { get; init; }

    public AllowanceListStatus Status { get; private set; }

    public int Elders { get; private set; }

    /// <summary>The lines' sum (fen).</summary>
    public long Total { get; private set; }

    public DateTime GeneratedAtUtc { get; private set; }

    public string GeneratedBy { get; private set; } = string.Empty;

    public string? VillageApprovedBy { get; private set; }

    public DateTime? VillageApprovedAtUtc { get; private set; }

    public string? StreetApprovedBy { get; private set; }

    public DateTime? StreetApprovedAtUtc { get; private set; }

    public string? DistrictApprovedBy { get; private set; }

    public DateTime? DistrictApprovedAtUtc { get; private set; }

    public int Version { get; private set; }

    public List<AllowanceLine> Lines { get; private set; } = [];

    /// <summary>True when the lines differ from <paramref name="lines"/> (so a regenerated identical draft is left alone).</summary>
    public bool Differs(IReadOnlyList<AllowanceLine> lines) =>
        Lines.Count != lines.Count
        || !Lines.OrderBy(l => l.ElderId).Select(l => (l.ElderId, l.Age, l.BandFromAge, l.Amount)).SequenceEqual(lines.OrderBy(l => l.ElderId).Select(l => (l.ElderId, l.Age, l.BandFromAge, l.Amount)));

    public Result Fill(IReadOnlyList<AllowanceLine> lines, string actor, DateTime utcNow)
    {
        if (Status != AllowanceListStatus.Draft)
        {
            return Result.Conflict("Welfare.Allowance.AlreadyApproved");
        }

        Lines.Clear();
        Lines.AddRange(lines);
        Elders = lines.Count;
        Total = lines.Sum(l => l.Amount);
        GeneratedAtUtc = utcNow;
        GeneratedBy = actor;
        Version++;
        return Result.Ok();
    }

    /// <summary>Each level approves once, in order: village, street, district.</summary>
    public Result Approve(RegionLevel level, string actor, DateTime utcNow)
    {
        switch (level)
        {
            case RegionLevel.Village when Status == AllowanceListStatus.Draft:
                (Status, VillageApprovedBy, VillageApprovedAtUtc) = (AllowanceListStatus.VillageApproved, actor, utcNow);
                break;
            case RegionLevel.Street when Status == AllowanceListStatus.VillageApproved:
                (Status, StreetApprovedBy, StreetApprovedAtUtc) = (AllowanceListStatus.StreetApproved, actor, utcNow);
                break;
            case RegionLevel.District when Status == AllowanceListStatus.StreetApproved:
                (Status, DistrictApprovedBy, DistrictApprovedAtUtc) = (AllowanceListStatus.DistrictApproved, actor, utcNow);
                break;
            case RegionLevel.Village:
            case RegionLevel.Street when Status > AllowanceListStatus.VillageApproved:
            case RegionLevel.District when Status > AllowanceListStatus.StreetApproved:
                return Result.Conflict("Welfare.Allowance.AlreadyApproved");
            default:
                return Result.Conflict("Welfare.Allowance.LowerLevelFirst");
        }

        Version++;
        return Result.Ok();
    }
}

/// <summary>One elder paid in a month, with what explains the amount: age at the end of the previous month and the band.</summary>
public sealed class AllowanceLine
{
    public long Id { get; init; }

    public Guid ListId { get; init; }

    public Guid ElderId { get; init; }

    public string ElderName { get; init; } = string.Empty;

    /// <summary>Last four characters of the ID number (lists show it masked).</summary>
    public string IdNumberTail { get; init; } = string.Empty;

    public DateOnly BirthDate { get; init; }

    public int Age { get; init; }

    public int BandFromAge { get; init; }

    /// <summary>Fen.</summary>
    public long Amount { get; init; }
}

/// <summary>A payment made for a month the elder was no longer eligible for (a death or move recorded late): to recover.</summary>
public sealed class Overpayment : IRegionScoped
{
    public Guid Id { get; init; } = Guid.CreateVersion7();

    public long LineId { get; init; }

    public Guid ElderId { get; init; }

    public string ElderName { get; init; } = string.Empty;

    public string RegionCode { get; init; } = string.Empty;

    public int Month { get; init; }

    /// <summary>Fen.</summary>
    public long Amount { get; init; }

    /// <summary>Deceased or moved out, and since when.</summary>
    public SmartEldercare.Platform.Elders.ElderStatus Reason { get; init; }

    public DateOnly StatusDate { get; init; }

    public DateTime FoundAtUtc { get; init; }

    public bool Recovered { get; set; }
}

/// <summary>
/// The allowance rules. Paid from the month after the birthday that reaches a band (从年满80周岁的次月起发放): the age that
/// counts for a month is the age on the last day of the month before. A death or move-out stops payment from the month
/// after it (the month it happens in is paid).
/// </summary>
public static class AllowanceRules
{
    public static DateOnly AgeDay(int month) => YearMonth.FirstDay(month).AddDays(-1);

    public static AllowanceBand? BandFor(IReadOnlyList<AllowanceBand> bands, int age) =>
        bands.Where(b => b.FromAge <= age).OrderByDescending(b => b.FromAge).FirstOrDefault();

    /// <summary>Was someone with this status (and status date) still to be paid for the month?</summary>
    public static bool PaidFor(SmartEldercare.Platform.Elders.ElderStatus status, DateOnly? statusDate, int month) =>
        status == SmartEldercare.Platform.Elders.ElderStatus.Active || statusDate >= YearMonth.FirstDay(month);
}
