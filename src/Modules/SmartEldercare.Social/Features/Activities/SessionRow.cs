
namespace SmartEldercare.Social.Features.Activities;

public sealed record SessionRow(Guid Id, DateTime StartsAtUtc, DateTime EndsAtUtc, int Attended);
