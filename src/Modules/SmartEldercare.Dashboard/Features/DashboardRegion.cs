namespace SmartEldercare.Dashboard.Features;

public sealed record DashboardRegion(string Code, string Name, RegionLevel Level);
