using Microsoft.Extensions.Logging;
using SmartEldercare.Platform.Elders;
using SmartEldercare.Welfare.Features.Away;

namespace SmartEldercare.Welfare.Watch;

/// <summary>
/// The wellbeing watch of a scope, set-based: elders living alone with activity sensors whose last activity is older
/// than their threshold (default 24 h), or whose water use in the last 24 h is under theirs (default 10 L), get one
/// open welfare check — unless they are away or in hospital today. Checks still open at their deadline become
/// emergency alarms; each escalation is a conditional update (version token), so two instances never raise two alarms.
/// </summary>
public sealed class WellbeingWatch(IDbContextFactory<EldercareDbContext> dbs, IServiceProvider services, WelfareOptions options, ILiveUpdates live, TimeProvider clock, ILogger<WellbeingWatch> logger)
{
    public async Task<int> RaiseChecksAsync(string scope, CancellationToken ct = default)
    {
        var now = clock.UtcNow();
        var today = clock.Today();
        var activity = new List<ElderActivity>();
        var longest = Math.Max(options.InactivityHours, 24);
        await using var db = await dbs.CreateDbContextAsync(ct);
        var thresholds = await db.Set<WatchThreshold>().AsNoTracking().InRegion(scope).ToDictionaryAsync(t => t.ElderId, ct);
        longest = Math.Max(longest, thresholds.Values.Select(t => t.InactivityHours).DefaultIfEmpty(0).Max());
        foreach (var source in services.GetServices<IElderActivitySource>())
        {
            activity.AddRange(await source.ActivityAsync(scope, now.AddHours(-longest), now.AddHours(-24), ct));
        }

        if (activity.Count == 0)
        {
            return 0;
        }

        var ids = activity.Select(a => a.ElderId).Distinct().ToList();
        var alone = new Dictionary<Guid, (string Name, string Region)>();
        foreach (var chunk in ids.Chunk(500))
        {
            foreach (var e in await db.Elders.AsNoTracking().Where(e => chunk.Contains(e.Id) && e.Status == ElderStatus.Active && (e.KeyGroups & KeyGroups.LivingAlone) != 0)
                         .Select(e => new { e.Id, e.Name, e.RegionCode }).ToListAsync(ct))
            {
                alone[e.Id] = (e.Name, e.RegionCode);
            }
        }

        var open = (await db.Set<WelfareCheck>().AsNoTracking().InRegion(scope).Where(c => c.Status == CheckStatus.Open).Select(c => c.ElderId).ToListAsync(ct)).ToHashSet();
        var absent = await Absences.AbsentOnAsync(db, services.GetServices<IHospitalStays>(), [.. alone.Keys], today, ct);
        var raised = new List<WelfareCheck>();
        foreach (var group in activity.Where(a => alone.ContainsKey(a.ElderId) && !open.Contains(a.ElderId) && !absent.Contains(a.ElderId)).GroupBy(a => a.ElderId))
        {
            var custom = thresholds.GetValueOrDefault(group.Key);
            var hours = custom?.InactivityHours ?? options.InactivityHours;
            var minWater = custom?.MinWaterLitres ?? options.MinWaterLitres;
            var last = group.Max(a => a.LastActivityUtc);
            var meter = group.Any(a => a.HasWaterMeter);
            var water = group.Sum(a => a.WaterLitres ?? 0);
            CheckReason? reason = last is null || now - last.Value > TimeSpan.FromHours(hours) ? CheckReason.NoActivity
                : meter && water < minWater ? CheckReason.LowWater
                : null;
            if (reason is { } why)
            {
                var (name, region) = alone[group.Key];
                raised.Add(new WelfareCheck
                {
                    ElderId = group.Key, ElderName = name, RegionCode = region, Reason = why, LastActivityUtc = last, WaterLitres = meter ? water : null,
                    RaisedAtUtc = now, EscalateAtUtc = now.AddHours(options.EscalateCheckAfterHours),
                });
            }
        }

        if (raised.Count == 0)
        {
            return 0;
        }

        db.AddRange(raised);
        var updates = raised.Select(check => new LiveUpdate(LiveUpdate.NewId(), check.RegionCode, "welfare.check.raised", check.Id.ToString(), now)).ToList();
        updates.ForEach(u => LiveEvent.Stage(db, u));
        await db.SaveChangesAsync(ct);
        await live.PushAllAsync(updates, ct);

        return raised.Count;
    }

    /// <summary>Open checks past their deadline become emergency alarms (their elder not away or in hospital meanwhile: closed quietly).</summary>
    public async Task<int> EscalateAsync(CancellationToken ct = default)
    {
        var now = clock.UtcNow();
        await using var db = await dbs.CreateDbContextAsync(ct);
        var due = await db.Set<WelfareCheck>().Where(c => c.Status == CheckStatus.Open && c.EscalateAtUtc <= now).OrderBy(c => c.EscalateAtUtc).Take(200).ToListAsync(ct);
        if (due.Count == 0)
        {
            return 0;
        }

        var absent = await Absences.AbsentOnAsync(db, services.GetServices<IHospitalStays>(), [.. due.Select(c => c.ElderId)], clock.Today(), ct);
        var raiser = services.GetService<IRaiseWelfareAlarm>();
        var escalated = 0;
        foreach (var check in due)
        {
            if (absent.Contains(check.ElderId))
            {
                check.Complete("system", "away", now);
                await SaveAsync(db, ct);
                continue;
            }

            // Claim the check first (version token): only the instance that wins raises the alarm.
            check.Escalated(null, now);
            if (!await SaveAsync(db, ct))
            {
                continue;
            }

            var alarmId = raiser is null ? null : await raiser.RaiseAsync(check.ElderId, check.Reason == CheckReason.NoActivity ? "安康关注：长时间无活动，未按时上门查看" : "安康关注：用水量过低，未按时上门查看", ct);
            check.Escalated(alarmId, now);
            var escalatedUpdate = new LiveUpdate(LiveUpdate.NewId(), check.RegionCode, "welfare.check.escalated", check.Id.ToString(), now);
            LiveEvent.Stage(db, escalatedUpdate);
            if (await SaveAsync(db, ct))
            {
                await live.PushAsync(escalatedUpdate, ct);
            }
            escalated++;
        }

        return escalated;
    }

    private async Task<bool> SaveAsync(EldercareDbContext db, CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
            return true;
        }
        catch (DbUpdateConcurrencyException ex)
        {
            logger.LogInformation(ex, "A welfare check was handled elsewhere meanwhile");
            foreach (var entry in ex.Entries)
            {
                await entry.ReloadAsync(ct);
            }

            // A feed row staged for the change that lost goes with it.
            foreach (var staged in db.ChangeTracker.Entries<LiveEvent>().Where(e => e.State == EntityState.Added).ToList())
            {
                staged.State = EntityState.Detached;
            }

            return false;
        }
    }
}
