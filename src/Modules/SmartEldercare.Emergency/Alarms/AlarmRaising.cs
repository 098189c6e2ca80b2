namespace SmartEldercare.Emergency.Alarms;

/// <summary>
/// The one place alarms are raised, whoever raises them (a device's event, staff, the wellbeing watch, a silent device):
/// the alarm with its escalation deadline from the options, added to the caller's unit of work; and, after the caller's
/// commit, its metrics and its live update (<c>alarm.raised</c>, one more open and unacknowledged alarm).
/// </summary>
public sealed class AlarmRaising(EmergencyOptions options, EmergencyMetrics metrics, ILiveUpdates live)
{
    /// <summary>Adds a new alarm and its feed row to <paramref name="db"/>; nothing is stored until the caller saves.</summary>
    public Alarm Raise(EldercareDbContext db, AlarmType type, AlarmSource source, string regionCode, Guid? elderId, Guid? organisationId, Guid? deviceId,
        DateTime utcNow, string actor, string? note)
    {
        var alarm = Alarm.Raise(type, source, regionCode, elderId, organisationId, deviceId, utcNow, options.EscalateAfter(Alarm.PriorityOf(type)), actor, note);
        db.Add(alarm);
        return alarm;
    }

    /// <summary>Raises as <see cref="Raise"/> and stages its live update's feed row in the same unit of work.</summary>
    public (Alarm Alarm, LiveUpdate Update) RaiseAnnounced(EldercareDbContext db, AlarmType type, AlarmSource source, string regionCode, Guid? elderId,
        Guid? organisationId, Guid? deviceId, DateTime utcNow, string actor, string? note)
    {
        var alarm = Raise(db, type, source, regionCode, elderId, organisationId, deviceId, utcNow, actor, note);
        var update = Update(alarm, utcNow);
        LiveEvent.Stage(db, update);
        return (alarm, update);
    }

    /// <summary>The live update of a raised alarm.</summary>
    public static LiveUpdate Update(Alarm alarm, DateTime utcNow) => AlarmLive.Update(alarm, "raised", utcNow, openDelta: 1, unacknowledgedDelta: 1);

    /// <summary>After the commit of <see cref="RaiseAnnounced"/>: counts the alarm and pushes its (stored) update.</summary>
    public async Task AnnounceAsync(Alarm alarm, LiveUpdate update, CancellationToken ct)
    {
        metrics.Raised(alarm);
        await live.PushAsync(update, ct);
    }
}
