using FluentValidation;
using SmartEldercare.HomeService.Catalogue;
using SmartEldercare.HomeService.Features.Catalogue;
using SmartEldercare.HomeService.Features.Providers;
using SmartEldercare.HomeService.Orders;

namespace SmartEldercare.HomeService.Features.Kpi;

/// <summary>Orders of the month (cancelled ones left out) and their quality figures.</summary>
public sealed record ServiceFigures(int Orders, CreditFigures Quality);

public sealed record GroupFigures(string Key, string Name, ServiceFigures Figures);

public sealed record ServiceKpis(int Month, string RegionName, ServiceFigures Total, IReadOnlyDictionary<ServiceCategory, int> ByCategory,
    IReadOnlyList<GroupFigures> ByProvider, IReadOnlyList<GroupFigures> BySubRegion);

/// <summary>The month's home-service KPIs of the user's scope: orders by category, on-time and completion rates, satisfaction, per provider and per sub-region.</summary>
public static class GetServiceKpis
{
    public sealed record Query(int Month) : RequiresPermission(Permissions.HomeServiceRead), IQuery<ServiceKpis>;

    public sealed class Validator : AbstractValidator<Query>
    {
        public Validator(IStringLocalizer<Strings> l) => RuleFor(q => q.Month).Must(YearMonth.IsValid).WithMessage(l["HomeService.Month.Invalid"]);
    }

    internal sealed record Opinion(Guid OrderId, Guid ProviderId, int Satisfaction, bool IsComplaint);

    internal sealed record Row(Guid? ProviderId, string RegionCode, ServiceCategory Category, OrderStatus Status, DateTime WindowStartUtc, DateTime? CheckedInAtUtc, Guid Id);

    public sealed class Handler(IDbContextFactory<EldercareDbContext> dbs, ICurrentUser user, RegionDirectory regions, HomeServiceOptions options) : IQueryHandler<Query, ServiceKpis>
    {
        public async ValueTask<ServiceKpis> Handle(Query query, CancellationToken cancellationToken)
        {
            await using var db = await dbs.CreateDbContextAsync(cancellationToken);
            var (rows, opinions) = await LoadAsync(db, user.RegionCode, query.Month, cancellationToken);
            ServiceFigures Figures(IReadOnlyCollection<Row> subset) => Handler.Figures(subset, opinions, query.Month, options.LateAfterMinutes);

            var all = await regions.AllAsync(cancellationToken);
            var providers = (await ListCatalogue.ProvidersAsync(db, user, cancellationToken)).ToDictionary(p => p.Id, p => p.Name);
            var providerRows = rows.Where(r => r.ProviderId is not null).GroupBy(r => r.ProviderId!.Value)
                .Select(g => new GroupFigures(g.Key.ToString(), providers.GetValueOrDefault(g.Key) ?? "-", Figures([.. g])))
                .OrderByDescending(g => g.Figures.Orders).ToList();
            var childLength = user.RegionCode.Length == 6 ? 9 : 12;
            var subRegions = all.Values.Where(r => r.ParentCode == user.RegionCode).OrderBy(r => r.SortOrder)
                .Select(r => new GroupFigures(r.Code, r.Name, Figures([.. rows.Where(x => x.RegionCode.Length >= childLength && x.RegionCode[..childLength] == r.Code)])))
                .ToList();
            return new ServiceKpis(query.Month, all.GetValueOrDefault(user.RegionCode)?.Name ?? user.RegionCode, Figures(rows),
                Enum.GetValues<ServiceCategory>().ToDictionary(c => c, c => rows.Count(r => r.Category == c)), providerRows, subRegions);
        }

        /// <summary>The month's orders (cancelled ones left out) of a scope and their follow-ups; shared with the monthly report.</summary>
        internal static async Task<(List<Row> Rows, List<Opinion> Opinions)> LoadAsync(EldercareDbContext db, string scope, int month, CancellationToken ct)
        {
            var rows = await db.Set<ServiceOrder>().AsNoTracking().InRegion(scope).Where(o => o.Month == month && o.Status != OrderStatus.Cancelled)
                .Select(o => new Row(o.ProviderId, o.RegionCode, o.Category, o.Status, o.WindowStartUtc, o.CheckedInAtUtc, o.Id)).ToListAsync(ct);
            var ids = rows.Select(r => r.Id).ToList();
            var opinions = await db.Set<FollowUp>().AsNoTracking().InRegion(scope).Where(f => ids.Contains(f.OrderId))
                .Select(f => new Opinion(f.OrderId, f.ProviderId, f.Satisfaction, f.IsComplaint)).ToListAsync(ct);
            return (rows, opinions);
        }

        internal static ServiceFigures Figures(IReadOnlyCollection<Row> subset, List<Opinion> opinions, int month, int lateAfterMinutes)
        {
            var set = subset.Select(r => r.Id).ToHashSet();
            var visits = subset.Select(r => new CreditScore.Visit(r.ProviderId ?? Guid.Empty, r.Status, r.WindowStartUtc, r.CheckedInAtUtc, month)).ToList();
            var said = opinions.Where(o => set.Contains(o.OrderId)).Select(o => new CreditScore.Opinion(o.ProviderId, o.Satisfaction, o.IsComplaint, month)).ToList();
            return new ServiceFigures(subset.Count, CreditScore.Figures(month, visits, said, lateAfterMinutes));
        }
    }
}
