
namespace SmartEldercare.Facilities.Features.Inspections;

public sealed record InspectionItem(Guid Id, string TemplateName, string InspectorName, DateTime InspectedAtUtc, int Score, string? Notes, int Findings, IReadOnlyList<EvidenceItem> Evidence);
