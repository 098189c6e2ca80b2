namespace SmartEldercare.HomeService.Settlements;

public enum SettlementStatus
{
    Draft,
    StreetApproved,
    DistrictApproved,
}

/// <summary>Why a visit of the month is not paid.</summary>
public enum ExclusionReason
{
    NotVerified,
    NotCheckedOut,
    Missed,
    Cancelled,
}

/// <summary>
/// A provider's month: verified visits × price split into subsidy and self-pay, and the visits left out with their
/// reasons. Approved by the provider's street, then the district; generating a draft again from the same records
/// gives the same lines and sums, and an approved month is never rewritten.
/// </summary>
public sealed class Settlement : IRegionScoped
{
    public Guid Id { get; init; } = Guid.CreateVersion7();

    public Guid ProviderId { get; init; }

    public string ProviderName { get; set; } = string.Empty;

    /// <summary>The provider's region (its street): who approves first.</summary>
    public string RegionCode { get; init; } = string.Empty;

    public int Month { get; init; }

    public SettlementStatus Status { get; private set; }

    public DateTime GeneratedAtUtc { get; private set; }

    public string GeneratedBy { get; private set; } = string.Empty;

    public DateTime? StreetApprovedAtUtc { get; private set; }

    public string? StreetApprovedBy { get; private set; }

    public DateTime? DistrictApprovedAtUtc { get; private set; }

    public string? DistrictApprovedBy { get; private set; }

    public int Visits { get; private set; }

    public int Units { get; private set; }

    /// <summary>The included visits' sums (fen).</summary>
    public long Amount { get; private set; }

    public long Subsidy { get; private set; }

    public long SelfPay { get; private set; }

    public int Excluded { get; private set; }

    public int Version { get; private set; }

    public List<SettlementLine> Lines { get; private set; } = [];

    /// <summary>Replaces a draft's lines with <paramref name="lines"/> (already in their order) and recomputes the sums.</summary>
    public Result Fill(IReadOnlyList<SettlementLine> lines, string actor, DateTime utcNow)
    {
        if (Status != SettlementStatus.Draft)
        {
            return Result.Conflict("HomeService.Settlement.AlreadyApproved");
        }

        Lines.Clear();
        Lines.AddRange(lines);
        var included = lines.Where(l => l.Included).ToList();
        Visits = included.Count;
        Units = included.Sum(l => l.Quantity);
        Amount = included.Sum(l => l.Amount);
        Subsidy = included.Sum(l => l.Subsidy);
        SelfPay = included.Sum(l => l.SelfPay);
        Excluded = lines.Count - included.Count;
        GeneratedAtUtc = utcNow;
        GeneratedBy = actor;
        Version++;
        return Result.Ok();
    }

    /// <summary>The street approves a draft; the district approves what the street approved.</summary>
    public Result Approve(RegionLevel approverLevel, string actor, DateTime utcNow)
    {
        switch (approverLevel)
        {
            case RegionLevel.Street when Status == SettlementStatus.Draft:
                Status = SettlementStatus.StreetApproved;
                StreetApprovedAtUtc = utcNow;
                StreetApprovedBy = actor;
                break;
            case RegionLevel.District when Status == SettlementStatus.StreetApproved:
                Status = SettlementStatus.DistrictApproved;
                DistrictApprovedAtUtc = utcNow;
                DistrictApprovedBy = actor;
                break;
            case RegionLevel.District when Status == SettlementStatus.Draft:
                return Result.Conflict("HomeService.Settlement.StreetFirst");
            case RegionLevel.Village:
                return Result.Conflict("HomeService.Settlement.NotApprover");
            default:
                return Result.Conflict("HomeService.Settlement.AlreadyApproved");
        }

        Version++;
        return Result.Ok();
    }
}

/// <summary>One visit of a settlement: paid (included) or left out with its reason.</summary>
public sealed class SettlementLine
{
    public long Id { get; init; }

    public Guid SettlementId { get; init; }

    public Guid OrderId { get; init; }

    public DateOnly ServiceDate { get; init; }

    public string ElderName { get; init; } = string.Empty;

    public string RegionName { get; init; } = string.Empty;

    public string ItemName { get; init; } = string.Empty;

    public int Quantity { get; init; }

    /// <summary>Fen, as the order's price, amount, subsidy and self-paid part (zero when left out).</summary>
    public long UnitPrice { get; init; }

    public long Amount { get; init; }

    public long Subsidy { get; init; }

    public long SelfPay { get; init; }

    public bool Included { get; init; }

    public ExclusionReason? Exclusion { get; init; }
}
