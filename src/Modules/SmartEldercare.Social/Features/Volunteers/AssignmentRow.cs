
namespace SmartEldercare.Social.Features.Volunteers;

public sealed record AssignmentRow(Guid ActivityId, string Title, DateTime AssignedAtUtc);
