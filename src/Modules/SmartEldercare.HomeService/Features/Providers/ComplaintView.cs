
namespace SmartEldercare.HomeService.Features.Providers;

public sealed record ComplaintView(Guid OrderId, DateTime RecordedAtUtc, int Satisfaction, string? Comment, string RecordedBy);
