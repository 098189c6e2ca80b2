using Microsoft.Extensions.Logging;
using SmartEldercare.Emergency.Alarms;

namespace SmartEldercare.Emergency.Features.Alarms;

/// <summary>
/// The shared orchestration of an alarm transition: load in scope, apply the entity's rule, commit under the
/// concurrency token, publish after the commit. A lost race answers who got there first.
/// </summary>
public sealed class AlarmChange(IDbContextFactory<EldercareDbContext> dbs, ICurrentUser user, ILiveUpdates live, TimeProvider clock, EmergencyMetrics metrics, IStringLocalizer<Strings> l, ILogger<AlarmChange> logger)
{
    public async Task<Result> ApplyAsync(Guid alarmId, string what, Func<Alarm, DateTime, Result> change, CancellationToken ct)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        var alarm = await db.Set<Alarm>().InScopeOf(user).SingleOrDefaultAsync(a => a.Id == alarmId, ct);
        if (alarm is null)
        {
            return Result.NotFound();
        }

        var wasOpen = alarm.IsOpen;
        var wasUnacknowledged = alarm.Status == AlarmStatus.Raised;
        var now = clock.UtcNow();
        var outcome = change(alarm, now);
        if (!outcome.IsSuccess)
        {
            return outcome.Status == ResultStatus.Conflict && alarm.AcknowledgedBy is not null && what == "acknowledged"
                ? Result.Conflict(l["Alarms.AlreadyAcknowledgedBy", alarm.AcknowledgedBy, ShanghaiTime.Format(alarm.AcknowledgedAtUtc!.Value)])
                : outcome.Localized(l);
        }

        // The feed row commits with the transition it reports.
        var update = AlarmLive.Update(alarm, what, now,
            openDelta: wasOpen && !alarm.IsOpen ? -1 : 0,
            unacknowledgedDelta: wasUnacknowledged && alarm.Status != AlarmStatus.Raised ? -1 : 0);
        LiveEvent.Stage(db, update);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            // Someone else changed it first (two people acknowledging at once): say who, from the stored record.
            await using var fresh = await dbs.CreateDbContextAsync(ct);
            var winner = await fresh.Set<Alarm>().AsNoTracking().SingleAsync(a => a.Id == alarmId, ct);
            return winner.AcknowledgedBy is { } by
                ? Result.Conflict(l["Alarms.AlreadyAcknowledgedBy", by, ShanghaiTime.Format(winner.AcknowledgedAtUtc!.Value)])
                : Result.Conflict(l["Common.ChangedByOthers"]);
        }

        metrics.Transitioned(alarm, wasUnacknowledged, now);
        logger.LogInformation("Alarm {AlarmId} {Transition} by user {UserId}", alarm.Id, what, user.Id);
        await live.PushAsync(update, ct);
        return Result.Ok();
    }
}
