using SmartEldercare.Platform.Elders;
using SmartEldercare.Welfare.Features.Away;

namespace SmartEldercare.Welfare.Features.Visits;

/// <summary>How many visits of the scope are overdue (the consoles' banner).</summary>
public static class CountOverdueVisits
{
    public sealed record Query() : RequiresPermission(Permissions.WelfareRead), IQuery<int>;

    public sealed class Handler(IDbContextFactory<EldercareDbContext> dbs, ICurrentUser user, IEnumerable<IHospitalStays> hospitals, TimeProvider clock) : IQueryHandler<Query, int>
    {
        public async ValueTask<int> Handle(Query query, CancellationToken cancellationToken)
        {
            // Above every page (the banner): only the elders' ids of the overdue visits, not the visits.
            await using var db = await dbs.CreateDbContextAsync(cancellationToken);
            var today = clock.Today();
            var elders = await VisitViews.Overdue(db, user, today).Select(v => v.ElderId).ToListAsync(cancellationToken);
            var absent = await Absences.AbsentOnAsync(db, hospitals, elders, today, cancellationToken);
            return elders.Count(e => !absent.Contains(e));
        }
    }
}
