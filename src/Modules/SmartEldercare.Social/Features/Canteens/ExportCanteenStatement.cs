using System.Globalization;
using MiniExcelLibs;

namespace SmartEldercare.Social.Features.Canteens;


/// <summary>The month's statement as .xlsx (MiniExcel, as the welfare allowance lists): a sheet of days and one of subsidised meals, money in yuan.</summary>
public static class ExportCanteenStatement
{
    public const string XlsxType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    public sealed record Query(Guid CanteenId, int Month) : RequiresPermission(Permissions.SocialRead), IQuery<Result<ExportFile>>, SmartEldercare.Platform.Privacy.IPersonalDataAccess;

    public sealed class Handler(IDbContextFactory<EldercareDbContext> dbs, ICurrentUser user, RegionDirectory regions, IStringLocalizer<Strings> l) : IQueryHandler<Query, Result<ExportFile>>
    {
        public async ValueTask<Result<ExportFile>> Handle(Query query, CancellationToken cancellationToken)
        {
            var result = await GetCanteenStatement.Handler.StatementAsync(dbs, user, regions, query.CanteenId, query.Month, cancellationToken);
            if (!result.IsSuccess)
            {
                return Result.NotFound().As<ExportFile>();
            }

            var s = result.Value!;
            var days = s.Days.Select(d => new Dictionary<string, object>(StringComparer.Ordinal)
            {
                [l["Social.Canteen.Date"]] = d.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                [l["MealMode.DineIn"]] = d.DineIn,
                [l["MealMode.Delivery"]] = d.Delivery,
                [l["Social.Canteen.Subsidised"]] = d.SubsidisedMeals,
                [l["Social.Canteen.SubsidyYuan"]] = d.SubsidyFen / 100m,
            }).ToList();
            days.Add(new Dictionary<string, object>(StringComparer.Ordinal)
            {
                [l["Social.Canteen.Date"]] = l["Social.Canteen.Total"].Value,
                [l["MealMode.DineIn"]] = s.DineIn,
                [l["MealMode.Delivery"]] = s.Delivery,
                [l["Social.Canteen.Subsidised"]] = s.Lines.Count,
                [l["Social.Canteen.SubsidyYuan"]] = s.SubsidyFen / 100m,
            });
            var lines = s.Lines.Select(x => new Dictionary<string, object>(StringComparer.Ordinal)
            {
                [l["Social.Canteen.Date"]] = x.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                [l["Social.Elder"]] = x.ElderName,
                [l["Social.Canteen.Mode"]] = l[$"MealMode.{x.Mode}"].Value,
                [l["Social.Canteen.Group"]] = l[$"Social.Group.{x.SubsidyGroup}"].Value,
                [l["Social.Canteen.SubsidyYuan"]] = x.SubsidyFen / 100m,
            }).ToList();
            var sheets = new Dictionary<string, object>(StringComparer.Ordinal)
            {
                [l["Social.Canteen.Sheet.Days"]] = days,
                [l["Social.Canteen.Sheet.Meals"]] = lines,
            };
            using var stream = new MemoryStream();
            stream.SaveAs(sheets, excelType: ExcelType.XLSX);
            return new ExportFile($"canteen-{YearMonth.Label(s.Month)}-{s.CanteenId:N}.xlsx", XlsxType, stream.ToArray(), s.Lines.Count);
        }
    }
}
