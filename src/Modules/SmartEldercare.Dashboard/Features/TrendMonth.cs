
namespace SmartEldercare.Dashboard.Features;

/// <summary>A month of the 12-month trend: every source's trend counters.</summary>
public sealed record TrendMonth(int Month, IReadOnlyDictionary<string, long> Values);
