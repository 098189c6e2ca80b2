
namespace SmartEldercare.Social.Features.Activities;

public sealed record CoverageRow(string RegionCode, string Name, string StreetName, int Elders, int Attended)
{
    public double Share => Elders == 0 ? 0 : (double)Attended / Elders;
}
