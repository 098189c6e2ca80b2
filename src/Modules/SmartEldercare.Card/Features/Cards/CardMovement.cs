using SmartEldercare.Card.Ledger;

namespace SmartEldercare.Card.Features.Cards;

public sealed record CardMovement(Guid EntryId, EntryKind Kind, DateTime AtUtc, long Amount, long SubsidyChange, long SelfChange, string? Note, string? By, long Refundable);
