using FluentValidation;
using SmartEldercare.Reports.Generation;
using SmartEldercare.Reports.Runs;

namespace SmartEldercare.Reports.Features;

/// <summary>A done report: its run and its document (sections with figures and tables, localized at render).</summary>
public sealed record ReportDetails(ReportRunView Run, ReportDocument? Document);

/// <summary>A report with its document once done; 404 outside the user's scope.</summary>
public static class GetReport
{
    public sealed record Query(Guid Id) : RequiresPermission(Permissions.ReportsRead), IQuery<Result<ReportDetails>>;

    public sealed class Handler(IDbContextFactory<EldercareDbContext> dbs, ICurrentUser user, RegionDirectory regions, ReportGenerator generator, IStringLocalizer<Strings> l)
        : IQueryHandler<Query, Result<ReportDetails>>
    {
        public async ValueTask<Result<ReportDetails>> Handle(Query query, CancellationToken cancellationToken)
        {
            await using var db = await dbs.CreateDbContextAsync(cancellationToken);
            var run = await db.Set<ReportRun>().AsNoTracking().Where(r => r.Id == query.Id)
                .Select(r => new ReportRun
                {
                    Id = r.Id, Kind = r.Kind, Month = r.Month, RegionCode = r.RegionCode, Status = r.Status, Progress = r.Progress, RequestedBy = r.RequestedBy,
                    CreatedAtUtc = r.CreatedAtUtc, CompletedAtUtc = r.CompletedAtUtc, Error = r.Error, Content = r.Content,
                })
                .SingleOrDefaultAsync(cancellationToken);
            if (run is null || !ReportViews.InScope(user, run))
            {
                return Result.NotFound().As<ReportDetails>();
            }

            var document = run.Status == ReportRunStatus.Done && run.Content is not null ? ReportDocument.FromJson(run.Content) : null;
            return Result<ReportDetails>.Ok(new ReportDetails(await ReportViews.ViewAsync(run, regions, generator, l, cancellationToken), document));
        }
    }
}
