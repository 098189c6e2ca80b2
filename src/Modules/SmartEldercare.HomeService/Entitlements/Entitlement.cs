using SmartEldercare.Platform.Elders;

namespace SmartEldercare.HomeService.Entitlements;

/// <summary>Who a rule is for: 80+ (高龄, from the birth date), 低保 (low income) or 特困 (destitute).</summary>
public enum EntitlementGroup
{
    VeryOld,
    LowIncome,
    Destitute,
}

/// <summary>
/// Subsidised units per month for a key group within a range of care levels (能力等级 0 intact … 4 completely
/// disabled), and the share of the price the subsidy pays. An elder matching several rules gets the most generous one.
/// </summary>
public sealed class EntitlementRule
{
    public const int NameMaxLength = 50;

    public Guid Id { get; init; } = Guid.CreateVersion7();

    public string Name { get; set; } = string.Empty;

    public EntitlementGroup Group { get; set; }

    public int MinCareLevel { get; set; }

    public int MaxCareLevel { get; set; } = Elder.MaxCareLevel;

    public int UnitsPerMonth { get; set; }

    /// <summary>0–100: the subsidy's share of a subsidised unit's price; the elder pays the rest.</summary>
    public int SubsidyPercent { get; set; } = 100;

    public bool Active { get; set; } = true;

    public int Version { get; set; }

    public bool Matches(int ageOnMonthStart, KeyGroups groups, int careLevel) =>
        Active && careLevel >= MinCareLevel && careLevel <= MaxCareLevel && Group switch
        {
            EntitlementGroup.VeryOld => ageOnMonthStart >= ElderTags.VeryOldAge,
            EntitlementGroup.LowIncome => groups.HasFlag(KeyGroups.LowIncome),
            _ => groups.HasFlag(KeyGroups.Destitute),
        };
}

/// <summary>An elder's grant for a month: units and the subsidy's share, and which rule gave it.</summary>
public sealed record Grant(int Units, int SubsidyPercent, string? RuleName)
{
    public static readonly Grant None = new(0, 0, null);

    /// <summary>The most generous matching rule (most units, then the higher share); none: no subsidised units.</summary>
    public static Grant For(IEnumerable<EntitlementRule> rules, int ageOnMonthStart, KeyGroups groups, int careLevel) =>
        rules.Where(r => r.Matches(ageOnMonthStart, groups, careLevel))
            .OrderByDescending(r => r.UnitsPerMonth).ThenByDescending(r => r.SubsidyPercent).ThenBy(r => r.Name, StringComparer.Ordinal)
            .Select(r => new Grant(r.UnitsPerMonth, r.SubsidyPercent, r.Name))
            .FirstOrDefault() ?? None;
}

/// <summary>
/// An elder's balance for one month. The grant is fixed when the month's first visit is verified (so a later rule change does
/// not rewrite a month already served); only verified visits draw it down. <see cref="Version"/> keeps two
/// verifications from drawing the same last unit.
/// </summary>
public sealed class EntitlementBalance : IRegionScoped
{
    public Guid Id { get; init; } = Guid.CreateVersion7();

    public Guid ElderId { get; init; }

    /// <summary>yyyyMM of the Shanghai calendar month.</summary>
    public int Month { get; init; }

    public string RegionCode { get; set; } = string.Empty;

    public int GrantedUnits { get; init; }

    public int SubsidyPercent { get; init; }

    public string? RuleName { get; init; }

    public int UsedUnits { get; private set; }

    public int Version { get; private set; }

    public int Remaining => Math.Max(0, GrantedUnits - UsedUnits);

    /// <summary>Draws up to <paramref name="quantity"/> units; answers how many the subsidy covers (the rest is self-paid).</summary>
    public int Draw(int quantity)
    {
        var covered = Math.Min(quantity, Remaining);
        UsedUnits += covered;
        Version++;
        return covered;
    }
}

