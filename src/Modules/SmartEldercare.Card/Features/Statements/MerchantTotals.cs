using FluentValidation;
using SmartEldercare.Card.Ledger;

namespace SmartEldercare.Card.Features.Statements;

internal static class MerchantTotals
{
    public static async Task<List<MerchantSettlement>> ForAsync(IDbContextFactory<EldercareDbContext> dbs, string scope, DateTime from, DateTime to, CancellationToken ct, Guid? terminal = null)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        var orgs = await db.Organisations.AsNoTracking().InRegion(scope).Select(o => new { o.Id, o.Name }).ToDictionaryAsync(o => o.Id, o => o.Name, ct);
        var entries = db.Set<LedgerEntry>().AsNoTracking().Where(e => e.AtUtc >= from && e.AtUtc < to && (e.Kind == EntryKind.Payment || e.Kind == EntryKind.Refund) && e.OrganisationId != null);
        if (terminal is not null)
        {
            entries = entries.Where(e => e.TerminalId == terminal);
        }

        var sums = await entries.GroupBy(e => new { e.OrganisationId, e.Kind })
            .Select(g => new { g.Key.OrganisationId, g.Key.Kind, Count = g.Count(), Amount = g.Sum(e => e.Amount), Subsidy = g.Sum(e => e.SubsidyPart), Self = g.Sum(e => e.SelfPart) })
            .ToListAsync(ct);
        return sums.Where(s => orgs.ContainsKey(s.OrganisationId!.Value)).GroupBy(s => s.OrganisationId!.Value).Select(g =>
        {
            var paid = g.FirstOrDefault(s => s.Kind == EntryKind.Payment);
            var refunds = g.FirstOrDefault(s => s.Kind == EntryKind.Refund);
            return new MerchantSettlement(g.Key, orgs[g.Key], paid?.Count ?? 0, paid?.Amount ?? 0, paid?.Subsidy ?? 0, paid?.Self ?? 0,
                refunds?.Count ?? 0, refunds?.Amount ?? 0, refunds?.Subsidy ?? 0, refunds?.Self ?? 0);
        }).OrderBy(m => m.Merchant, StringComparer.Ordinal).ToList();
    }
}
