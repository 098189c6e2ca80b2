using SmartEldercare.Social.Activities;

namespace SmartEldercare.Social.Features.Activities;

public sealed record EnrolmentRow(Guid Id, Guid ElderId, string ElderName, string RegionCode, EnrolmentStatus Status, int? WaitNumber, DateTime RequestedAtUtc, IReadOnlyList<Guid> AttendedSessions);
