using SmartEldercare.Platform.Seeding;
using SmartEldercare.Welfare.Allowance;
using SmartEldercare.Welfare.Visits;

namespace SmartEldercare.Welfare;

/// <summary>
/// Demo data of the welfare module: the allowance bands (demo values: 80+ ¥100, 90+ ¥200, 100+ ¥500 a month), the
/// district's visit plan, and in 英伦名苑社区 (the demo account <c>village</c>) last month's visits done and a few
/// overdue ones, so the overdue list, the banner and the coverage have content.
/// </summary>
public sealed class WelfareDemoData(IDbContextFactory<EldercareDbContext> dbs, VisitScheduler scheduler, TimeProvider clock) : IModuleDemoData
{
    public static readonly (int FromAge, long Amount)[] DemoBands = [(80, 100_00), (90, 200_00), (100, 500_00)];

    public async Task SeedAsync(CancellationToken ct = default)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        await SeedBandsAsync(db, ct);
        if (await db.Set<Visit>().AnyAsync(v => v.Status == VisitStatus.Done, ct))
        {
            return;
        }

        await scheduler.PlanAsync(RegionCatalog.DistrictCode, ct);
        var today = clock.Today();
        var now = clock.UtcNow();
        var planned = await db.Set<Visit>().Where(v => v.RegionCode == RegionCatalog.YinglunMingyuanCode && v.Status == VisitStatus.Planned)
            .OrderBy(v => v.ElderName).ThenBy(v => v.Id).Take(12).ToListAsync(ct);
        var i = 0;
        foreach (var visit in planned)
        {
            i++;
            // Two thirds visited, the rest overdue (a village has only a handful of 80+ elders in the demo).
            if (i <= Math.Max(1, planned.Count * 2 / 3))
            {
                // Visited last month (coverage), the next visit planned as usual.
                db.Add(Done(visit, today.AddMonths(-1).AddDays(i), i, now));
            }
            else
            {
                db.Add(new Visit
                {
                    ElderId = visit.ElderId, ElderName = visit.ElderName, RegionCode = visit.RegionCode, Tier = visit.Tier, Reason = VisitReason.Routine,
                    DueDate = today.AddDays(-i), AssignedToId = visit.AssignedToId, AssignedToName = visit.AssignedToName, CreatedAtUtc = now,
                });
            }
        }

        await db.SaveChangesAsync(ct);
    }

    private static Visit Done(Visit planned, DateOnly on, int i, DateTime now)
    {
        var visit = new Visit
        {
            ElderId = planned.ElderId, ElderName = planned.ElderName, RegionCode = planned.RegionCode, Tier = planned.Tier, Reason = VisitReason.Routine,
            DueDate = on, AssignedToId = planned.AssignedToId, AssignedToName = planned.AssignedToName, CreatedAtUtc = now,
        };
        visit.Record(on, i % 3 == 0 ? VisitMode.Phone : VisitMode.Home, Wellbeing.Good, i % 4 == 0 ? Wellbeing.Fair : Wellbeing.Good, Wellbeing.Good,
            i % 5 == 0 ? "希望有人陪同就医" : null, FollowUps.None, "老人精神良好", planned.AssignedToName ?? "英伦名苑社区 张丽", now);
        return visit;
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
