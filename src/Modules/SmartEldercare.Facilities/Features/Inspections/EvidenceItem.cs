
namespace SmartEldercare.Facilities.Features.Inspections;

public sealed record EvidenceItem(Guid Id, string FileName, string ContentType, long Size);
