using SmartEldercare.Platform.Elders;

namespace SmartEldercare.Welfare.Visits;

/// <summary>The welfare module's planned visits, published to other modules through the platform contract.</summary>
public sealed class PlannedVisitSource(IDbContextFactory<EldercareDbContext> dbs) : IPlannedVisits
{
    public async Task<IReadOnlyList<PlannedVisit>> PlannedAsync(string scope, DateOnly from, DateOnly to, CancellationToken ct = default)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        return await db.Set<Visit>().AsNoTracking().InRegion(scope)
            .Where(v => v.Status == VisitStatus.Planned && v.DueDate >= from && v.DueDate <= to)
            .OrderBy(v => v.DueDate).ThenBy(v => v.ElderName).Take(200)
            .Select(v => new PlannedVisit(v.Id, v.ElderId, v.ElderName, v.RegionCode, v.DueDate)).ToListAsync(ct);
    }

    public async Task<PlannedVisit?> FindPlannedAsync(Guid visitId, CancellationToken ct = default)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        return await db.Set<Visit>().AsNoTracking().Where(v => v.Id == visitId && v.Status == VisitStatus.Planned)
            .Select(v => new PlannedVisit(v.Id, v.ElderId, v.ElderName, v.RegionCode, v.DueDate)).SingleOrDefaultAsync(ct);
    }
}
