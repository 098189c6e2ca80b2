namespace SmartEldercare.Social.Activities;

/// <summary>The digital-skills track (智慧助老) of the senior classes; <see cref="General"/> for everything else.</summary>
public enum ActivityTrack
{
    General,
    SmartphoneBasics, // 智能手机入门
    SmartTravel,      // 智慧出行
    MobileFinance,    // 掌上金融
    MobileShopping,   // 手机购物
}

public enum ActivityKind
{
    Course, // 老年大学课程
    Event,  // 社区活动
}

public enum EnrolmentStatus
{
    Enrolled,
    Waiting,
    Withdrawn,
}

/// <summary>
/// A senior-university course or community event (老年大学 / 社区活动) at a venue, with sessions and a capacity. Places
/// are taken in enrolment order; when it is full the next elders wait, and a withdrawal promotes the first waiting one.
/// The counters live here (with a concurrency token) so two enrolments at once cannot both take the last place.
/// </summary>
public sealed class Activity : IRegionScoped
{
    public const int TitleMaxLength = 100;
    public const int TextMaxLength = 1000;
    public const int MaxCapacity = 500;

    public Guid Id { get; init; } = Guid.CreateVersion7();

    public string Title { get; set; } = string.Empty;

    public ActivityKind Kind { get; set; }

    public ActivityTrack Track { get; set; }

    public string? Description { get; set; }

    /// <summary>The street or village that runs it (its elders and those of the street above see it).</summary>
    public string RegionCode { get; set; } = string.Empty;

    public Guid? VenueId { get; set; }

    public string VenueName { get; set; } = string.Empty;

    public int Capacity { get; set; }

    public int Enrolled { get; private set; }

    /// <summary>The last waiting-list number handed out (waiting elders are promoted in this order).</summary>
    public int WaitSequence { get; private set; }

    public DateTime CreatedAtUtc { get; init; }

    public string CreatedBy { get; init; } = string.Empty;

    public int Version { get; private set; }

    public List<ActivitySession> Sessions { get; private set; } = [];

    public bool IsDigital => Track != ActivityTrack.General;

    /// <summary>Takes a place for <paramref name="enrolment"/>, or puts it on the waiting list when the activity is full.</summary>
    public void Admit(Enrolment enrolment, DateTime utcNow)
    {
        if (Enrolled < Capacity)
        {
            Enrolled++;
            enrolment.Admit(utcNow);
        }
        else
        {
            WaitSequence++;
            enrolment.Wait(WaitSequence, utcNow);
        }

        Version++;
    }

    /// <summary>Frees the place of a withdrawn elder and gives it to the first waiting one (if any).</summary>
    public void Release(Enrolment withdrawn, Enrolment? firstWaiting, DateTime utcNow)
    {
        var hadPlace = withdrawn.Status == EnrolmentStatus.Enrolled;
        withdrawn.Withdraw(utcNow);
        if (hadPlace)
        {
            Enrolled--;
            if (firstWaiting is not null && Enrolled < Capacity)
            {
                Enrolled++;
                firstWaiting.Admit(utcNow);
            }
        }

        Version++;
    }

    public Result ChangeCapacity(int capacity)
    {
        if (capacity < Enrolled)
        {
            return Result.Invalid(nameof(Capacity), "Social.Activity.CapacityBelowEnrolled");
        }

        Capacity = capacity;
        Version++;
        return Result.Ok();
    }
}

/// <summary>One class meeting or event date.</summary>
public sealed class ActivitySession
{
    public Guid Id { get; init; } = Guid.CreateVersion7();

    public Guid ActivityId { get; init; }

    public DateTime StartsAtUtc { get; init; }

    public DateTime EndsAtUtc { get; init; }
}

/// <summary>An elder's place (or waiting-list number) in an activity.</summary>
public sealed class Enrolment : IRegionScoped
{
    public Guid Id { get; init; } = Guid.CreateVersion7();

    public Guid ActivityId { get; init; }

    public Guid ElderId { get; init; }

    public string ElderName { get; init; } = string.Empty;

    /// <summary>The elder's village: who may see and change the enrolment.</summary>
    public string RegionCode { get; init; } = string.Empty;

    public EnrolmentStatus Status { get; private set; }

    /// <summary>Position in the waiting list (lower first); kept after promotion for the record.</summary>
    public int? WaitNumber { get; private set; }

    public DateTime RequestedAtUtc { get; private set; }

    public DateTime? EnrolledAtUtc { get; private set; }

    public DateTime? WithdrawnAtUtc { get; private set; }

    public string RecordedBy { get; set; } = string.Empty;

    internal void Admit(DateTime utcNow)
    {
        if (Status != EnrolmentStatus.Waiting || WaitNumber is null)
        {
            RequestedAtUtc = utcNow;
        }

        Status = EnrolmentStatus.Enrolled;
        EnrolledAtUtc = utcNow;
        WithdrawnAtUtc = null;
    }

    internal void Wait(int number, DateTime utcNow)
    {
        Status = EnrolmentStatus.Waiting;
        WaitNumber = number;
        RequestedAtUtc = utcNow;
        EnrolledAtUtc = null;
        WithdrawnAtUtc = null;
    }

    internal void Withdraw(DateTime utcNow)
    {
        Status = EnrolmentStatus.Withdrawn;
        WithdrawnAtUtc = utcNow;
    }
}

/// <summary>An enrolled elder was at a session (recorded once per session).</summary>
public sealed class Attendance : IRegionScoped
{
    public long Id { get; init; }

    public Guid SessionId { get; init; }

    public Guid ActivityId { get; init; }

    public ActivityTrack Track { get; init; }

    public Guid ElderId { get; init; }

    /// <summary>The elder's village (the digital-skills coverage counts per village).</summary>
    public string RegionCode { get; init; } = string.Empty;

    public DateTime RecordedAtUtc { get; init; }

    public string RecordedBy { get; init; } = string.Empty;
}

/// <summary>Which activities a user sees: those of their scope and those run by the street or district above them.</summary>
public static class ActivityScope
{
    public static IQueryable<Activity> VisibleTo(this IQueryable<Activity> activities, string scope)
    {
        var upper = RegionScope.UpperBound(scope);
        var above = new List<string>();
        if (scope.Length > 6)
        {
            above.Add(scope[..6]);
        }

        if (scope.Length > 9)
        {
            above.Add(scope[..9]);
        }

        // Translated to SQL (ordinal range on the code column), as RegionScope does.
#pragma warning disable CA1309
        return activities.Where(a => (string.Compare(a.RegionCode, scope) >= 0 && string.Compare(a.RegionCode, upper) <= 0) || above.Contains(a.RegionCode));
#pragma warning restore CA1309
    }
}
