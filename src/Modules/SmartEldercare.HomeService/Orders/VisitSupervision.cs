using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using SmartEldercare.HomeService.Catalogue;
using SmartEldercare.HomeService.Entitlements;
using SmartEldercare.Platform.Organisations;

namespace SmartEldercare.HomeService.Orders;

/// <summary>
/// Supervision of arrivals: no check-in <see cref="HomeServiceOptions.LateAfterMinutes"/> after the window opened is a
/// late warning, <see cref="HomeServiceOptions.MissedAfterMinutes"/> a missed visit that goes back to the dispatch
/// board, each pushed live to the street console. Safe with several instances: every change is a conditional update
/// on the order's concurrency token, so no order is warned or missed twice.
/// </summary>
public sealed class VisitSupervision(IDbContextFactory<EldercareDbContext> dbs, ILiveUpdates live, TimeProvider clock, HomeServiceOptions options, ILogger<VisitSupervision> logger)
{
    public async Task<int> RunOnceAsync(CancellationToken ct)
    {
        var now = clock.UtcNow();
        var lateBefore = now.AddMinutes(-options.LateAfterMinutes);
        var missedBefore = now.AddMinutes(-options.MissedAfterMinutes);
        await using var db = await dbs.CreateDbContextAsync(ct);
        var due = await db.Set<ServiceOrder>()
            .Where(o => (o.Status == OrderStatus.Requested || o.Status == OrderStatus.Dispatched || o.Status == OrderStatus.Assigned) && o.WindowStartUtc <= lateBefore)
            .OrderBy(o => o.WindowStartUtc).Take(200).ToListAsync(ct);
        var changes = new List<LiveUpdate>();
        foreach (var order in due)
        {
            if (db.Entry(order).State == EntityState.Detached)
            {
                db.Attach(order); // after a lost race cleared the tracker
            }

            var what = order.WindowStartUtc <= missedBefore ? (order.MarkMissed(now) ? "missed" : null) : order.MarkLate(now) ? "late" : null;
            if (what is null)
            {
                continue;
            }

            var update = OrderLive.Update(order, what, now);
            LiveEvent.Stage(db, update);
            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateConcurrencyException)
            {
                // Checked in (or dispatched again) meanwhile, or another instance got there first.
                db.ChangeTracker.Clear();
                continue;
            }

            changes.Add(update);
            logger.LogInformation("Home-service order {Order}: {What}", order.Id, what);
        }

        await live.PushAllAsync(changes, ct);

        return changes.Count;
    }
}

/// <summary>
/// Turns recurring plans into orders for the next <see cref="HomeServiceOptions.PlanDaysAhead"/> days (dispatched and
/// assigned when the plan names a provider and worker). A unique index on plan and day keeps it to one order a day,
/// whichever instance runs it; a day beyond the elder's entitlement without self-pay consent is skipped.
/// </summary>
public sealed class PlanScheduler(IDbContextFactory<EldercareDbContext> dbs, ILiveUpdates live, TimeProvider clock, HomeServiceOptions options, ILogger<PlanScheduler> logger)
{
    public async Task<int> RunOnceAsync(CancellationToken ct)
    {
        var today = clock.Today();
        var last = today.AddDays(options.PlanDaysAhead);
        await using var db = await dbs.CreateDbContextAsync(ct);
        var plans = await db.Set<ServicePlan>().AsNoTracking().Where(p => p.Active && p.FromDate <= last && (p.ToDate == null || p.ToDate >= today)).ToListAsync(ct);
        var created = 0;
        foreach (var plan in plans)
        {
            var existing = (await db.Set<ServiceOrder>().AsNoTracking().Where(o => o.PlanId == plan.Id && o.ServiceDate >= today).Select(o => o.ServiceDate).ToListAsync(ct)).ToHashSet();
            for (var day = today; day <= last; day = day.AddDays(1))
            {
                if (!plan.Serves(day) || existing.Contains(day))
                {
                    continue;
                }

                var order = await MakeAsync(db, plan, day, ct);
                if (order is null)
                {
                    continue;
                }

                var update = OrderLive.Update(order, order.Status == OrderStatus.Assigned ? "assigned" : order.Status == OrderStatus.Dispatched ? "dispatched" : "requested", clock.UtcNow());
                LiveEvent.Stage(db, update);
                try
                {
                    await db.SaveChangesAsync(ct);
                    created++;
                    await live.PushAsync(update, ct);
                }
                catch (DbUpdateException)
                {
                    // Another instance made this day's order first.
                    db.ChangeTracker.Clear();
                }
            }
        }

        return created;
    }

    private async Task<ServiceOrder?> MakeAsync(EldercareDbContext db, ServicePlan plan, DateOnly day, CancellationToken ct)
    {
        var start = ShanghaiTime.ToUtc(day).Add(plan.StartTime.ToTimeSpan());
        var now = clock.UtcNow();
        if (start < now)
        {
            return null;
        }

        var item = await db.Set<ServiceItem>().AsNoTracking().SingleOrDefaultAsync(i => i.Id == plan.ItemId && i.Active, ct);
        var elder = await db.Elders.AsNoTracking().SingleOrDefaultAsync(e => e.Id == plan.ElderId && e.Status == Platform.Elders.ElderStatus.Active, ct);
        if (item is null || elder is null)
        {
            return null;
        }

        if (!plan.SelfPayConsent && (await Balances.ViewAsync(db, elder, YearMonth.Of(day), ct)).Available < plan.Quantity)
        {
            logger.LogInformation("Plan {Plan}: {Day} beyond the elder's entitlement without self-pay consent, not ordered", plan.Id, day);
            return null;
        }

        var order = ServiceOrder.Request(plan.ElderId, plan.RegionCode, item, plan.Quantity, start, start.AddMinutes(plan.WindowMinutes), plan.SelfPayConsent, null, plan.Id, plan.CreatedBy, now);
        if (plan.ProviderId is { } providerId
            && await db.Organisations.AsNoTracking().SingleOrDefaultAsync(o => o.Id == providerId && o.Type == OrganisationType.ServiceProvider, ct) is { } provider
            && await db.Set<ProviderOffering>().AsNoTracking().SingleOrDefaultAsync(o => o.ProviderId == providerId && o.ItemId == item.Id && o.Active, ct) is { } offering)
        {
            order.Dispatch(provider.Id, provider.Name, offering.Price, plan.CreatedBy, now);
            if (plan.WorkerId is { } workerId && await db.Users.AsNoTracking().SingleOrDefaultAsync(u => u.Id == workerId && !u.IsDisabled && u.OrganisationId == providerId, ct) is { } worker)
            {
                order.Assign(worker.Id, worker.DisplayName, plan.CreatedBy, now);
            }
        }

        db.Add(order);
        return order;
    }
}

/// <summary>Runs supervision and the self-pay collection every <see cref="HomeServiceOptions.CheckEverySeconds"/> and the plan scheduler every hour.</summary>
internal sealed class HomeServiceBackgroundWork(VisitSupervision supervision, PlanScheduler plans, IServiceScopeFactory scopes, HomeServiceOptions options, TimeProvider clock, ILogger<HomeServiceBackgroundWork> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var period = TimeSpan.FromSeconds(Math.Max(1, options.CheckEverySeconds));
        using var timer = new PeriodicTimer(period, clock);
        var ticksPerHour = Math.Max(1, (long)(TimeSpan.FromHours(1) / period));
        var ticks = 0L;
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                try
                {
                    await supervision.RunOnceAsync(stoppingToken);
                    await using (var scope = scopes.CreateAsyncScope())
                    {
                        await scope.ServiceProvider.GetRequiredService<SelfPayCollection>().RunOnceAsync(stoppingToken);
                    }

                    if (ticks++ % ticksPerHour == 0)
                    {
                        await plans.RunOnceAsync(stoppingToken);
                    }
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    // The database may be briefly away (or not yet migrated): the next tick tries again.
                    logger.LogError(ex, "Home-service background check failed");
                }
            }
        }
        catch (OperationCanceledException)
        {
            // Stopping.
        }
    }
}
