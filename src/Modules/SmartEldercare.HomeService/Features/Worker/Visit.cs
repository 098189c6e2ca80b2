using SmartEldercare.HomeService.Catalogue;
using SmartEldercare.HomeService.Orders;

namespace SmartEldercare.HomeService.Features.Worker;

public sealed record Visit(
    Guid Id, string ElderName, string MaskedAddress, string RegionName, string ItemName, ServiceCategory Category, int Quantity, int StandardMinutes,
    IReadOnlyList<string> Tasks, DateTime WindowStartUtc, DateTime WindowEndUtc, OrderStatus Status, VisitFlags Flags, string? Note,
    DateTime? CheckedInAtUtc, DateTime? CheckedOutAtUtc);
