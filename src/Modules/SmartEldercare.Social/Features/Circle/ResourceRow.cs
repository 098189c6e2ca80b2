using SmartEldercare.Social.Circle;

namespace SmartEldercare.Social.Features.Circle;

public sealed record ResourceRow(Guid Id, string Name, ResourceType Type, string RegionCode, string RegionName, double Latitude, double Longitude, Guid? OrganisationId, string? Address, string? Offers);
