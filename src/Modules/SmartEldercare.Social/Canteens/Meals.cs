using SmartEldercare.Platform.Elders;

namespace SmartEldercare.Social.Canteens;

public enum MealMode
{
    DineIn,   // 堂食
    Delivery, // 送餐
}

/// <summary>A canteen's (老人家食堂, a platform organisation) meals of one day: dine-in and delivered.</summary>
public sealed class MealDay : IRegionScoped
{
    public Guid Id { get; init; } = Guid.CreateVersion7();

    public Guid CanteenId { get; init; }

    /// <summary>The canteen's region.</summary>
    public string RegionCode { get; init; } = string.Empty;

    public DateOnly Date { get; init; }

    public int DineIn { get; set; }

    public int Delivery { get; set; }

    public string RecordedBy { get; set; } = string.Empty;

    public DateTime UpdatedAtUtc { get; set; }
}

/// <summary>A subsidised meal of an elder (助餐补贴): the amount in fen decided by the elder's key group when served.</summary>
public sealed class SubsidisedMeal : IRegionScoped
{
    public long Id { get; init; }

    public Guid CanteenId { get; init; }

    /// <summary>The canteen's region (the statement's scope).</summary>
    public string RegionCode { get; init; } = string.Empty;

    public Guid ElderId { get; init; }

    public string ElderName { get; init; } = string.Empty;

    public string ElderRegionCode { get; init; } = string.Empty;

    public DateOnly Date { get; init; }

    public MealMode Mode { get; init; }

    /// <summary>The key group that set the amount (<c>Aged80</c>, <c>LivingAlone</c>, …).</summary>
    public string SubsidyGroup { get; init; } = string.Empty;

    public long SubsidyFen { get; init; }

    /// <summary>The home-service meal-delivery order (送餐) that carried a delivered meal, when the elder had one that day.</summary>
    public Guid? HomeServiceOrderId { get; init; }

    public string RecordedBy { get; init; } = string.Empty;
}

public static class MealSubsidy
{
    public const string Aged80 = nameof(Aged80);

    /// <summary>The highest configured amount among the elder's groups (80+ counts as a group); null when none applies.</summary>
    public static (string Group, long Fen)? For(KeyGroups groups, int age, IReadOnlyDictionary<string, long> amounts)
    {
        var names = Enum.GetValues<KeyGroups>().Where(g => g != KeyGroups.None && groups.HasFlag(g)).Select(g => g.ToString()).ToList();
        if (age >= 80)
        {
            names.Add(Aged80);
        }

        return names.Where(amounts.ContainsKey).Select(n => (Group: n, Fen: amounts[n])).Where(x => x.Fen > 0)
            .OrderByDescending(x => x.Fen).ThenBy(x => x.Group, StringComparer.Ordinal).Select(x => ((string, long)?)x).FirstOrDefault();
    }

    public static string Yuan(long fen) => (fen / 100m).ToString("0.00", System.Globalization.CultureInfo.InvariantCulture);
}
