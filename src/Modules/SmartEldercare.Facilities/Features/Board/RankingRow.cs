
namespace SmartEldercare.Facilities.Features.Board;

public sealed record RankingRow(int Rank, Guid Id, string Name, int Inspections, int? AverageScore, int HazardsRaised, int HazardsLate, int Complaints, int MonthScore);
