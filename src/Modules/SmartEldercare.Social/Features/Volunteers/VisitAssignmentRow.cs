
namespace SmartEldercare.Social.Features.Volunteers;

public sealed record VisitAssignmentRow(Guid VisitId, string ElderName, DateOnly DueDate, DateTime AssignedAtUtc, string AssignedBy);
