
namespace SmartEldercare.Facilities.Features.Staff;

public sealed record CareRatioItem(int CareLevel, int ResidentsPerCarer);
