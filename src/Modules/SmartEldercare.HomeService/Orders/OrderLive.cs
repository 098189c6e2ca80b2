namespace SmartEldercare.HomeService.Orders;

/// <summary>An order's changes on the consoles: topic <c>homeservice.{what}</c> in the elder's village, linking to the order.</summary>
public static class OrderLive
{
    public const string Prefix = "homeservice.";

    public static LiveUpdate Update(ServiceOrder order, string what, DateTime utcNow) =>
        new(LiveUpdate.NewId(), order.RegionCode, Prefix + what, order.Id.ToString(), utcNow);
}
