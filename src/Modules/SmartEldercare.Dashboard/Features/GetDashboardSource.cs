using SmartEldercare.Platform.Dashboard;

namespace SmartEldercare.Dashboard.Features;

/// <summary>One source's counters again (after a live update that concerns it), with its current month's trend counters.</summary>
public static class GetDashboardSource
{
    public sealed record Query(string RegionCode, string Source) : RequiresPermission(Permissions.DashboardRead), IQuery<Result<SourceFigures>>;

    public sealed class Handler(IEnumerable<IDashboardSource> sources, DashboardFiguresCache cache, ICurrentUser user, RegionDirectory regions, TimeProvider clock)
        : IQueryHandler<Query, Result<SourceFigures>>
    {
        public async ValueTask<Result<SourceFigures>> Handle(Query query, CancellationToken cancellationToken)
        {
            var resolved = await DashboardScope.ResolveAsync(query.RegionCode, user, regions, cancellationToken);
            if (!resolved.IsSuccess)
            {
                return resolved.As<SourceFigures>();
            }

            var source = sources.FirstOrDefault(s => s.Name == query.Source);
            if (source is null)
            {
                return Result.NotFound("Dashboard.UnknownRegion").As<SourceFigures>();
            }

            var period = DashboardPeriod.At(clock);
            var code = resolved.Value.Region.Code;
            var (figures, month) = await cache.ReadAsync(source, code, period, cancellationToken);
            return new SourceFigures(source.Name, source.TopicPrefixes, figures, month);
        }
    }
}
