using SmartEldercare.Platform.Elders;

namespace SmartEldercare.Emergency.Alarms;

/// <summary>The emergency module's alarms per elder, published to other modules through the platform contract.</summary>
public sealed class ElderAlarmHistory(IDbContextFactory<EldercareDbContext> dbs) : IElderAlarmHistory
{
    public async Task<IReadOnlyDictionary<Guid, int>> CountsSinceAsync(IReadOnlyCollection<Guid> elderIds, DateTime sinceUtc, CancellationToken ct = default)
    {
        var counts = new Dictionary<Guid, int>();
        if (elderIds.Count == 0)
        {
            return counts;
        }

        await using var db = await dbs.CreateDbContextAsync(ct);
        foreach (var chunk in elderIds.Distinct().Chunk(500))
        {
            var found = await db.Set<Alarm>().AsNoTracking()
                .Where(a => a.ElderId != null && chunk.Contains(a.ElderId.Value) && a.RaisedAtUtc >= sinceUtc)
                .GroupBy(a => a.ElderId!.Value).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(ct);
            foreach (var f in found)
            {
                counts[f.Key] = f.Count;
            }
        }

        return counts;
    }
}
