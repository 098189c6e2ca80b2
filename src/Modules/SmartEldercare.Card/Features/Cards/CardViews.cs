using FluentValidation;
using SmartEldercare.Card.Cards;
using SmartEldercare.Card.Ledger;
using SmartEldercare.Platform.Elders;

namespace SmartEldercare.Card.Features.Cards;

internal static class CardViews
{
    public static IQueryable<CardListItem> Items(EldercareDbContext db, IQueryable<ServiceCard> cards) =>
        cards.Select(c => new CardListItem(c.Id, c.Number, c.ElderId, c.ElderName, "****" + c.IdNumberTail, c.RegionCode, c.Status,
            db.Set<CardAccount>().Where(a => a.Id == c.SubsidyAccountId).Select(a => a.Balance).FirstOrDefault(),
            db.Set<CardAccount>().Where(a => a.Id == c.SelfAccountId).Select(a => a.Balance).FirstOrDefault(),
            c.IssuedAtUtc));

    public static async Task<Guid> IssueAsync(EldercareDbContext db, Elder elder, string? uid, string by, DateTime now, Guid? seed, Guid? replaces, CancellationToken ct)
    {
        var cardId = Guid.CreateVersion7();
        var subsidy = new CardAccount { Key = CardAccount.KeyOf(AccountKind.Subsidy, cardId), Kind = AccountKind.Subsidy, CardId = cardId };
        var self = new CardAccount { Key = CardAccount.KeyOf(AccountKind.SelfPaid, cardId), Kind = AccountKind.SelfPaid, CardId = cardId };
        var number = CardNumber.From(seed ?? Guid.NewGuid());
        while (await db.Set<ServiceCard>().AnyAsync(c => c.Number == number, ct))
        {
            number = CardNumber.New();
        }

        db.AddRange(subsidy, self, new ServiceCard
        {
            Id = cardId, Number = number, Uid = string.IsNullOrWhiteSpace(uid) ? null : uid.Trim(), ElderId = elder.Id, ElderName = elder.Name,
            IdNumberTail = elder.IdNumberTail, RegionCode = elder.RegionCode, SubsidyAccountId = subsidy.Id, SelfAccountId = self.Id,
            IssuedAtUtc = now, IssuedBy = by, ReplacesCardId = replaces,
        });
        return cardId;
    }
}
