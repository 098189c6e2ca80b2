using System.Globalization;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using MiniExcelLibs;
using SmartEldercare.Platform.Behaviors;
using SmartEldercare.Platform.Common;
using SmartEldercare.Platform.Elders;
using SmartEldercare.Platform.Identity;
using SmartEldercare.Platform.Localization;
using SmartEldercare.Platform.Organisations;
using SmartEldercare.Platform.Persistence;
using SmartEldercare.Platform.Regions;
using SmartEldercare.Social.Canteens;

namespace SmartEldercare.Social.Features.Canteens;

public sealed record CanteenRow(Guid Id, string Name, string RegionCode, string RegionName, int DineIn, int Delivery, int SubsidisedMeals, long SubsidyFen);

public sealed record StatementDay(DateOnly Date, int DineIn, int Delivery, int SubsidisedMeals, long SubsidyFen);

public sealed record StatementLine(long Id, DateOnly Date, Guid ElderId, string ElderName, MealMode Mode, string SubsidyGroup, long SubsidyFen, Guid? HomeServiceOrderId = null);

public sealed record CanteenStatement(Guid CanteenId, string Name, string RegionName, int Month, IReadOnlyList<StatementDay> Days, IReadOnlyList<StatementLine> Lines)
{
    public int DineIn => Days.Sum(d => d.DineIn);

    public int Delivery => Days.Sum(d => d.Delivery);

    public long SubsidyFen => Lines.Sum(l => l.SubsidyFen);
}

public sealed record StatementFile(string FileName, string ContentType, byte[] Content);

public static class SocialMonth
{
    public static int Of(DateOnly day) => day.Year * 100 + day.Month;

    public static bool IsValid(int month) => month / 100 is >= 2000 and <= 2100 && month % 100 is >= 1 and <= 12;

    public static DateOnly First(int month) => new(month / 100, month % 100, 1);

    public static string Label(int month) => First(month).ToString("yyyy-MM", CultureInfo.InvariantCulture);
}

/// <summary>The canteens (organisations of type canteen) of the scope with a month's meals and subsidies.</summary>
public static class ListCanteens
{
    public sealed record Query(int Month) : IQuery<IReadOnlyList<CanteenRow>>, IRequirePermission
    {
        public string Permission => Permissions.SocialRead;
    }

    public sealed class Handler(IDbContextFactory<EldercareDbContext> dbs, ICurrentUser user, RegionDirectory regions) : IQueryHandler<Query, IReadOnlyList<CanteenRow>>
    {
        public async ValueTask<IReadOnlyList<CanteenRow>> Handle(Query query, CancellationToken cancellationToken)
        {
            var (from, to) = SocialMonth.IsValid(query.Month) ? (SocialMonth.First(query.Month), SocialMonth.First(query.Month).AddMonths(1)) : (DateOnly.MinValue, DateOnly.MinValue);
            await using var db = await dbs.CreateDbContextAsync(cancellationToken);
            var canteens = await db.Organisations.AsNoTracking().InScopeOf(user).Where(o => o.Type == OrganisationType.Canteen).OrderBy(o => o.RegionCode).ThenBy(o => o.Name)
                .Select(o => new { o.Id, o.Name, o.RegionCode }).ToListAsync(cancellationToken);
            var ids = canteens.Select(c => c.Id).ToList();
            var days = await db.Set<MealDay>().AsNoTracking().Where(d => ids.Contains(d.CanteenId) && d.Date >= from && d.Date < to)
                .GroupBy(d => d.CanteenId).Select(g => new { Id = g.Key, DineIn = g.Sum(d => d.DineIn), Delivery = g.Sum(d => d.Delivery) }).ToListAsync(cancellationToken);
            var meals = await db.Set<SubsidisedMeal>().AsNoTracking().Where(m => ids.Contains(m.CanteenId) && m.Date >= from && m.Date < to)
                .GroupBy(m => m.CanteenId).Select(g => new { Id = g.Key, Count = g.Count(), Fen = g.Sum(m => m.SubsidyFen) }).ToListAsync(cancellationToken);
            var all = await regions.AllAsync(cancellationToken);
            return [.. canteens.Select(c =>
            {
                var d = days.FirstOrDefault(x => x.Id == c.Id);
                var m = meals.FirstOrDefault(x => x.Id == c.Id);
                return new CanteenRow(c.Id, c.Name, c.RegionCode, all.GetValueOrDefault(c.RegionCode)?.Name ?? c.RegionCode, d?.DineIn ?? 0, d?.Delivery ?? 0, m?.Count ?? 0, m?.Fen ?? 0);
            })];
        }
    }
}

/// <summary>Records (or corrects) a canteen's meals of a day: dine-in and delivery counts, never negative, never in the future.</summary>
public static class RecordMealDay
{
    public sealed record Command(Guid CanteenId, DateOnly Date, int DineIn, int Delivery) : ICommand<Result>, IRequirePermission
    {
        public string Permission => Permissions.SocialRecord;
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator(IStringLocalizer<Strings> l, TimeProvider clock)
        {
            RuleFor(c => c.DineIn).InclusiveBetween(0, 10_000).WithMessage(l["Social.Canteen.CountRange"]);
            RuleFor(c => c.Delivery).InclusiveBetween(0, 10_000).WithMessage(l["Social.Canteen.CountRange"]);
            RuleFor(c => c.Date).Must(d => d != default && d <= clock.Today()).WithMessage(l["Social.Canteen.DateInvalid"]);
        }
    }

    public sealed class Handler(IDbContextFactory<EldercareDbContext> dbs, ICurrentUser user, TimeProvider clock) : ICommandHandler<Command, Result>
    {
        public async ValueTask<Result> Handle(Command command, CancellationToken cancellationToken)
        {
            await using var db = await dbs.CreateDbContextAsync(cancellationToken);
            var canteen = await db.Organisations.AsNoTracking().InScopeOf(user).Where(o => o.Id == command.CanteenId && o.Type == OrganisationType.Canteen)
                .Select(o => new { o.Id, o.RegionCode }).SingleOrDefaultAsync(cancellationToken);
            if (canteen is null)
            {
                return Result.NotFound();
            }

            var day = await db.Set<MealDay>().SingleOrDefaultAsync(d => d.CanteenId == canteen.Id && d.Date == command.Date, cancellationToken);
            if (day is null)
            {
                day = new MealDay { CanteenId = canteen.Id, RegionCode = canteen.RegionCode, Date = command.Date };
                db.Add(day);
            }

            (day.DineIn, day.Delivery, day.RecordedBy, day.UpdatedAtUtc) = (command.DineIn, command.Delivery, user.DisplayName, clock.UtcNow());
            await db.SaveChangesAsync(cancellationToken);
            return Result.Ok();
        }
    }
}

/// <summary>An elder of the scope had a subsidised meal at a canteen: the subsidy follows the elder's key group (Social:MealSubsidyFen).</summary>
public static class RecordSubsidisedMeal
{
    public sealed record Command(Guid CanteenId, Guid ElderId, DateOnly Date, MealMode Mode) : ICommand<Result<long>>, IRequirePermission
    {
        public string Permission => Permissions.SocialRecord;
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator(IStringLocalizer<Strings> l, TimeProvider clock)
        {
            RuleFor(c => c.Date).Must(d => d != default && d <= clock.Today()).WithMessage(l["Social.Canteen.DateInvalid"]);
            RuleFor(c => c.Mode).IsInEnum();
        }
    }

    public sealed class Handler(IDbContextFactory<EldercareDbContext> dbs, ICurrentUser user, SocialOptions options, IStringLocalizer<Strings> l, IEnumerable<IMealDeliveryOrders> deliveries)
        : ICommandHandler<Command, Result<long>>
    {
        public async ValueTask<Result<long>> Handle(Command command, CancellationToken cancellationToken)
        {
            await using var db = await dbs.CreateDbContextAsync(cancellationToken);
            var district = user.RegionCode.Length >= 6 ? user.RegionCode[..6] : "~";
            // The canteen may be in a neighbouring street (elders eat where it is near); the elder must be of the scope.
            var canteen = await db.Organisations.AsNoTracking().InRegion(district).Where(o => o.Id == command.CanteenId && o.Type == OrganisationType.Canteen)
                .Select(o => new { o.Id, o.RegionCode }).SingleOrDefaultAsync(cancellationToken);
            var elder = await db.Elders.AsNoTracking().InScopeOf(user).Where(e => e.Id == command.ElderId && e.Status == ElderStatus.Active)
                .Select(e => new { e.Id, e.Name, e.RegionCode, e.KeyGroups, e.BirthDate }).SingleOrDefaultAsync(cancellationToken);
            if (canteen is null || elder is null)
            {
                return Result.NotFound().As<long>();
            }

            var subsidy = MealSubsidy.For(elder.KeyGroups, ShanghaiTime.AgeOn(elder.BirthDate, command.Date), options.MealSubsidyFen);
            if (subsidy is null)
            {
                return Result.Conflict(l["Social.Canteen.NotEligible"]).As<long>();
            }

            if (await db.Set<SubsidisedMeal>().AnyAsync(m => m.ElderId == elder.Id && m.Date == command.Date && m.Mode == command.Mode, cancellationToken))
            {
                return Result.Conflict(l["Social.Canteen.AlreadyRecorded"]).As<long>();
            }

            // A delivered meal is linked to the elder's home-service meal-delivery order of that day (the first not yet
            // linked), so the canteen's statement and the home-service orders tell of the same meal once.
            Guid? order = null;
            if (command.Mode == MealMode.Delivery)
            {
                foreach (var source in deliveries)
                {
                    var orders = await source.ForElderAsync(elder.Id, command.Date, cancellationToken);
                    var ids = orders.Select(o => o.OrderId).ToList();
                    var linked = ids.Count == 0 ? [] : await db.Set<SubsidisedMeal>().Where(m => m.HomeServiceOrderId != null && ids.Contains(m.HomeServiceOrderId.Value))
                        .Select(m => m.HomeServiceOrderId!.Value).ToListAsync(cancellationToken);
                    order ??= ids.Cast<Guid?>().FirstOrDefault(id => !linked.Contains(id!.Value));
                }
            }

            db.Add(new SubsidisedMeal
            {
                HomeServiceOrderId = order,
                CanteenId = canteen.Id, RegionCode = canteen.RegionCode, ElderId = elder.Id, ElderName = elder.Name, ElderRegionCode = elder.RegionCode, Date = command.Date,
                Mode = command.Mode, SubsidyGroup = subsidy.Value.Group, SubsidyFen = subsidy.Value.Fen, RecordedBy = user.DisplayName,
            });
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateException)
            {
                return Result.Conflict(l["Social.Canteen.AlreadyRecorded"]).As<long>();
            }

            return subsidy.Value.Fen;
        }
    }
}

/// <summary>A canteen's month: meals per day and every subsidised meal.</summary>
public static class GetCanteenStatement
{
    public sealed record Query(Guid CanteenId, int Month) : IQuery<Result<CanteenStatement>>, IRequirePermission
    {
        public string Permission => Permissions.SocialRead;
    }

    public sealed class Handler(IDbContextFactory<EldercareDbContext> dbs, ICurrentUser user, RegionDirectory regions) : IQueryHandler<Query, Result<CanteenStatement>>
    {
        public async ValueTask<Result<CanteenStatement>> Handle(Query query, CancellationToken cancellationToken) =>
            await StatementAsync(dbs, user, regions, query.CanteenId, query.Month, cancellationToken);

        internal static async Task<Result<CanteenStatement>> StatementAsync(IDbContextFactory<EldercareDbContext> dbs, ICurrentUser user, RegionDirectory regions, Guid canteenId, int month, CancellationToken ct)
        {
            if (!SocialMonth.IsValid(month))
            {
                return Result.NotFound().As<CanteenStatement>();
            }

            await using var db = await dbs.CreateDbContextAsync(ct);
            var canteen = await db.Organisations.AsNoTracking().InScopeOf(user).Where(o => o.Id == canteenId && o.Type == OrganisationType.Canteen)
                .Select(o => new { o.Id, o.Name, o.RegionCode }).SingleOrDefaultAsync(ct);
            if (canteen is null)
            {
                return Result.NotFound().As<CanteenStatement>();
            }

            var (from, to) = (SocialMonth.First(month), SocialMonth.First(month).AddMonths(1));
            var days = await db.Set<MealDay>().AsNoTracking().Where(d => d.CanteenId == canteen.Id && d.Date >= from && d.Date < to).ToListAsync(ct);
            var lines = await db.Set<SubsidisedMeal>().AsNoTracking().Where(m => m.CanteenId == canteen.Id && m.Date >= from && m.Date < to).OrderBy(m => m.Date).ThenBy(m => m.Id).ToListAsync(ct);
            var dates = days.Select(d => d.Date).Union(lines.Select(m => m.Date)).Order().ToList();
            var all = await regions.AllAsync(ct);
            return new CanteenStatement(canteen.Id, canteen.Name, all.GetValueOrDefault(canteen.RegionCode)?.Name ?? canteen.RegionCode, month,
                [.. dates.Select(date =>
                {
                    var d = days.FirstOrDefault(x => x.Date == date);
                    var m = lines.Where(x => x.Date == date).ToList();
                    return new StatementDay(date, d?.DineIn ?? 0, d?.Delivery ?? 0, m.Count, m.Sum(x => x.SubsidyFen));
                })],
                [.. lines.Select(m => new StatementLine(m.Id, m.Date, m.ElderId, m.ElderName, m.Mode, m.SubsidyGroup, m.SubsidyFen, m.HomeServiceOrderId))]);
        }
    }
}

/// <summary>The month's statement as .xlsx (MiniExcel, as the welfare allowance lists): a sheet of days and one of subsidised meals, money in yuan.</summary>
public static class ExportCanteenStatement
{
    public const string XlsxType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    public sealed record Query(Guid CanteenId, int Month) : IQuery<Result<StatementFile>>, IRequirePermission
    {
        public string Permission => Permissions.SocialRead;
    }

    public sealed class Handler(IDbContextFactory<EldercareDbContext> dbs, ICurrentUser user, RegionDirectory regions, IStringLocalizer<Strings> l) : IQueryHandler<Query, Result<StatementFile>>
    {
        public async ValueTask<Result<StatementFile>> Handle(Query query, CancellationToken cancellationToken)
        {
            var result = await GetCanteenStatement.Handler.StatementAsync(dbs, user, regions, query.CanteenId, query.Month, cancellationToken);
            if (!result.IsSuccess)
            {
                return Result.NotFound().As<StatementFile>();
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
            return new StatementFile($"canteen-{SocialMonth.Label(s.Month)}-{s.CanteenId:N}.xlsx", XlsxType, stream.ToArray());
        }
    }
}
