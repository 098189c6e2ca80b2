using System.Globalization;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using MiniExcelLibs;
using SmartEldercare.Card.Cards;
using SmartEldercare.Card.Features.Crediting;
using SmartEldercare.Card.Ledger;
using SmartEldercare.Platform.Behaviors;
using SmartEldercare.Platform.Common;
using SmartEldercare.Platform.Identity;
using SmartEldercare.Platform.Localization;
using SmartEldercare.Platform.Persistence;
using SmartEldercare.Platform.Regions;

namespace SmartEldercare.Card.Features.Statements;

public sealed record StatementLine(DateTime AtUtc, EntryKind Kind, string? Merchant, string? Note, long SubsidyChange, long SelfChange);

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
    public sealed record Query(Guid ElderId, int Month) : IQuery<Result<ElderStatement>>, IRequirePermission
    {
        public string Permission => Permissions.CardRead;
    }

    public sealed class Validator : AbstractValidator<Query>
    {
        public Validator(IStringLocalizer<Strings> l) => RuleFor(q => q.Month).Must(CardMonth.IsValid).WithMessage(l["Card.Month.Invalid"]);
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
            var (from, to) = CardMonth.Range(query.Month);
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

/// <summary>A merchant's month: what cards paid it, what was refunded, what the district owes it (all in fen, summed, never rounded).</summary>
public sealed record MerchantSettlement(Guid OrganisationId, string Merchant, int Payments, long Amount, long SubsidyPart, long SelfPart, int Refunds, long Refunded,
    long RefundedSubsidy, long RefundedSelf)
{
    public long Payable => Amount - Refunded;

    public long SubsidyPayable => SubsidyPart - RefundedSubsidy;

    public long SelfPayable => SelfPart - RefundedSelf;
}

public sealed record Settlement(int Month, IReadOnlyList<MerchantSettlement> Merchants)
{
    public long Payable => Merchants.Sum(m => m.Payable);

    public long SubsidyPayable => Merchants.Sum(m => m.SubsidyPayable);

    public long SelfPayable => Merchants.Sum(m => m.SelfPayable);
}

public static class GetSettlement
{
    public sealed record Query(int Month) : IQuery<Result<Settlement>>, IRequirePermission
    {
        public string Permission => Permissions.CardAdmin;
    }

    public sealed class Validator : AbstractValidator<Query>
    {
        public Validator(IStringLocalizer<Strings> l) => RuleFor(q => q.Month).Must(CardMonth.IsValid).WithMessage(l["Card.Month.Invalid"]);
    }

    public sealed class Handler(IDbContextFactory<EldercareDbContext> dbs, ICurrentUser user) : IQueryHandler<Query, Result<Settlement>>
    {
        public async ValueTask<Result<Settlement>> Handle(Query query, CancellationToken cancellationToken)
        {
            var (from, to) = CardMonth.Range(query.Month);
            return new Settlement(query.Month, await MerchantTotals.ForAsync(dbs, user.RegionCode, from, to, cancellationToken));
        }
    }
}

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

public sealed record ExportFile(string FileName, string ContentType, byte[] Content);

/// <summary>The month's settlement with canteens and providers as .xlsx: one row per merchant and a total row; yuan
/// with two decimals converted from the summed fen, so the rows add up to the total exactly.</summary>
public static class ExportSettlement
{
    public const string XlsxType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    public sealed record Query(int Month) : IQuery<Result<ExportFile>>, IRequirePermission
    {
        public string Permission => Permissions.CardAdmin;
    }

    public sealed class Validator : AbstractValidator<Query>
    {
        public Validator(IStringLocalizer<Strings> l) => RuleFor(q => q.Month).Must(CardMonth.IsValid).WithMessage(l["Card.Month.Invalid"]);
    }

    public sealed class Handler(IDbContextFactory<EldercareDbContext> dbs, ICurrentUser user, IStringLocalizer<Strings> l) : IQueryHandler<Query, Result<ExportFile>>
    {
        public async ValueTask<Result<ExportFile>> Handle(Query query, CancellationToken cancellationToken)
        {
            var (from, to) = CardMonth.Range(query.Month);
            var merchants = await MerchantTotals.ForAsync(dbs, user.RegionCode, from, to, cancellationToken);
            Dictionary<string, object> Row(string name, int payments, long amount, long subsidy, long self, long refunded, long payable) => new(StringComparer.Ordinal)
            {
                [l["Card.Settlement.Merchant"]] = name,
                [l["Card.Settlement.Month"]] = CardMonth.Label(query.Month),
                [l["Card.Settlement.Payments"]] = payments,
                [l["Card.Settlement.Amount"]] = Fen.ToYuan(amount),
                [l["Card.Settlement.Refunded"]] = Fen.ToYuan(refunded),
                [l["Card.Settlement.SubsidyPayable"]] = Fen.ToYuan(subsidy),
                [l["Card.Settlement.SelfPayable"]] = Fen.ToYuan(self),
                [l["Card.Settlement.Payable"]] = Fen.ToYuan(payable),
            };
            var rows = merchants.Select(m => Row(m.Merchant, m.Payments, m.Amount, m.SubsidyPayable, m.SelfPayable, m.Refunded, m.Payable)).ToList();
            rows.Add(Row(l["Card.Settlement.Total"], merchants.Sum(m => m.Payments), merchants.Sum(m => m.Amount), merchants.Sum(m => m.SubsidyPayable),
                merchants.Sum(m => m.SelfPayable), merchants.Sum(m => m.Refunded), merchants.Sum(m => m.Payable)));
            using var stream = new MemoryStream();
            await stream.SaveAsAsync(rows, sheetName: l["Card.Settlement.Title"], cancellationToken: cancellationToken);
            return new ExportFile($"card-settlement-{query.Month.ToString(CultureInfo.InvariantCulture)}.xlsx", XlsxType, stream.ToArray());
        }
    }
}

public sealed record ReconciliationRow(Guid OrganisationId, string Merchant, Guid? TerminalId, string Channel, int Payments, long Amount, long SubsidyPart, long SelfPart, int Refunds, long Refunded);

/// <summary>A day's takings per merchant and channel (each terminal, or the point of sale), for the canteen's till check.</summary>
public static class GetReconciliation
{
    public sealed record Query(DateOnly Day) : IQuery<IReadOnlyList<ReconciliationRow>>, IRequirePermission
    {
        public string Permission => Permissions.CardRead;
    }

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
