using SmartEldercare.Card.Ledger;

namespace SmartEldercare.Card.Features.Statements;

public sealed record StatementLine(DateTime AtUtc, EntryKind Kind, string? Merchant, string? Note, long SubsidyChange, long SelfChange);
