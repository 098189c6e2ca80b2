using SmartEldercare.Card.Cards;
using SmartEldercare.Card.Ledger;
using SmartEldercare.Platform.Elders;

namespace SmartEldercare.Card.Features.Payments;

/// <param name="PaymentId">The ledger entry of the payment.</param>
/// <param name="CardNumber">Masked card number.</param>
/// <param name="ElderName">The card holder.</param>
/// <param name="Merchant">The canteen or provider paid.</param>
/// <param name="Amount">Total, fen (yuan in the API).</param>
/// <param name="SubsidyPart">Paid from the subsidy account, fen (yuan in the API).</param>
/// <param name="SelfPart">Paid from the self-paid account, fen (yuan in the API).</param>
/// <param name="SubsidyLeft">Subsidy balance after the payment, fen (yuan in the API).</param>
/// <param name="SelfLeft">Self-paid balance after the payment, fen (yuan in the API).</param>
/// <param name="AtUtc">When it was charged.</param>
/// <param name="Replayed">True when this answers a retry: nothing was charged again.</param>
public sealed record PaymentReceipt(Guid PaymentId, string CardNumber, string ElderName, string Merchant, [property: JsonYuan] long Amount, [property: JsonYuan] long SubsidyPart, [property: JsonYuan] long SelfPart,
    [property: JsonYuan] long SubsidyLeft, [property: JsonYuan] long SelfLeft, DateTime AtUtc, bool Replayed);

/// <summary>How a payment would split now (the point of sale shows it before the confirm).</summary>
public sealed record PaymentQuote(string CardNumber, string ElderName, CardStatus Status, long SubsidyBalance, long SelfBalance, long SubsidyPart, long SelfPart, bool Sufficient);

public sealed record PaymentRequest(string CardNumber, long Amount, Guid OrganisationId, string OrganisationName, Guid? TerminalId, string IdempotencyKey, string By, string? Note);

/// <summary>
/// Card payments for the point of sale and the terminal API: the subsidy account pays first (up to the per-payment
/// cap), the self-paid account the rest; not enough in total — nothing is charged and the answer says what is left.
/// </summary>
public sealed class CardPayments(IDbContextFactory<EldercareDbContext> dbs, CardOptions options, TimeProvider clock, IStringLocalizer<Strings> l, ILiveUpdates live,
    MerchantAccountIds merchantAccounts, LedgerWriter ledger)
{
    public long CapFen => Fen.FromYuan(options.SubsidyCapPerPayment) ?? 0;

    public (long Subsidy, long Self) Split(long amount, long subsidyBalance)
    {
        var subsidy = Math.Min(Math.Max(0, subsidyBalance), amount);
        if (CapFen > 0)
        {
            subsidy = Math.Min(subsidy, CapFen);
        }

        return (subsidy, amount - subsidy);
    }

    /// <summary>
    /// What a payment would take from each balance. Only for a card inside <paramref name="scope"/> (the user's region):
    /// a quote shows the elder's name and balances, so a card of another street is answered like an unknown one.
    /// </summary>
    public async Task<Result<PaymentQuote>> QuoteAsync(string number, long amount, string scope, CancellationToken ct)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        var card = await db.Set<ServiceCard>().AsNoTracking().InRegion(scope).FirstOrDefaultAsync(c => c.Number == number, ct);
        if (card is null)
        {
            return Result.NotFound(l["Card.Pay.UnknownCard"]).As<PaymentQuote>();
        }

        var (subsidyBalance, selfBalance) = await BalancesAsync(db, card, ct);
        var (subsidy, self) = Split(amount, subsidyBalance);
        return new PaymentQuote(Masked(card.Number), card.ElderName, card.Status, subsidyBalance, selfBalance, subsidy, self, card.CanPay && self <= selfBalance);
    }

    public async Task<Result<PaymentReceipt>> PayAsync(PaymentRequest request, CancellationToken ct)
    {
        var merchantAccount = await MerchantAccountAsync(request.OrganisationId, ct);
        CardAtPayment? paid = null;
        var posted = await ledger.PostAsync(l, request.IdempotencyKey, async db =>
        {
            // The card, both balances and the elder's status in one round trip. The sets are locals: EF inlines a captured
            // query, whereas a call such as db.Set<T>() inside the query is evaluated by compiling it, on every payment.
            var (accounts, elders) = (db.Set<CardAccount>(), db.Elders);
            var number = request.CardNumber;
            var found = await db.Set<ServiceCard>().AsNoTracking().Where(c => c.Number == number)
                .Select(c => new CardAtPayment(c,
                    accounts.Where(a => a.Id == c.SubsidyAccountId).Select(a => a.Balance).FirstOrDefault(),
                    accounts.Where(a => a.Id == c.SelfAccountId).Select(a => a.Balance).FirstOrDefault(),
                    elders.Any(e => e.Id == c.ElderId && e.Status != ElderStatus.Active)))
                .FirstOrDefaultAsync(ct);
            if (found is null)
            {
                return Result.NotFound(l["Card.Pay.UnknownCard"]).As<Posting>();
            }

            var card = found.Card;
            if (!card.CanPay)
            {
                return Result.Conflict(l["Card.Pay.Blocked", l.Enum(card.Status)]).As<Posting>();
            }

            var (subsidy, self) = Split(request.Amount, found.Subsidy);
            if (self > found.Self)
            {
                return Result.Conflict(l["Card.Pay.Insufficient", Fen.Format(request.Amount), Fen.Format(subsidy), Fen.Format(found.Self)])
                    .As<Posting>();
            }

            paid = found;
            var entry = new LedgerEntry
            {
                Kind = EntryKind.Payment, IdempotencyKey = request.IdempotencyKey, CardId = card.Id, ElderId = card.ElderId, RegionCode = card.RegionCode,
                OrganisationId = request.OrganisationId, TerminalId = request.TerminalId, AtUtc = clock.GetUtcNow().UtcDateTime, Amount = request.Amount,
                SubsidyPart = subsidy, SelfPart = self, Note = request.Note, By = request.By,
            };
            if (subsidy > 0)
            {
                entry.Lines.Add(new LedgerLine { EntryId = entry.Id, AccountId = card.SubsidyAccountId, Amount = -subsidy });
            }

            if (self > 0)
            {
                entry.Lines.Add(new LedgerLine { EntryId = entry.Id, AccountId = card.SelfAccountId, Amount = -self });
            }

            entry.Lines.Add(new LedgerLine { EntryId = entry.Id, AccountId = merchantAccount, Amount = request.Amount });
            return new Posting(entry, new HashSet<Guid> { card.SubsidyAccountId, card.SelfAccountId }, RequireActiveCard: true);
        }, ct);
        if (!posted.IsSuccess)
        {
            return posted.As<PaymentReceipt>();
        }

        var payment = posted.Value!.Entry;
        await using var read = await dbs.CreateDbContextAsync(ct);
        if (posted.Value.Replayed)
        {
            var card = await read.Set<ServiceCard>().AsNoTracking().SingleAsync(c => c.Id == payment.CardId, ct);
            if (payment.Kind != EntryKind.Payment || payment.Amount != request.Amount || card.Number != request.CardNumber)
            {
                return Result.Conflict(l["Card.Pay.IdReused"]).As<PaymentReceipt>();
            }

            paid = new CardAtPayment(card, 0, 0, ElderInactive: false);
        }

        // Balances after the payment, and whether the card paid at another place within minutes — one round trip.
        var since = payment.AtUtc.AddMinutes(-options.TwoPlacesMinutes);
        var (cardId, paymentId, organisationId) = (payment.CardId, payment.Id, payment.OrganisationId);
        var (balances, entries) = (read.Set<CardAccount>(), read.Set<LedgerEntry>());
        var after = await read.Set<ServiceCard>().AsNoTracking().Where(c => c.Id == cardId).Select(c => new
            {
                Subsidy = balances.Where(a => a.Id == c.SubsidyAccountId).Select(a => a.Balance).FirstOrDefault(),
                Self = balances.Where(a => a.Id == c.SelfAccountId).Select(a => a.Balance).FirstOrDefault(),
                Elsewhere = entries.Any(e => e.CardId == c.Id && e.Kind == EntryKind.Payment && e.Id != paymentId
                    && e.AtUtc >= since && e.OrganisationId != organisationId),
            })
            .SingleAsync(ct);
        var holder = paid!.Card;
        if (!posted.Value.Replayed && (after.Elsewhere || paid.ElderInactive))
        {
            // Supervision, live: pushed to the consoles of the card's scope (card.flag) as it happens.
            await live.PublishAsync(new LiveUpdate(LiveUpdate.NewId(), holder.RegionCode, "card.flag", holder.Id.ToString(), clock.GetUtcNow().UtcDateTime), ct);
        }

        return new PaymentReceipt(payment.Id, Masked(holder.Number), holder.ElderName, request.OrganisationName, payment.Amount, payment.SubsidyPart,
            payment.SelfPart, after.Subsidy, after.Self, payment.AtUtc, posted.Value.Replayed);
    }

    /// <summary>A merchant's payable account: created once, never removed — its id is remembered for the process.</summary>
    private async Task<Guid> MerchantAccountAsync(Guid organisationId, CancellationToken ct)
    {
        if (merchantAccounts.Ids.TryGetValue(organisationId, out var id))
        {
            return id;
        }

        id = await LedgerWriter.SystemAccountAsync(dbs, AccountKind.MerchantPayable, organisationId, ct);
        merchantAccounts.Ids[organisationId] = id;
        return id;
    }

    private sealed record CardAtPayment(ServiceCard Card, long Subsidy, long Self, bool ElderInactive);

    public static async Task<(long Subsidy, long Self)> BalancesAsync(EldercareDbContext db, ServiceCard card, CancellationToken ct)
    {
        var balances = await db.Set<CardAccount>().AsNoTracking().Where(a => a.Id == card.SubsidyAccountId || a.Id == card.SelfAccountId)
            .Select(a => new { a.Id, a.Balance }).ToListAsync(ct);
        return (balances.Where(b => b.Id == card.SubsidyAccountId).Sum(b => b.Balance), balances.Where(b => b.Id == card.SelfAccountId).Sum(b => b.Balance));
    }

    public static string Masked(string number) => number.Length < 8 ? number : string.Concat(number.AsSpan(0, 4), " **** **** ", number.AsSpan(number.Length - 4));
}

/// <summary>Merchants' payable account ids of this application's database (a singleton: accounts are never removed).</summary>
public sealed class MerchantAccountIds
{
    public System.Collections.Concurrent.ConcurrentDictionary<Guid, Guid> Ids { get; } = new();
}
