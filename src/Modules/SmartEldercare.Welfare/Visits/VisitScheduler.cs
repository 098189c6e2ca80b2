using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using SmartEldercare.Platform.Elders;

namespace SmartEldercare.Welfare.Visits;

/// <summary>
/// Plans visits for the 80+ of a scope, set-based (a handful of queries whatever the number of elders): each active
/// elder without an open routine visit gets one, due one tier interval after the last visit (never visited: spread
/// over the first interval so a village's list does not fall due on one day), assigned to one of the village's staff;
/// a hospital discharge in the last two days gets a visit due the day after the discharge (within 24 hours). Safe
/// with several instances: the unique (elder, reason, due day) index refuses a second identical plan.
/// </summary>
public sealed class VisitScheduler(IDbContextFactory<EldercareDbContext> dbs, IServiceProvider services, WelfareOptions options, ILiveUpdates live, TimeProvider clock, ILogger<VisitScheduler> logger)
{
    public async Task<int> PlanAsync(string scope, CancellationToken ct = default)
    {
        var today = clock.Today();
        var now = clock.UtcNow();
        await using var db = await dbs.CreateDbContextAsync(ct);
        var cutoff = VeryOld.BornOnOrBefore(80, today);
        var elders = await db.Elders.AsNoTracking().InScope(scope).Where(e => e.Status == ElderStatus.Active && e.BirthDate <= cutoff)
            .Select(e => new { e.Id, e.Name, e.RegionCode, e.KeyGroups, e.CareLevel, e.BirthDate }).ToListAsync(ct);
        if (elders.Count == 0)
        {
            return 0;
        }

        var ids = elders.Select(e => e.Id).ToList();
        var alarms = new Dictionary<Guid, int>();
        foreach (var history in services.GetServices<IElderAlarmHistory>())
        {
            foreach (var (id, count) in await history.CountsSinceAsync(ids, now.AddDays(-options.RecentAlarmDays), ct))
            {
                alarms[id] = alarms.GetValueOrDefault(id) + count;
            }
        }

        var visits = db.Set<Visit>().AsNoTracking().InRegion(scope);
        var open = (await visits.Where(v => v.Status == VisitStatus.Planned && v.Reason == VisitReason.Routine).Select(v => v.ElderId).ToListAsync(ct)).ToHashSet();
        var lastDone = await visits.Where(v => v.Status == VisitStatus.Done).GroupBy(v => v.ElderId)
            .Select(g => new { ElderId = g.Key, Last = g.Max(v => v.VisitedOn) }).ToDictionaryAsync(x => x.ElderId, x => x.Last, ct);
        var staff = await StaffAsync(db, scope, ct);

        var planned = new List<Visit>();
        foreach (var e in elders.Where(e => !open.Contains(e.Id)))
        {
            var tier = RiskTiers.Of(e.KeyGroups, e.CareLevel, ShanghaiTime.AgeOn(e.BirthDate, today), alarms.GetValueOrDefault(e.Id));
            var every = options.EveryDays(tier);
            var due = lastDone.GetValueOrDefault(e.Id) is { } last
                ? Max(last.AddDays(every), today)
                : today.AddDays(Spread(e.Id, every));
            planned.Add(New(e.Id, e.Name, e.RegionCode, tier, VisitReason.Routine, due, staff, now));
        }

        var byId = elders.ToDictionary(e => e.Id);
        foreach (var hospital in services.GetServices<IHospitalStays>())
        {
            foreach (var stay in await hospital.DischargedAsync(scope, today.AddDays(-2), today, ct))
            {
                if (!byId.TryGetValue(stay.ElderId, out var e))
                {
                    continue;
                }

                var due = stay.To!.Value.AddDays(Math.Max(1, options.DischargeVisitWithinHours / 24));
                if (await visits.AnyAsync(v => v.ElderId == e.Id && v.Reason == VisitReason.Discharge && v.DueDate == due, ct) || planned.Any(p => p.ElderId == e.Id && p.Reason == VisitReason.Discharge && p.DueDate == due))
                {
                    continue;
                }

                planned.Add(New(e.Id, e.Name, e.RegionCode, RiskTier.High, VisitReason.Discharge, due, staff, now));
            }
        }

        if (planned.Count == 0)
        {
            return 0;
        }

        db.AddRange(planned);
        var update = new LiveUpdate(LiveUpdate.NewId(), scope, "welfare.visit.planned", planned.Count.ToString(System.Globalization.CultureInfo.InvariantCulture), now);
        LiveEvent.Stage(db, update);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException ex)
        {
            logger.LogInformation(ex, "Visits of {Scope} were planned at the same time elsewhere", scope);
            return 0;
        }

        await live.PushAsync(update, ct);
        return planned.Count;
    }

    private static DateOnly Max(DateOnly a, DateOnly b) => a > b ? a : b;

    /// <summary>A stable day within the first interval, from the elder's id.</summary>
    private static int Spread(Guid id, int every) => (int)((uint)id.GetHashCode() % (uint)Math.Max(1, every));

    private static Visit New(Guid elderId, string name, string region, RiskTier tier, VisitReason reason, DateOnly due, Dictionary<string, List<(Guid Id, string Name)>> staff, DateTime now)
    {
        var people = staff.GetValueOrDefault(region);
        var who = people is { Count: > 0 } ? people[(int)((uint)elderId.GetHashCode() % (uint)people.Count)] : ((Guid Id, string Name)?)null;
        return new Visit { ElderId = elderId, ElderName = name, RegionCode = region, Tier = tier, Reason = reason, DueDate = due, AssignedToId = who?.Id, AssignedToName = who?.Name, CreatedAtUtc = now };
    }

    /// <summary>Enabled village staff accounts per village of the scope.</summary>
    private static async Task<Dictionary<string, List<(Guid Id, string Name)>>> StaffAsync(EldercareDbContext db, string scope, CancellationToken ct)
    {
        var users = await (from u in db.Users
                           join ur in db.UserRoles on u.Id equals ur.UserId
                           join r in db.Roles on ur.RoleId equals r.Id
                           where r.Name == Roles.VillageStaff && !u.IsDisabled
                           select new { u.Id, u.DisplayName, u.RegionCode }).ToListAsync(ct);
        return users.Where(u => u.RegionCode.Length == 12 && RegionScope.Contains(scope, u.RegionCode)).GroupBy(u => u.RegionCode).ToDictionary(g => g.Key, g => g.OrderBy(u => u.DisplayName, StringComparer.Ordinal).Select(u => (u.Id, u.DisplayName)).ToList());
    }
}

/// <summary>Plans the district's visits at start-up and then every <see cref="WelfareOptions.ScheduleEveryMinutes"/>.</summary>
public sealed class VisitSchedulingService(VisitScheduler scheduler, WelfareOptions options, TimeProvider clock, ILogger<VisitSchedulingService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMinutes(Math.Max(1, options.ScheduleEveryMinutes)), clock);
        do
        {
            try
            {
                await scheduler.PlanAsync(RegionCatalog.DistrictCode, stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogWarning(ex, "Planning visits failed; trying again at the next tick");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
