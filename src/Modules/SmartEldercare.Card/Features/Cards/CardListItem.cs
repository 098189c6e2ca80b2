using SmartEldercare.Card.Cards;

namespace SmartEldercare.Card.Features.Cards;

public sealed record CardListItem(Guid Id, string Number, Guid ElderId, string ElderName, string IdNumberMasked, string RegionCode, CardStatus Status, long Subsidy, long SelfPaid, DateTime IssuedAtUtc);
