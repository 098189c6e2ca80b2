using System.Globalization;
using System.Text;
using MiniExcelLibs;
using SmartEldercare.HomeService.Settlements;

namespace SmartEldercare.HomeService.Features.Settlements;

public enum ExportFormat
{
    Xlsx,
    Csv,
}


/// <summary>
/// A settlement for the finance bureau: an Excel workbook (summary, paid visits, visits left out with their reasons) or
/// one CSV of every line (UTF-8 with BOM so Excel shows Chinese). Money (fen in the settlement) as yuan numbers with two decimals.
/// </summary>
public static class ExportSettlement
{
    public sealed record Query(Guid Id, ExportFormat Format = ExportFormat.Xlsx) : RequiresPermission(Permissions.HomeServiceDispatch), IQuery<Result<ExportFile>>, SmartEldercare.Platform.Privacy.IPersonalDataAccess;

    public sealed class Handler(IMediator mediator, IStringLocalizer<Strings> l) : IQueryHandler<Query, Result<ExportFile>>
    {
        public async ValueTask<Result<ExportFile>> Handle(Query query, CancellationToken cancellationToken)
        {
            var found = await mediator.Send(new GetSettlement.Query(query.Id), cancellationToken);
            if (!found.IsSuccess)
            {
                return found.As<ExportFile>();
            }

            var (summary, lines) = (found.Value!.Summary, found.Value.Lines);
            var name = $"settlement-{YearMonth.Label(summary.Month)}-{summary.ProviderId.ToString()[..8]}";
            return query.Format == ExportFormat.Csv
                ? new ExportFile(name + ".csv", "text/csv; charset=utf-8", Csv(lines), lines.Count)
                : new ExportFile(name + ".xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", Xlsx(summary, lines), lines.Count);
        }

        private Dictionary<string, object> Row(SettlementLine x) => new(StringComparer.Ordinal)
        {
            [l["HomeService.Export.Date"]] = x.ServiceDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            [l["HomeService.Export.Elder"]] = x.ElderName,
            [l["HomeService.Export.Region"]] = x.RegionName,
            [l["HomeService.Export.Item"]] = x.ItemName,
            [l["HomeService.Export.Quantity"]] = x.Quantity,
            [l["HomeService.Export.UnitPrice"]] = Fen.ToYuan(x.UnitPrice),
            [l["HomeService.Export.Amount"]] = Fen.ToYuan(x.Amount),
            [l["HomeService.Export.Subsidy"]] = Fen.ToYuan(x.Subsidy),
            [l["HomeService.Export.SelfPay"]] = Fen.ToYuan(x.SelfPay),
            [l["HomeService.Export.Included"]] = x.Included ? l["HomeService.Yes"].Value : l["HomeService.No"].Value,
            [l["HomeService.Export.Reason"]] = x.Exclusion is { } reason ? l.Enum(reason) : string.Empty,
            [l["HomeService.Export.Order"]] = x.OrderId.ToString(),
        };

        private byte[] Xlsx(SettlementSummary s, IReadOnlyList<SettlementLine> lines)
        {
            var key = l["HomeService.Export.Field"].Value;
            var value = l["HomeService.Export.Value"].Value;
            Dictionary<string, object> Pair(string field, object v) => new(StringComparer.Ordinal) { [key] = field, [value] = v };
            var summary = new List<Dictionary<string, object>>
            {
                Pair(l["HomeService.Provider"], s.ProviderName),
                Pair(l["HomeService.Month"], YearMonth.Label(s.Month)),
                Pair(l["HomeService.Settlement.Status"], l.Enum(s.Status)),
                Pair(l["HomeService.Settlement.Visits"], s.Visits),
                Pair(l["HomeService.Settlement.Units"], s.Units),
                Pair(l["HomeService.Export.Amount"], Fen.ToYuan(s.Amount)),
                Pair(l["HomeService.Export.Subsidy"], Fen.ToYuan(s.Subsidy)),
                Pair(l["HomeService.Export.SelfPay"], Fen.ToYuan(s.SelfPay)),
                Pair(l["HomeService.Settlement.Excluded"], s.Excluded),
                Pair(l["HomeService.Settlement.StreetApproval"], s.StreetApprovedBy is null ? string.Empty : $"{s.StreetApprovedBy} {ShanghaiTime.Format(s.StreetApprovedAtUtc!.Value)}"),
                Pair(l["HomeService.Settlement.DistrictApproval"], s.DistrictApprovedBy is null ? string.Empty : $"{s.DistrictApprovedBy} {ShanghaiTime.Format(s.DistrictApprovedAtUtc!.Value)}"),
            };
            var sheets = new Dictionary<string, object>(StringComparer.Ordinal)
            {
                [l["HomeService.Export.Sheet.Summary"]] = summary,
                [l["HomeService.Export.Sheet.Paid"]] = lines.Where(x => x.Included).Select(Row).ToList(),
                [l["HomeService.Export.Sheet.Excluded"]] = lines.Where(x => !x.Included).Select(Row).ToList(),
            };
            using var stream = new MemoryStream();
            stream.SaveAs(sheets, excelType: ExcelType.XLSX);
            return stream.ToArray();
        }

        private byte[] Csv(IReadOnlyList<SettlementLine> lines)
        {
            var rows = lines.Select(Row).ToList();
            var header = rows.Count > 0 ? rows[0].Keys.ToList() : [.. Row(new SettlementLine()).Keys];
            var text = new StringBuilder().AppendRow(header);
            foreach (var row in rows)
            {
                text.AppendRow(header.Select(h => row[h] is decimal money ? money.ToString("0.00", CultureInfo.InvariantCulture) : Convert.ToString(row[h], CultureInfo.InvariantCulture)));
            }

            return CsvText.Bytes(text);
        }
    }
}
