using System.Globalization;
using FluentValidation;
using SmartEldercare.Card.Cards;
using SmartEldercare.Card.Ledger;
using SmartEldercare.Platform.Elders;

namespace SmartEldercare.Card.Features.Crediting;

public sealed record ExpiryReport(int Year, int Cards, [property: JsonYuan] long Total);

/// <summary>
/// Year end: what is left on a subsidy account of the year's credits from rules that expire (at most the balance) goes
/// back to the district. Idempotent per elder and year.
/// </summary>
public static class ExpireYear
{
    public sealed record Command(int Year) : RequiresPermission(Permissions.CardAdmin), ICommand<Result<ExpiryReport>>;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator(IStringLocalizer<Strings> l, TimeProvider clock) =>
            RuleFor(c => c.Year).InclusiveBetween(2000, 2999).Must(y => y < clock.Today().Year).WithMessage(l["Card.Expiry.YearNotEnded"]);
    }

    public sealed class Handler(IDbContextFactory<EldercareDbContext> dbs, LedgerWriter ledger, ICurrentUser user, TimeProvider clock, IStringLocalizer<Strings> l) : ICommandHandler<Command, Result<ExpiryReport>>
    {
        public async ValueTask<Result<ExpiryReport>> Handle(Command command, CancellationToken cancellationToken)
        {
            var (from, to) = (command.Year * 100 + 1, command.Year * 100 + 12);
            List<(Guid ElderId, long Expiring)> candidates;
            await using (var db = await dbs.CreateDbContextAsync(cancellationToken))
            {
                var expiringRules = db.Set<CreditRule>().Where(r => r.ExpiresAtYearEnd).Select(r => (Guid?)r.Id);
                var rows = await db.Set<LedgerEntry>().AsNoTracking().InScopeOf(user)
                    .Where(e => e.Kind == EntryKind.Credit && e.Month >= from && e.Month <= to && expiringRules.Contains(e.RuleId))
                    .GroupBy(e => e.ElderId).Select(g => new { ElderId = g.Key!.Value, Total = g.Sum(e => e.Amount) }).ToListAsync(cancellationToken);
                candidates = rows.Select(r => (r.ElderId, r.Total)).ToList();
            }

            var pot = await LedgerWriter.SystemAccountAsync(dbs, AccountKind.Expired, null, cancellationToken);
            var (cards, total) = (0, 0L);
            foreach (var (elderId, expiring) in candidates)
            {
                var key = $"expiry:{elderId:N}:{command.Year}";
                var posted = await ledger.PostAsync(l, key, async db =>
                {
                    var card = await db.Set<ServiceCard>().AsNoTracking().Where(c => c.ElderId == elderId && c.Status != CardStatus.Replaced).OrderByDescending(c => c.IssuedAtUtc).FirstOrDefaultAsync(cancellationToken);
                    var balance = card is null ? 0 : await db.Set<CardAccount>().Where(a => a.Id == card.SubsidyAccountId).Select(a => a.Balance).SingleAsync(cancellationToken);
                    var amount = Math.Min(balance, expiring);
                    if (card is null || amount <= 0)
                    {
                        return Result.NotFound().As<Posting>();
                    }

                    var entry = new LedgerEntry
                    {
                        Kind = EntryKind.Expiry, IdempotencyKey = key, CardId = card.Id, ElderId = elderId, RegionCode = card.RegionCode, AtUtc = clock.UtcNow(),
                        Amount = amount, SubsidyPart = amount, Note = command.Year.ToString(CultureInfo.InvariantCulture), By = user.DisplayName,
                    };
                    entry.Lines.Add(new LedgerLine { EntryId = entry.Id, AccountId = card.SubsidyAccountId, Amount = -amount });
                    entry.Lines.Add(new LedgerLine { EntryId = entry.Id, AccountId = pot, Amount = amount });
                    return new Posting(entry, new HashSet<Guid> { card.SubsidyAccountId });
                }, cancellationToken);
                if (posted.Value is { Replayed: false } done)
                {
                    cards++;
                    total += done.Entry.Amount;
                }
            }

            return new ExpiryReport(command.Year, cards, total);
        }
    }
}
