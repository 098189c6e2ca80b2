using Microsoft.EntityFrameworkCore;
using SmartEldercare.Platform.Persistence;
using SmartEldercare.Platform.Seeding;
using SmartEldercare.Welfare.Allowance;

namespace SmartEldercare.Welfare;

/// <summary>Demo data of the welfare module: the allowance bands (demo values: 80+ ¥100, 90+ ¥200, 100+ ¥500 a month).</summary>
public sealed class WelfareDemoData(IDbContextFactory<EldercareDbContext> dbs) : IModuleDemoData
{
    public static readonly (int FromAge, decimal Amount)[] DemoBands = [(80, 100m), (90, 200m), (100, 500m)];

    public async Task SeedAsync(CancellationToken ct = default)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        await SeedBandsAsync(db, ct);
    }

    public static async Task SeedBandsAsync(EldercareDbContext db, CancellationToken ct)
    {
        if (await db.Set<AllowanceBand>().AnyAsync(ct))
        {
            return;
        }

        db.AddRange(DemoBands.Select(b => new AllowanceBand { FromAge = b.FromAge, MonthlyAmount = b.Amount }));
        await db.SaveChangesAsync(ct);
    }
}
