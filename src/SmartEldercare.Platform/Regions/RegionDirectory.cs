using Microsoft.EntityFrameworkCore;
using SmartEldercare.Platform.Persistence;

namespace SmartEldercare.Platform.Regions;

/// <summary>Region names and hierarchy, read once from the database (about a hundred rows) and kept in memory.</summary>
public sealed class RegionDirectory(IDbContextFactory<EldercareDbContext> dbs) : IDisposable
{
    private IReadOnlyDictionary<string, Region>? byCode;
    private readonly SemaphoreSlim gate = new(1, 1);

    public async ValueTask<IReadOnlyDictionary<string, Region>> AllAsync(CancellationToken ct = default)
    {
        if (byCode is { } cached)
        {
            return cached;
        }

        await gate.WaitAsync(ct);
        try
        {
            if (byCode is null)
            {
                await using var db = await dbs.CreateDbContextAsync(ct);
                var regions = await db.Regions.AsNoTracking().ToListAsync(ct);
                byCode = regions.ToDictionary(r => r.Code, StringComparer.Ordinal);
            }

            return byCode;
        }
        finally
        {
            gate.Release();
        }
    }

    public async ValueTask<Region?> FindAsync(string? code, CancellationToken ct = default) =>
        code is not null && (await AllAsync(ct)).TryGetValue(code, out var region) ? region : null;

    /// <summary>"杨柳青镇 / 英伦名苑社区": the path below the district, for lists.</summary>
    public async ValueTask<string> PathAsync(string code, CancellationToken ct = default)
    {
        var all = await AllAsync(ct);
        var names = new List<string>(3);
        for (var c = code; c is not null && all.TryGetValue(c, out var r); c = r.ParentCode)
        {
            if (r.Level != RegionLevel.District || names.Count == 0)
            {
                names.Insert(0, r.Name);
            }
        }

        return names.Count == 0 ? code : string.Join(" / ", names);
    }

    public void Invalidate() => byCode = null;

    public void Dispose() => gate.Dispose();
}
