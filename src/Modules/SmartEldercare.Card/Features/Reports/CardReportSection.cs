using SmartEldercare.Card.Features.Statements;
using SmartEldercare.Card.Ledger;
using SmartEldercare.Platform.Reporting;

namespace SmartEldercare.Card.Features.Reports;

/// <summary>
/// The service card in the monthly report: the month's ledger entries of the scope's elders by kind (credits, payments,
/// top-ups, refunds, in yuan from summed fen) and the settlement per merchant of the scope (the settlement page's query).
/// </summary>
public sealed class CardReportSection(IDbContextFactory<EldercareDbContext> dbs) : MonthlyReportSection("card", "Reports.Section.Card", 60)
{
    public override async Task<ReportSection> BuildAsync(string scopeRegionCode, ReportMonth month, IProgress<double>? progress, CancellationToken ct)
    {
        var (from, to) = (month.StartUtc, month.EndUtc);
        List<KindSum> sums;
        await using (var db = await dbs.CreateDbContextAsync(ct))
        {
            sums = await db.Set<LedgerEntry>().AsNoTracking().InRegion(scopeRegionCode).Where(e => e.AtUtc >= from && e.AtUtc < to)
                .GroupBy(e => e.Kind)
                .Select(g => new KindSum(g.Key, g.Count(), g.Sum(e => e.Amount), g.Sum(e => e.SubsidyPart), g.Sum(e => e.SelfPart)))
                .ToListAsync(ct);
        }

        progress?.Report(0.5);
        var merchants = await MerchantTotals.ForAsync(dbs, scopeRegionCode, from, to, ct);
        KindSum Of(EntryKind kind) => sums.FirstOrDefault(s => s.Kind == kind) ?? new KindSum(kind, 0, 0, 0, 0);
        var (credit, payment, topUp, refund) = (Of(EntryKind.Credit), Of(EntryKind.Payment), Of(EntryKind.TopUp), Of(EntryKind.Refund));
        var figures = new List<ReportFigure>
        {
            new("Reports.Card.Credits", ReportFormat.Number(credit.Count)),
            new("Reports.Card.CreditedYuan", Yuan(credit.Amount)),
            new("Reports.Card.Payments", ReportFormat.Number(payment.Count)),
            new("Reports.Card.PaidYuan", Yuan(payment.Amount)),
            new("Reports.Card.PaidSubsidyYuan", Yuan(payment.Subsidy)),
            new("Reports.Card.PaidSelfYuan", Yuan(payment.Self)),
            new("Reports.Card.TopUpYuan", Yuan(topUp.Amount)),
            new("Reports.Card.RefundedYuan", Yuan(refund.Amount)),
            new("Reports.Card.SettlementYuan", Yuan(merchants.Sum(m => m.Payable))),
        };
        var rows = merchants.Select(m => (IReadOnlyList<string>)[m.Merchant, ReportFormat.Number(m.Payments), Yuan(m.Amount), ReportFormat.Number(m.Refunds), Yuan(m.Refunded), Yuan(m.Payable)]).ToList();
        progress?.Report(1);
        return new ReportSection(Key, TitleKey, figures,
        [
            new ReportTable("Reports.Card.Settlement", ["Reports.Column.Merchant", "Reports.Card.Payments", "Reports.Card.PaidYuan", "Reports.Card.Refunds", "Reports.Card.RefundedYuan", "Reports.Card.SettlementYuan"], rows),
        ]);
    }

    private static string Yuan(long fen) => ReportFormat.Money(fen);

    private sealed record KindSum(EntryKind Kind, int Count, long Amount, long Subsidy, long Self);
}
