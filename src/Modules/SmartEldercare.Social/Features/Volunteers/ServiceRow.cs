using SmartEldercare.Social.Volunteers;

namespace SmartEldercare.Social.Features.Volunteers;

public sealed record ServiceRow(Guid Id, Guid VolunteerId, string VolunteerName, string RegionCode, Guid? ActivityId, string Description, DateTime StartUtc, DateTime EndUtc, int Minutes, ServiceStatus Status, string RecordedBy, string? ConfirmedBy);
