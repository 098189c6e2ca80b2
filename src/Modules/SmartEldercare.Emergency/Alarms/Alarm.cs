namespace SmartEldercare.Emergency.Alarms;

public enum AlarmType
{
    Sos,
    Fall,
    Smoke,
    Gas,
    WaterLeak,
    Inactivity,
    LowBattery,
    Offline,
    Tamper,
}

public enum AlarmPriority
{
    Critical = 0,
    High = 1,
    DeviceHealth = 2,
}

public enum AlarmStatus
{
    Raised,
    Acknowledged,
    Dispatched,
    OnScene,
    Resolved,
    Cancelled,
}

/// <summary>Who must answer now: the village first, then its street, then the district.</summary>
public enum AlarmTier
{
    Village,
    Street,
    District,
}

public enum AlarmOutcome
{
    HandledOnSite,
    SentToHospital,
    FamilyTookOver,
    FalseAlarm,
    NoOneHomeDoorForced,
    Other,
}

public enum AlarmSource
{
    Device,
    Staff,
}

/// <summary>
/// An alarm from raise to close. Each transition is a rule here (the handler only orchestrates) and a step on the
/// timeline; <see cref="Version"/> is the concurrency token, so of two people acknowledging at once one wins.
/// </summary>
public sealed class Alarm : IRegionScoped
{
    public const int NoteMaxLength = 500;

    public Guid Id { get; init; } = Guid.CreateVersion7();

    public AlarmType Type { get; init; }

    public AlarmPriority Priority { get; init; }

    public AlarmSource Source { get; init; }

    public Guid? DeviceId { get; init; }

    public Guid? ElderId { get; init; }

    public Guid? OrganisationId { get; init; }

    /// <summary>The account that raised a manual (staff) alarm; null for a device's.</summary>
    public Guid? RaisedById { get; set; }

    public string RegionCode { get; init; } = string.Empty;

    public AlarmStatus Status { get; private set; }

    public AlarmTier Tier { get; private set; }

    public DateTime RaisedAtUtc { get; init; }

    /// <summary>When the ladder climbs next if nobody has acknowledged (null once acknowledged or at the top).</summary>
    public DateTime? EscalatesAtUtc { get; private set; }

    public DateTime? AcknowledgedAtUtc { get; private set; }

    public string? AcknowledgedBy { get; private set; }

    public DateTime? DispatchedAtUtc { get; private set; }

    public Guid? ResponderId { get; private set; }

    public string? ResponderName { get; private set; }

    public DateTime? OnSceneAtUtc { get; private set; }

    public DateTime? ClosedAtUtc { get; private set; }

    public AlarmOutcome? Outcome { get; private set; }

    /// <summary>The account that resolved the alarm (null before, and for alarms resolved before this was kept).</summary>
    public Guid? ClosedById { get; private set; }

    public int Version { get; private set; }

    public List<AlarmStep> Steps { get; private set; } = [];

    public bool IsOpen => Status is not (AlarmStatus.Resolved or AlarmStatus.Cancelled);

    public static AlarmPriority PriorityOf(AlarmType type) => type switch
    {
        AlarmType.Sos or AlarmType.Fall or AlarmType.Smoke or AlarmType.Gas => AlarmPriority.Critical,
        AlarmType.WaterLeak or AlarmType.Inactivity => AlarmPriority.High,
        _ => AlarmPriority.DeviceHealth,
    };

    public static Alarm Raise(AlarmType type, AlarmSource source, string regionCode, Guid? elderId, Guid? organisationId, Guid? deviceId,
        DateTime utcNow, TimeSpan? escalateAfter, string actor, string? note)
    {
        var alarm = new Alarm
        {
            Type = type, Priority = PriorityOf(type), Source = source, RegionCode = regionCode, ElderId = elderId,
            OrganisationId = organisationId, DeviceId = deviceId, RaisedAtUtc = utcNow,
        };
        alarm.Tier = Region.LevelOf(regionCode) switch
        {
            RegionLevel.District => AlarmTier.District,
            RegionLevel.Street => AlarmTier.Street,
            _ => AlarmTier.Village,
        };
        alarm.EscalatesAtUtc = alarm.Tier == AlarmTier.District || escalateAfter is null ? null : utcNow + escalateAfter;
        alarm.Step(AlarmStatus.Raised, utcNow, actor, note);
        return alarm;
    }

    public Result Acknowledge(string actor, DateTime utcNow, string? note = null)
    {
        if (Status != AlarmStatus.Raised)
        {
            return Result.Conflict(AcknowledgedBy is null ? "Alarms.WrongState" : "Alarms.AlreadyAcknowledged");
        }

        Status = AlarmStatus.Acknowledged;
        AcknowledgedAtUtc = utcNow;
        AcknowledgedBy = actor;
        EscalatesAtUtc = null;
        Step(AlarmStatus.Acknowledged, utcNow, actor, note);
        return Result.Ok();
    }

    public Result Dispatch(Guid responderId, string responderName, string actor, DateTime utcNow, string? note = null)
    {
        if (Status is not (AlarmStatus.Raised or AlarmStatus.Acknowledged or AlarmStatus.Dispatched))
        {
            return Result.Conflict("Alarms.WrongState");
        }

        if (Status == AlarmStatus.Raised)
        {
            // Sending someone is an answer too: it stops the ladder like an acknowledgement.
            Acknowledge(actor, utcNow);
        }

        Status = AlarmStatus.Dispatched;
        DispatchedAtUtc ??= utcNow;
        ResponderId = responderId;
        ResponderName = responderName;
        Step(AlarmStatus.Dispatched, utcNow, actor, responderName == actor ? note : note is null ? responderName : $"{responderName}: {note}");
        return Result.Ok();
    }

    public Result ArriveOnScene(string actor, DateTime utcNow, string? note = null)
    {
        if (Status is not (AlarmStatus.Acknowledged or AlarmStatus.Dispatched))
        {
            return Result.Conflict("Alarms.WrongState");
        }

        Status = AlarmStatus.OnScene;
        OnSceneAtUtc = utcNow;
        Step(AlarmStatus.OnScene, utcNow, actor, note);
        return Result.Ok();
    }

    public Result Resolve(AlarmOutcome outcome, string actor, DateTime utcNow, string? note = null, Guid? actorId = null)
    {
        if (Status is not (AlarmStatus.Acknowledged or AlarmStatus.Dispatched or AlarmStatus.OnScene))
        {
            return Result.Conflict("Alarms.WrongState");
        }

        if (outcome == AlarmOutcome.Other && string.IsNullOrWhiteSpace(note))
        {
            return Result.Invalid(nameof(Outcome), "Alarms.Outcome.NoteRequired");
        }

        Status = AlarmStatus.Resolved;
        Outcome = outcome;
        ClosedAtUtc = utcNow;
        ClosedById = actorId;
        Step(AlarmStatus.Resolved, utcNow, actor, note);
        return Result.Ok();
    }

    public Result Cancel(string actor, DateTime utcNow, string? note)
    {
        if (!IsOpen)
        {
            return Result.Conflict("Alarms.WrongState");
        }

        if (string.IsNullOrWhiteSpace(note))
        {
            return Result.Invalid("Note", "Alarms.Cancel.NoteRequired");
        }

        Status = AlarmStatus.Cancelled;
        ClosedAtUtc = utcNow;
        EscalatesAtUtc = null;
        Step(AlarmStatus.Cancelled, utcNow, actor, note);
        return Result.Ok();
    }

    /// <summary>Unanswered past its deadline: one tier up, and the next deadline (none at the district).</summary>
    public bool Escalate(DateTime utcNow, TimeSpan escalateAfter)
    {
        if (Status != AlarmStatus.Raised || EscalatesAtUtc is not { } due || due > utcNow || Tier == AlarmTier.District)
        {
            return false;
        }

        Tier++;
        EscalatesAtUtc = Tier == AlarmTier.District ? null : utcNow + escalateAfter;
        Steps.Add(new AlarmStep { AlarmId = Id, AtUtc = utcNow, Action = "escalated." + Tier.ToString().ToLowerInvariant(), Actor = "system" });
        Version++;
        return true;
    }

    private void Step(AlarmStatus status, DateTime utcNow, string actor, string? note)
    {
        Steps.Add(new AlarmStep { AlarmId = Id, AtUtc = utcNow, Action = status.ToString().ToLowerInvariant(), Actor = actor, Note = string.IsNullOrWhiteSpace(note) ? null : note.Trim() });
        Version++;
    }
}

/// <summary>One line of an alarm's timeline: what happened, when, by whom, with what note.</summary>
public sealed class AlarmStep
{
    public long Id { get; init; }

    public Guid AlarmId { get; init; }

    public DateTime AtUtc { get; init; }

    /// <summary>raised, acknowledged, dispatched, onscene, resolved, cancelled, escalated.street, escalated.district.</summary>
    public string Action { get; init; } = string.Empty;

    public string Actor { get; init; } = string.Empty;

    public string? Note { get; init; }
}
