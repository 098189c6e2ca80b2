using FluentValidation;
using SmartEldercare.Card.Cards;
using SmartEldercare.Card.Ledger;
using SmartEldercare.Platform.Elders;

namespace SmartEldercare.Card.Features.Cards;

public sealed record CardDetail(CardListItem Card, string? Uid, string? StatusReason, Guid? ReplacedByCardId, Guid? ReplacesCardId, ElderStatus ElderStatus, IReadOnlyList<CardMovement> Movements);

public static class GetCard
{
    public sealed record Query(Guid Id, int Movements = 50) : RequiresPermission(Permissions.CardRead), IQuery<Result<CardDetail>>;

    public sealed class Handler(IDbContextFactory<EldercareDbContext> dbs, ICurrentUser user) : IQueryHandler<Query, Result<CardDetail>>
    {
        public async ValueTask<Result<CardDetail>> Handle(Query query, CancellationToken cancellationToken)
        {
            await using var db = await dbs.CreateDbContextAsync(cancellationToken);
            var card = await db.Set<ServiceCard>().AsNoTracking().InScopeOf(user).SingleOrDefaultAsync(c => c.Id == query.Id, cancellationToken);
            if (card is null)
            {
                return Result.NotFound().As<CardDetail>();
            }

            var item = await CardViews.Items(db, db.Set<ServiceCard>().Where(c => c.Id == card.Id)).SingleAsync(cancellationToken);
            var elderStatus = await db.Elders.Where(e => e.Id == card.ElderId).Select(e => e.Status).FirstOrDefaultAsync(cancellationToken);
            var movements = await Movements(db, [card.SubsidyAccountId, card.SelfAccountId], card.SubsidyAccountId, query.Movements, cancellationToken);
            return new CardDetail(item, card.Uid, card.StatusReason, card.ReplacedByCardId, card.ReplacesCardId, elderStatus, movements);
        }

        internal static async Task<List<CardMovement>> Movements(EldercareDbContext db, Guid[] accounts, Guid subsidyAccount, int take, CancellationToken ct)
        {
            var entries = await db.Set<LedgerEntry>().AsNoTracking()
                .Where(e => e.Lines.Any(l => accounts.Contains(l.AccountId)))
                .OrderByDescending(e => e.AtUtc).ThenByDescending(e => e.Id).Take(take)
                .Include(e => e.Lines).ToListAsync(ct);
            return entries.Select(e => new CardMovement(e.Id, e.Kind, e.AtUtc, e.Amount,
                e.Lines.Where(l => l.AccountId == subsidyAccount).Sum(l => l.Amount),
                e.Lines.Where(l => accounts.Contains(l.AccountId) && l.AccountId != subsidyAccount).Sum(l => l.Amount),
                e.Note, e.By, e.Kind == EntryKind.Payment ? e.Amount - e.Refunded : 0)).ToList();
        }
    }
}
