
namespace SmartEldercare.Social.Features.Charities;

public sealed record CharityActivityRow(Guid Id, DateOnly Date, string Title, int Beneficiaries, string? Notes, string RecordedBy);
