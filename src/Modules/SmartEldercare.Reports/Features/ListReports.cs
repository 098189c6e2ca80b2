using FluentValidation;
using SmartEldercare.Reports.Generation;
using SmartEldercare.Reports.Runs;

namespace SmartEldercare.Reports.Features;

/// <summary>The reports of the user's scope, newest first; optionally only of one month, one kind, or one region.</summary>
public static class ListReports
{
    /// <param name="Page">1-based.</param>
    /// <param name="PageSize">1–100.</param>
    /// <param name="Month">yyyyMM, or null for every month.</param>
    /// <param name="Kind"><c>overall</c> or a scenario key, or null for every kind.</param>
    /// <param name="RegionCode">Only the reports of exactly this region (within the user's scope), or null for the whole scope.</param>
    public sealed record Query(int Page = 1, int PageSize = 20, int? Month = null, string? Kind = null, string? RegionCode = null)
        : IQuery<PagedResult<ReportRunView>>, IRequirePermission
    {
        public string Permission => Permissions.ReportsRead;
    }

    public sealed class Handler(IDbContextFactory<EldercareDbContext> dbs, ICurrentUser user, RegionDirectory regions, ReportGenerator generator, IStringLocalizer<Strings> l)
        : IQueryHandler<Query, PagedResult<ReportRunView>>
    {
        public async ValueTask<PagedResult<ReportRunView>> Handle(Query query, CancellationToken cancellationToken)
        {
            var (page, size) = (Math.Max(1, query.Page), Math.Clamp(query.PageSize, 1, 100));
            await using var db = await dbs.CreateDbContextAsync(cancellationToken);
            var runs = db.Set<ReportRun>().AsNoTracking().InScopeOf(user);
            if (query.Month is { } month)
            {
                runs = runs.Where(r => r.Month == month);
            }

            if (!string.IsNullOrEmpty(query.Kind))
            {
                runs = runs.Where(r => r.Kind == query.Kind);
            }

            if (!string.IsNullOrEmpty(query.RegionCode))
            {
                runs = runs.Where(r => r.RegionCode == query.RegionCode);
            }

            var total = await runs.CountAsync(cancellationToken);
            var items = await runs.OrderByDescending(r => r.CreatedAtUtc).ThenByDescending(r => r.Id).Skip((page - 1) * size).Take(size)
                .Select(r => new ReportRun
                {
                    Id = r.Id, Kind = r.Kind, Month = r.Month, RegionCode = r.RegionCode, Status = r.Status, Progress = r.Progress, RequestedBy = r.RequestedBy,
                    CreatedAtUtc = r.CreatedAtUtc, CompletedAtUtc = r.CompletedAtUtc, Error = r.Error,
                })
                .ToListAsync(cancellationToken);
            var views = new List<ReportRunView>(items.Count);
            foreach (var r in items)
            {
                views.Add(await ReportViews.ViewAsync(r, regions, generator, l, cancellationToken));
            }

            return new PagedResult<ReportRunView>(views, total, page, size);
        }
    }
}
