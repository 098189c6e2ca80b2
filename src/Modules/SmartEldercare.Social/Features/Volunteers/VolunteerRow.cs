
namespace SmartEldercare.Social.Features.Volunteers;

public sealed record VolunteerRow(Guid Id, string Name, string PhoneMasked, string? Skills, string? Availability, string RegionCode, string RegionName, long BalanceMinutes, long EarnedMinutes, bool HasAccount);
