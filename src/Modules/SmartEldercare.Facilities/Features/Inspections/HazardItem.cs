using SmartEldercare.Facilities.Inspections;

namespace SmartEldercare.Facilities.Features.Inspections;

public sealed record HazardItem(Guid Id, Guid InspectionId, string? ChecklistItem, string Description, RiskLevel Risk, DateTime RaisedAtUtc, DateTime DeadlineUtc,
    HazardStatus Status, bool Overdue, string? FixNote, string? FixedBy, DateTime? FixedAtUtc, string? VerifiedBy, DateTime? VerifiedAtUtc, string? ReopenNote, int Reopened,
    IReadOnlyList<EvidenceItem> FixEvidence);
