using SmartEldercare.Platform.Elders;

namespace SmartEldercare.Emergency.Alarms;

/// <summary>
/// An undone welfare check becomes an inactivity alarm, raised as staff raise one by hand (RaiseAlarm): the same
/// entity rule, escalation deadline and live update, with the welfare watch as the actor.
/// </summary>
public sealed class WelfareAlarmRaiser(IDbContextFactory<EldercareDbContext> dbs, TimeProvider clock, AlarmRaising raising) : IRaiseWelfareAlarm
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
        var (alarm, update) = raising.RaiseAnnounced(db, AlarmType.Inactivity, AlarmSource.Staff, elder.RegionCode, elder.Id, null, null, now, Actor, note);
        await db.SaveChangesAsync(ct);
        await raising.AnnounceAsync(alarm, update, ct);
        return alarm.Id;
    }
}
