using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace SmartEldercare.Facilities.Inspections;

/// <summary>
/// Open hazards past their deadline escalate once to the street and district consoles. The claim is a conditional
/// update (still open, not yet escalated, same deadline), so with several instances only one escalates each.
/// </summary>
public sealed class HazardEscalation(IDbContextFactory<EldercareDbContext> dbs, ILiveUpdates live, TimeProvider clock)
{
    public const int Batch = 200;

    /// <summary>Escalates what is due; answers how many.</summary>
    public async Task<int> RunOnceAsync(CancellationToken ct = default)
    {
        var now = clock.UtcNow();
        await using var db = await dbs.CreateDbContextAsync(ct);
        var due = await db.Set<Hazard>().AsNoTracking()
            .Where(h => h.Status == HazardStatus.Open && h.EscalatedAtUtc == null && h.DeadlineUtc < now)
            .OrderBy(h => h.DeadlineUtc).Take(Batch)
            .Select(h => new { h.Id, h.OrganisationId, h.RegionCode, h.DeadlineUtc })
            .ToListAsync(ct);
        var escalated = 0;
        foreach (var hazard in due)
        {
            // The claim and its feed row commit together, or neither does.
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            var claimed = await db.Set<Hazard>()
                .Where(h => h.Id == hazard.Id && h.Status == HazardStatus.Open && h.EscalatedAtUtc == null && h.DeadlineUtc == hazard.DeadlineUtc)
                .ExecuteUpdateAsync(s => s.SetProperty(h => h.EscalatedAtUtc, now).SetProperty(h => h.Version, h => h.Version + 1), ct);
            if (claimed == 1)
            {
                var update = FacilityLive.Update(hazard.RegionCode, hazard.OrganisationId, "hazard.overdue", now);
                LiveEvent.Stage(db, update);
                await db.SaveChangesAsync(ct);
                await transaction.CommitAsync(ct);
                escalated++;
                await live.PushAsync(update, ct);
            }
        }

        return escalated;
    }
}

internal sealed class FacilitiesBackgroundWork(HazardEscalation escalation, FacilitiesOptions options, TimeProvider clock, ILogger<FacilitiesBackgroundWork> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(Math.Max(1, options.CheckEverySeconds)), clock);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                try
                {
                    await escalation.RunOnceAsync(stoppingToken);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    // The database may be briefly away (or not yet migrated): the next tick tries again.
                    logger.LogError(ex, "Facilities overdue check failed");
                }
            }
        }
        catch (OperationCanceledException)
        {
            // Stopping.
        }
    }
}
