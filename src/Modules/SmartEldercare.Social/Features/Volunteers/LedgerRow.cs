using SmartEldercare.Social.Volunteers;

namespace SmartEldercare.Social.Features.Volunteers;

public sealed record LedgerRow(long Id, LedgerKind Kind, long Minutes, DateTime AtUtc, string By, string? Note, long RunningBalance);
