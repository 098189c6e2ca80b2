namespace SmartEldercare.Card;

/// <summary>Section <c>Card</c>.</summary>
public sealed class CardOptions
{
    /// <summary>The most the subsidy account pays of one payment, in yuan (0: no limit; the rest is self-paid).</summary>
    public decimal SubsidyCapPerPayment { get; set; } = 10m;

    /// <summary>The canteen menu of the point of sale: name (zh-CN) and price in yuan.</summary>
    public List<MealOption> Meals { get; set; } = [];

    /// <summary>Supervision: the same card paying at two places within this many minutes is flagged.</summary>
    public int TwoPlacesMinutes { get; set; } = 10;

    /// <summary>Supervision: a card paying more than this in one day (yuan) is flagged.</summary>
    public decimal UnusualDailyTotal { get; set; } = 100m;

    /// <summary>Ledger group commits running at once on a server database (SQLite has one writer: always 1 there).</summary>
    public int LedgerWriters { get; set; } = 4;

    /// <summary>Demo seeding: the key of the demo terminal <c>T-DEMO-01</c>.</summary>
    public string DemoTerminalKey { get; set; } = "demo-terminal-key-2026";

    public IReadOnlyList<MealOption> Menu => Meals.Count > 0 ? Meals : DefaultMeals;

    public static readonly IReadOnlyList<MealOption> DefaultMeals =
        [new() { Name = "早餐", Price = 3m }, new() { Name = "午餐", Price = 12m }, new() { Name = "晚餐", Price = 10m }, new() { Name = "送餐上门", Price = 15m }];
}

public sealed class MealOption
{
    public string Name { get; set; } = string.Empty;

    public decimal Price { get; set; }
}
