using FluentValidation;
using SmartEldercare.Card.Cards;
using SmartEldercare.Card.Ledger;

namespace SmartEldercare.Card.Features.Statements;

public sealed record ReconciliationRow(Guid OrganisationId, string Merchant, Guid? TerminalId, string Channel, int Payments, long Amount, long SubsidyPart, long SelfPart, int Refunds, long Refunded);

/// <summary>A day's takings per merchant and channel (each terminal, or the point of sale), for the canteen's till check.</summary>
public static class GetReconciliation
{
    public sealed record Query(DateOnly Day) : RequiresPermission(Permissions.CardRead), IQuery<IReadOnlyList<ReconciliationRow>>;

    public sealed class Handler(IDbContextFactory<EldercareDbContext> dbs, ICurrentUser user, IStringLocalizer<Strings> l) : IQueryHandler<Query, IReadOnlyList<ReconciliationRow>>
    {
        public async ValueTask<IReadOnlyList<ReconciliationRow>> Handle(Query query, CancellationToken cancellationToken)
        {
            var (from, to) = (ShanghaiTime.ToUtc(query.Day), ShanghaiTime.ToUtc(query.Day.AddDays(1)));
            await using var db = await dbs.CreateDbContextAsync(cancellationToken);
            var orgs = await db.Organisations.AsNoTracking().InScopeOf(user).Select(o => new { o.Id, o.Name }).ToDictionaryAsync(o => o.Id, o => o.Name, cancellationToken);
            var terminals = await db.Set<Terminal>().AsNoTracking().ToDictionaryAsync(t => t.Id, t => t.Code, cancellationToken);
            var sums = await db.Set<LedgerEntry>().AsNoTracking()
                .Where(e => e.AtUtc >= from && e.AtUtc < to && (e.Kind == EntryKind.Payment || e.Kind == EntryKind.Refund) && e.OrganisationId != null)
                .GroupBy(e => new { e.OrganisationId, e.TerminalId, e.Kind })
                .Select(g => new { g.Key.OrganisationId, g.Key.TerminalId, g.Key.Kind, Count = g.Count(), Amount = g.Sum(e => e.Amount), Subsidy = g.Sum(e => e.SubsidyPart), Self = g.Sum(e => e.SelfPart) })
                .ToListAsync(cancellationToken);
            return sums.Where(s => orgs.ContainsKey(s.OrganisationId!.Value)).GroupBy(s => (Org: s.OrganisationId!.Value, s.TerminalId)).Select(g =>
            {
                var paid = g.FirstOrDefault(s => s.Kind == EntryKind.Payment);
                var refunds = g.FirstOrDefault(s => s.Kind == EntryKind.Refund);
                var channel = g.Key.TerminalId is { } t ? terminals.GetValueOrDefault(t) ?? "-" : l["Card.Reconciliation.Pos"].Value;
                return new ReconciliationRow(g.Key.Org, orgs[g.Key.Org], g.Key.TerminalId, channel, paid?.Count ?? 0, paid?.Amount ?? 0, paid?.Subsidy ?? 0, paid?.Self ?? 0,
                    refunds?.Count ?? 0, refunds?.Amount ?? 0);
            }).OrderBy(r => r.Merchant, StringComparer.Ordinal).ThenBy(r => r.Channel, StringComparer.Ordinal).ToList();
        }
    }
}
