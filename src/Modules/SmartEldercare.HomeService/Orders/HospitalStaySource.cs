using Microsoft.EntityFrameworkCore;
using SmartEldercare.Platform.Elders;
using SmartEldercare.Platform.Persistence;
using SmartEldercare.Platform.Regions;

namespace SmartEldercare.HomeService.Orders;

/// <summary>The home-service module's hospital stays, published to other modules through the platform contract.</summary>
public sealed class HospitalStaySource(IDbContextFactory<EldercareDbContext> dbs) : IHospitalStays
{
    public async Task<IReadOnlyList<HospitalStayPeriod>> OverlappingAsync(IReadOnlyCollection<Guid> elderIds, DateOnly from, DateOnly to, CancellationToken ct = default)
    {
        if (elderIds.Count == 0)
        {
            return [];
        }

        await using var db = await dbs.CreateDbContextAsync(ct);
        var found = new List<HospitalStayPeriod>();
        foreach (var chunk in elderIds.Distinct().Chunk(500))
        {
            found.AddRange(await db.Set<HospitalStay>().AsNoTracking()
                .Where(h => chunk.Contains(h.ElderId) && h.From <= to && (h.To == null || h.To >= from))
                .Select(h => new HospitalStayPeriod(h.ElderId, h.From, h.To)).ToListAsync(ct));
        }

        return found;
    }

    public async Task<IReadOnlyList<HospitalStayPeriod>> DischargedAsync(string scope, DateOnly from, DateOnly to, CancellationToken ct = default)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        return await db.Set<HospitalStay>().AsNoTracking().InRegion(scope)
            .Where(h => h.To != null && h.To >= from && h.To <= to)
            .Select(h => new HospitalStayPeriod(h.ElderId, h.From, h.To)).ToListAsync(ct);
    }
}
