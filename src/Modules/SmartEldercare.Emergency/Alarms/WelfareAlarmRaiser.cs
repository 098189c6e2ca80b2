using SmartEldercare.Platform.Elders;

namespace SmartEldercare.Emergency.Alarms;

/// <summary>
/// An undone welfare check becomes an inactivity alarm, raised as staff raise one by hand (RaiseAlarm): the same
/// entity rule, escalation deadline and live update, with the welfare watch as the actor.
/// </summary>
public sealed class WelfareAlarmRaiser(IDbContextFactory<EldercareDbContext> dbs, ILiveUpdates live, TimeProvider clock, EmergencyOptions options) : IRaiseWelfareAlarm
{
    public const string Actor = "关爱高龄·安康关注";

    public async Task<Guid?> RaiseAsync(Guid elderId, string note, CancellationToken ct = default)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        var elder = await db.Elders.AsNoTracking().Where(e => e.Id == elderId && e.Status == ElderStatus.Active)
            .Select(e => new { e.Id, e.RegionCode }).SingleOrDefaultAsync(ct);
        if (elder is null)
        {
            return null;
        }

        var now = clock.UtcNow();
        var alarm = Alarm.Raise(AlarmType.Inactivity, AlarmSource.Staff, elder.RegionCode, elder.Id, null, null, now,
            options.EscalateAfter(Alarm.PriorityOf(AlarmType.Inactivity)), Actor, note);
        db.Add(alarm);
        await db.SaveChangesAsync(ct);
        await live.PublishAsync(AlarmLive.Update(alarm, "raised", now, openDelta: 1, unacknowledgedDelta: 1), ct);
        return alarm.Id;
    }
}
