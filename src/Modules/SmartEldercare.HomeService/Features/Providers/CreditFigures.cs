
namespace SmartEldercare.HomeService.Features.Providers;

/// <summary>
/// A month of a provider (or any group of visits): <c>Due</c> visits (checked in, out, verified or missed; cancelled ones
/// are not counted), the share checked in no later than the late threshold (<c>OnTimeRate</c>), the share checked out
/// (<c>CompletionRate</c>), the mean follow-up (1–5), complaints, and the <see cref="CreditScore"/> (null without a due visit).
/// </summary>
public sealed record CreditFigures(int Month, int Due, double? OnTimeRate, double? CompletionRate, double? Satisfaction, int FollowUps, int Complaints, double? Score);
