
namespace SmartEldercare.Social.Features.Volunteers;

public sealed record LeaderRow(int Rank, Guid VolunteerId, string Name, string RegionName, long EarnedMinutes);
