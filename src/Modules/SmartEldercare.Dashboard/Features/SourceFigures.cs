using SmartEldercare.Platform.Dashboard;

namespace SmartEldercare.Dashboard.Features;

/// <summary>One source's counters per region, and its trend counters of the current month.</summary>
public sealed record SourceFigures(string Name, IReadOnlyList<string> TopicPrefixes, IReadOnlyList<RegionFigure> Figures, IReadOnlyDictionary<string, long> CurrentMonth);
