using FluentValidation;
using MiniExcelLibs;
using SmartEldercare.Welfare.Allowance;

namespace SmartEldercare.Welfare.Features.Allowance;


/// <summary>
/// The month's lists of the scope for the finance bureau: a summary sheet (one row per village with its approvals) and
/// every line with the age and band that explain it; ID numbers masked, money (fen in the lists) as yuan numbers with two decimals.
/// </summary>
public static class ExportAllowanceMonth
{
    public const string XlsxType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    public sealed record Query(int Month) : RequiresPermission(Permissions.WelfareApprove), IQuery<Result<ExportFile>>, SmartEldercare.Platform.Privacy.IPersonalDataAccess;

    public sealed class Validator : AbstractValidator<Query>
    {
        public Validator(IStringLocalizer<Strings> l) => RuleFor(q => q.Month).Must(YearMonth.IsValid).WithMessage(l["Welfare.Month.Invalid"]);
    }

    public sealed class Handler(IDbContextFactory<EldercareDbContext> dbs, ICurrentUser user, RegionDirectory regions, IStringLocalizer<Strings> l) : IQueryHandler<Query, Result<ExportFile>>
    {
        public async ValueTask<Result<ExportFile>> Handle(Query query, CancellationToken cancellationToken)
        {
            await using var db = await dbs.CreateDbContextAsync(cancellationToken);
            var lists = await db.Set<AllowanceList>().AsNoTracking().InScopeOf(user).Where(a => a.Month == query.Month).Include(a => a.Lines).ToListAsync(cancellationToken);
            if (lists.Count == 0)
            {
                return Result.NotFound(l["Welfare.Allowance.NoList"]).As<ExportFile>();
            }

            var all = await regions.AllAsync(cancellationToken);
            string NameOf(string code) => all.GetValueOrDefault(code)?.Name ?? code;
            string Approval(string? by, DateTime? at) => by is null ? string.Empty : $"{by} {ShanghaiTime.Format(at!.Value)}";
            var ordered = lists.OrderBy(a => a.RegionCode, StringComparer.Ordinal).ToList();
            var summary = ordered.Select(a => new Dictionary<string, object>(StringComparer.Ordinal)
            {
                [l["Welfare.Export.Street"]] = NameOf(a.RegionCode[..9]),
                [l["Welfare.Export.Village"]] = NameOf(a.RegionCode),
                [l["Welfare.Month"]] = YearMonth.Label(a.Month),
                [l["Welfare.Allowance.Status"]] = l.Enum(a.Status).ToString(),
                [l["Welfare.Allowance.Elders"]] = a.Elders,
                [l["Welfare.Allowance.Total"]] = Fen.ToYuan(a.Total),
                [l["Welfare.Allowance.VillageApproval"]] = Approval(a.VillageApprovedBy, a.VillageApprovedAtUtc),
                [l["Welfare.Allowance.StreetApproval"]] = Approval(a.StreetApprovedBy, a.StreetApprovedAtUtc),
                [l["Welfare.Allowance.DistrictApproval"]] = Approval(a.DistrictApprovedBy, a.DistrictApprovedAtUtc),
            }).ToList();
            var lines = ordered.SelectMany(a => a.Lines.OrderBy(x => x.BirthDate).ThenBy(x => x.ElderId).Select(x => new Dictionary<string, object>(StringComparer.Ordinal)
            {
                [l["Welfare.Export.Street"]] = NameOf(a.RegionCode[..9]),
                [l["Welfare.Export.Village"]] = NameOf(a.RegionCode),
                [l["Welfare.Elder"]] = x.ElderName,
                [l["Welfare.IdNumber"]] = AllowanceViews.Line(x).IdNumberMasked,
                [l["Welfare.BirthYear"]] = x.BirthDate.Year,
                [l["Welfare.Allowance.AgeAtMonth"]] = x.Age,
                [l["Welfare.Allowance.Band"]] = x.BandFromAge,
                [l["Welfare.Allowance.Amount"]] = Fen.ToYuan(x.Amount),
            })).ToList();
            var sheets = new Dictionary<string, object>(StringComparer.Ordinal)
            {
                [l["Welfare.Export.Sheet.Summary"]] = summary,
                [l["Welfare.Export.Sheet.Lines"]] = lines,
            };
            using var stream = new MemoryStream();
            stream.SaveAs(sheets, excelType: ExcelType.XLSX);
            return new ExportFile($"longevity-allowance-{YearMonth.Label(query.Month)}-{user.RegionCode}.xlsx", XlsxType, stream.ToArray(), lines.Count);
        }
    }
}
