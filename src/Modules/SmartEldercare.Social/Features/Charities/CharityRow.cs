
namespace SmartEldercare.Social.Features.Charities;

public sealed record CharityRow(Guid Id, string Name, string RegionCode, string RegionName, string Offers, string? ContactName, string PhoneMasked, int Activities, int Beneficiaries, DateOnly? LastActivity);
