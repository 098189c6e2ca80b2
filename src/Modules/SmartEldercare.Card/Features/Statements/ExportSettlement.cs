using System.Globalization;
using FluentValidation;
using MiniExcelLibs;

namespace SmartEldercare.Card.Features.Statements;


/// <summary>The month's settlement with canteens and providers as .xlsx: one row per merchant and a total row; yuan
/// with two decimals converted from the summed fen, so the rows add up to the total exactly.</summary>
public static class ExportSettlement
{
    public const string XlsxType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    public sealed record Query(int Month) : RequiresPermission(Permissions.CardAdmin), IQuery<Result<ExportFile>>;

    public sealed class Validator : AbstractValidator<Query>
    {
        public Validator(IStringLocalizer<Strings> l) => RuleFor(q => q.Month).Must(YearMonth.IsValid).WithMessage(l["Card.Month.Invalid"]);
    }

    public sealed class Handler(IDbContextFactory<EldercareDbContext> dbs, ICurrentUser user, IStringLocalizer<Strings> l) : IQueryHandler<Query, Result<ExportFile>>
    {
        public async ValueTask<Result<ExportFile>> Handle(Query query, CancellationToken cancellationToken)
        {
            var (from, to) = YearMonth.Range(query.Month);
            var merchants = await MerchantTotals.ForAsync(dbs, user.RegionCode, from, to, cancellationToken);
            Dictionary<string, object> Row(string name, int payments, long amount, long subsidy, long self, long refunded, long payable) => new(StringComparer.Ordinal)
            {
                [l["Card.Settlement.Merchant"]] = name,
                [l["Card.Settlement.Month"]] = YearMonth.Label(query.Month),
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
            return new ExportFile($"card-settlement-{query.Month.ToString(CultureInfo.InvariantCulture)}.xlsx", XlsxType, stream.ToArray(), merchants.Count);
        }
    }
}
