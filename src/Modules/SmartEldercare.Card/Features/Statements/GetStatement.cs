using FluentValidation;
using SmartEldercare.Card.Cards;
using SmartEldercare.Card.Ledger;

namespace SmartEldercare.Card.Features.Statements;

public sealed record ElderStatement(Guid ElderId, string ElderName, string IdNumberMasked, string RegionCode, int Month, IReadOnlyList<string> CardNumbers,
    long SubsidyOpening, long SelfOpening, IReadOnlyList<StatementLine> Lines, long SubsidyClosing, long SelfClosing)
{
    public long SubsidyIn => Lines.Where(l => l.SubsidyChange > 0).Sum(l => l.SubsidyChange);

    public long SubsidyOut => -Lines.Where(l => l.SubsidyChange < 0).Sum(l => l.SubsidyChange);

    public long SelfIn => Lines.Where(l => l.SelfChange > 0).Sum(l => l.SelfChange);

    public long SelfOut => -Lines.Where(l => l.SelfChange < 0).Sum(l => l.SelfChange);
}

/// <summary>An elder's month over all their cards (a replacement's transfer nets to zero): opening balances, every movement
/// with its subsidy and self-paid parts, closing balances — each balance the sum of the lines before the moment.</summary>
public static class GetStatement
{
    public sealed record Query(Guid ElderId, int Month) : RequiresPermission(Permissions.CardRead), IQuery<Result<ElderStatement>>, SmartEldercare.Platform.Privacy.IPersonalDataAccess;

    public sealed class Validator : AbstractValidator<Query>
    {
        public Validator(IStringLocalizer<Strings> l) => RuleFor(q => q.Month).Must(YearMonth.IsValid).WithMessage(l["Card.Month.Invalid"]);
    }

    public sealed class Handler(IDbContextFactory<EldercareDbContext> dbs, ICurrentUser user) : IQueryHandler<Query, Result<ElderStatement>>
    {
        public async ValueTask<Result<ElderStatement>> Handle(Query query, CancellationToken cancellationToken)
        {
            await using var db = await dbs.CreateDbContextAsync(cancellationToken);
            var cards = await db.Set<ServiceCard>().AsNoTracking().InScopeOf(user).Where(c => c.ElderId == query.ElderId).OrderBy(c => c.IssuedAtUtc).ToListAsync(cancellationToken);
            if (cards.Count == 0)
            {
                return Result.NotFound().As<ElderStatement>();
            }

            var subsidy = cards.Select(c => c.SubsidyAccountId).ToHashSet();
            var self = cards.Select(c => c.SelfAccountId).ToHashSet();
            var accounts = subsidy.Concat(self).ToList();
            var (from, to) = YearMonth.Range(query.Month);
            var before = await db.Set<LedgerLine>().Where(l => accounts.Contains(l.AccountId))
                .Join(db.Set<LedgerEntry>().Where(e => e.AtUtc < from), l => l.EntryId, e => e.Id, (l, e) => new { l.AccountId, l.Amount })
                .GroupBy(l => l.AccountId).Select(g => new { g.Key, Total = g.Sum(l => l.Amount) }).ToListAsync(cancellationToken);
            var entries = await db.Set<LedgerEntry>().AsNoTracking().Where(e => e.AtUtc >= from && e.AtUtc < to && e.Lines.Any(l => accounts.Contains(l.AccountId)))
                .Include(e => e.Lines).OrderBy(e => e.AtUtc).ThenBy(e => e.Id).ToListAsync(cancellationToken);
            var orgIds = entries.Where(e => e.OrganisationId is not null).Select(e => e.OrganisationId!.Value).Distinct().ToList();
            var orgs = await db.Organisations.AsNoTracking().Where(o => orgIds.Contains(o.Id)).ToDictionaryAsync(o => o.Id, o => o.Name, cancellationToken);
            var lines = entries.Select(e => new StatementLine(e.AtUtc, e.Kind, e.OrganisationId is { } o ? orgs.GetValueOrDefault(o) : null, e.Note,
                    e.Lines.Where(l => subsidy.Contains(l.AccountId)).Sum(l => l.Amount), e.Lines.Where(l => self.Contains(l.AccountId)).Sum(l => l.Amount)))
                .Where(l => l.SubsidyChange != 0 || l.SelfChange != 0).ToList();
            var subsidyOpening = before.Where(b => subsidy.Contains(b.Key)).Sum(b => b.Total);
            var selfOpening = before.Where(b => self.Contains(b.Key)).Sum(b => b.Total);
            var last = cards[^1];
            return new ElderStatement(query.ElderId, last.ElderName, "****" + last.IdNumberTail, last.RegionCode, query.Month, cards.Select(c => c.Number).ToList(),
                subsidyOpening, selfOpening, lines, subsidyOpening + lines.Sum(l => l.SubsidyChange), selfOpening + lines.Sum(l => l.SelfChange));
        }
    }
}
