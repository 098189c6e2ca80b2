using SmartEldercare.Card.Cards;
using SmartEldercare.Card.Ledger;
using SmartEldercare.Platform.Elders;

namespace SmartEldercare.Card.Features.Payments;

/// <summary>A verified home-service visit's self-paid part from the elder's self-paid account to the provider (key: the order).</summary>
public sealed class ServiceCardCharges(IDbContextFactory<EldercareDbContext> dbs, LedgerWriter ledger, IStringLocalizer<Strings> l, TimeProvider clock) : IServiceCardCharges
{
    public async Task<CardChargeOutcome> ChargeVerifiedVisitAsync(Guid orderId, Guid elderId, Guid providerOrganisationId, long selfPayFen, string? note, CancellationToken ct = default)
    {
        if (selfPayFen <= 0)
        {
            return CardChargeOutcome.NothingToCharge;
        }

        var merchant = await LedgerWriter.SystemAccountAsync(dbs, AccountKind.MerchantPayable, providerOrganisationId, ct);
        var key = $"homeservice:{orderId:N}";
        var noCard = false;
        var posted = await ledger.PostAsync(l, key, async db =>
        {
            var card = await db.Set<ServiceCard>().AsNoTracking().FirstOrDefaultAsync(c => c.ElderId == elderId && c.Status == CardStatus.Active, ct);
            if (card is null)
            {
                noCard = true;
                return Result.NotFound().As<Posting>();
            }

            var (_, self) = await CardPayments.BalancesAsync(db, card, ct);
            if (self < selfPayFen)
            {
                return Result.Conflict(l["Card.Pay.Insufficient", Fen.Format(selfPayFen), Fen.Format(0), Fen.Format(self)]).As<Posting>();
            }

            var entry = new LedgerEntry
            {
                Kind = EntryKind.Payment, IdempotencyKey = key, CardId = card.Id, ElderId = card.ElderId, RegionCode = card.RegionCode, OrganisationId = providerOrganisationId,
                AtUtc = clock.GetUtcNow().UtcDateTime, Amount = selfPayFen, SelfPart = selfPayFen, Note = note, By = "homeservice",
            };
            entry.Lines.Add(new LedgerLine { EntryId = entry.Id, AccountId = card.SelfAccountId, Amount = -selfPayFen });
            entry.Lines.Add(new LedgerLine { EntryId = entry.Id, AccountId = merchant, Amount = selfPayFen });
            return new Posting(entry, new HashSet<Guid> { card.SelfAccountId }, RequireActiveCard: true);
        }, ct);
        return posted.IsSuccess ? (posted.Value!.Replayed ? CardChargeOutcome.AlreadyCharged : CardChargeOutcome.Charged)
            : noCard ? CardChargeOutcome.NoCard : CardChargeOutcome.Insufficient;
    }
}
