namespace SmartEldercare.HomeService.Catalogue;

/// <summary>两送四助: the six categories of subsidised home services.</summary>
public enum ServiceCategory
{
    MealDelivery,   // 送餐
    MedicalEscort,  // 送医
    Cleaning,       // 助洁
    Bathing,        // 助浴
    EmergencyHelp,  // 助急
    Recreation,     // 助乐
}

/// <summary>What one unit of an item is: a visit, an hour, or a meal.</summary>
public enum ServiceUnit
{
    PerVisit,
    PerHour,
    PerMeal,
}

/// <summary>A service of the district catalogue with its guide price; providers offer it at their own price.</summary>
public sealed class ServiceItem
{
    public const int CodeMaxLength = 20;
    public const int NameMaxLength = 50;
    public const int ChecklistMaxLength = 1000;

    public Guid Id { get; init; } = Guid.CreateVersion7();

    public string Code { get; set; } = string.Empty;

    public string Name { get; set; } = string.Empty;

    public ServiceCategory Category { get; set; }

    public ServiceUnit Unit { get; set; }

    /// <summary>How long one unit takes; a visit more than the tolerance shorter or longer asks the worker why.</summary>
    public int StandardMinutes { get; set; }

    /// <summary>The district's guide price per unit (fen).</summary>
    public long GuidePrice { get; set; }

    /// <summary>The tasks the worker ticks off, one per line.</summary>
    public string Checklist { get; set; } = string.Empty;

    public bool Active { get; set; } = true;

    public int Version { get; set; }

    public IReadOnlyList<string> Tasks => [.. Checklist.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];

    /// <summary>A price in fen: positive and below a sanity bound (¥100,000).</summary>
    public static bool IsValidPrice(long price) => price is > 0 and < 100_000_00;

    /// <summary>The standard duration of <paramref name="quantity"/> units (hours scale; a meal or a visit is one stop).</summary>
    public int StandardMinutesFor(int quantity) => Unit == ServiceUnit.PerHour ? StandardMinutes * quantity : StandardMinutes;
}

/// <summary>A provider offers an item at its price (within its own region: the provider's street).</summary>
public sealed class ProviderOffering : IRegionScoped
{
    public Guid Id { get; init; } = Guid.CreateVersion7();

    public Guid ProviderId { get; init; }

    public Guid ItemId { get; init; }

    public string RegionCode { get; set; } = string.Empty;

    /// <summary>Per unit (fen).</summary>
    public long Price { get; set; }

    public bool Active { get; set; } = true;

    public int Version { get; set; }

    public Result ChangePrice(long price, bool active)
    {
        if (!ServiceItem.IsValidPrice(price))
        {
            return Result.Invalid(nameof(Price), "HomeService.Price.Invalid");
        }

        Price = price;
        Active = active;
        Version++;
        return Result.Ok();
    }
}
