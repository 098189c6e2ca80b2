using SmartEldercare.Facilities.Beds;

namespace SmartEldercare.Facilities.Features.Beds;

public sealed record BedItem(Guid Id, string Code, BedState State, Guid? ElderId, string? ResidentName, int? Age, int? CareLevel, DateOnly? AdmittedOn, int Version);
