using SmartEldercare.Facilities.Staff;

namespace SmartEldercare.Facilities.Features.Staff;

/// <summary>Residents per carer by care level (defaults until an admin changes them).</summary>
public static class GetCareRatios
{
    public sealed record Query() : RequiresPermission(Permissions.FacilitiesRead), IQuery<IReadOnlyList<CareRatioItem>>;

    public sealed class Handler(IDbContextFactory<EldercareDbContext> dbs) : IQueryHandler<Query, IReadOnlyList<CareRatioItem>>
    {
        public async ValueTask<IReadOnlyList<CareRatioItem>> Handle(Query query, CancellationToken cancellationToken)
        {
            await using var db = await dbs.CreateDbContextAsync(cancellationToken);
            return [.. (await StaffingWatch.RatiosAsync(db, cancellationToken)).OrderBy(r => r.Key).Select(r => new CareRatioItem(r.Key, r.Value))];
        }
    }
}
