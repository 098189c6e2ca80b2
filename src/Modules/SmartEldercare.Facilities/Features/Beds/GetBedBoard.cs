using FluentValidation;
using SmartEldercare.Facilities.Beds;

namespace SmartEldercare.Facilities.Features.Beds;

public sealed record BedBoard(IReadOnlyList<BedItem> Beds, Occupancy Occupancy, IReadOnlyDictionary<BedState, int> ByState);

/// <summary>Every bed of an institution with its state and resident (name and age only), and the occupancy computed from them.</summary>
public static class GetBedBoard
{
    public sealed record Query(Guid OrganisationId) : RequiresPermission(Permissions.FacilitiesRead), IQuery<Result<BedBoard>>;

    public sealed class Handler(IDbContextFactory<EldercareDbContext> dbs, FacilityAccess access, TimeProvider clock) : IQueryHandler<Query, Result<BedBoard>>
    {
        public async ValueTask<Result<BedBoard>> Handle(Query query, CancellationToken cancellationToken)
        {
            await using var db = await dbs.CreateDbContextAsync(cancellationToken);
            if (await access.FindAsync(db, query.OrganisationId, cancellationToken) is null)
            {
                return Result.NotFound().As<BedBoard>();
            }

            var beds = await db.Set<Bed>().AsNoTracking().Where(b => b.OrganisationId == query.OrganisationId).OrderBy(b => b.Code).ToListAsync(cancellationToken);
            var elderIds = beds.Where(b => b.ResidentElderId != null).Select(b => b.ResidentElderId!.Value).ToList();
            var elders = await db.Elders.AsNoTracking().Where(e => elderIds.Contains(e.Id))
                .Select(e => new { e.Id, e.Name, e.BirthDate }).ToDictionaryAsync(e => e.Id, cancellationToken);
            var today = clock.Today();
            var items = beds.Select(b =>
            {
                var elder = b.ResidentElderId is { } id ? elders.GetValueOrDefault(id) : null;
                return new BedItem(b.Id, b.Code, b.State, b.ResidentElderId, elder?.Name, elder is null ? null : ShanghaiTime.AgeOn(elder.BirthDate, today), b.CareLevel, b.AdmittedOn, b.Version);
            }).ToList();
            var byState = Enum.GetValues<BedState>().ToDictionary(s => s, s => beds.Count(b => b.State == s));
            return Result<BedBoard>.Ok(new BedBoard(items, new Occupancy(beds.Count, beds.Count(b => b.ResidentElderId != null)), byState));
        }
    }
}
