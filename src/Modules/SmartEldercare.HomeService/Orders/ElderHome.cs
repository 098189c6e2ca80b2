using SmartEldercare.Platform.Elders;
using System.Globalization;
using System.Security.Cryptography;

namespace SmartEldercare.HomeService.Orders;

/// <summary>
/// Where an elder's home is for visit verification: its coordinates (personal data, encrypted at rest) and the token
/// of the QR code printed for the home. Scanning the code proves the worker is at this elder's door.
/// </summary>
public sealed class ElderHome : IRegionScoped
{
    public const int TokenLength = 22;

    public Guid ElderId { get; init; }

    public string RegionCode { get; set; } = string.Empty;

    /// <summary>"latitude,longitude" (WGS-84, as browsers report), or null when not yet located.</summary>
    [Microsoft.AspNetCore.Identity.ProtectedPersonalData]
    public string? Location { get; private set; }

    public string QrToken { get; private set; } = NewToken();

    public DateTime UpdatedAtUtc { get; set; }

    public int Version { get; set; }

    public (double Latitude, double Longitude)? Coordinates
    {
        get
        {
            if (Location?.Split(',') is not [var lat, var lon])
            {
                return null;
            }

            return (double.Parse(lat, CultureInfo.InvariantCulture), double.Parse(lon, CultureInfo.InvariantCulture));
        }
    }

    public static bool AreValid(double latitude, double longitude) => latitude is >= -90 and <= 90 && longitude is >= -180 and <= 180;

    public void Locate(double latitude, double longitude, DateTime utcNow)
    {
        Location = string.Create(CultureInfo.InvariantCulture, $"{latitude:0.000000},{longitude:0.000000}");
        UpdatedAtUtc = utcNow;
        Version++;
    }

    /// <summary>A new code (the old printout stops working), e.g. after it was lost.</summary>
    public void RenewToken(DateTime utcNow)
    {
        QrToken = NewToken();
        UpdatedAtUtc = utcNow;
        Version++;
    }

    private static string NewToken() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(16)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    /// <summary>Great-circle distance in metres (haversine): enough for "within 200 m of the door".</summary>
    public static double DistanceMeters((double Latitude, double Longitude) a, (double Latitude, double Longitude) b)
    {
        const double earthRadius = 6_371_000;
        var dLat = double.DegreesToRadians(b.Latitude - a.Latitude);
        var dLon = double.DegreesToRadians(b.Longitude - a.Longitude);
        var h = Math.Sin(dLat / 2) * Math.Sin(dLat / 2)
            + Math.Cos(double.DegreesToRadians(a.Latitude)) * Math.Cos(double.DegreesToRadians(b.Latitude)) * Math.Sin(dLon / 2) * Math.Sin(dLon / 2);
        return 2 * earthRadius * Math.Asin(Math.Min(1, Math.Sqrt(h)));
    }
}

/// <summary>An elder's recorded hospital stay: a visit during it is flagged (nobody should be home).</summary>
public sealed class HospitalStay : ElderPeriod;

/// <summary>Days of the week a plan serves (Monday first).</summary>
[Flags]
public enum Weekdays
{
    None = 0,
    Monday = 1,
    Tuesday = 2,
    Wednesday = 4,
    Thursday = 8,
    Friday = 16,
    Saturday = 32,
    Sunday = 64,
    WorkingDays = Monday | Tuesday | Wednesday | Thursday | Friday,
    Every = WorkingDays | Saturday | Sunday,
}

/// <summary>A recurring need (e.g. lunch delivered every weekday): the scheduler turns it into orders a few days ahead.</summary>
public sealed class ServicePlan : IRegionScoped
{
    public Guid Id { get; init; } = Guid.CreateVersion7();

    public Guid ElderId { get; init; }

    public string RegionCode { get; init; } = string.Empty;

    public Guid ItemId { get; init; }

    public int Quantity { get; init; } = 1;

    public Weekdays Days { get; init; }

    public TimeOnly StartTime { get; init; }

    public int WindowMinutes { get; init; } = 60;

    public DateOnly FromDate { get; init; }

    public DateOnly? ToDate { get; set; }

    /// <summary>Generated orders go straight to this provider (and worker) when set.</summary>
    public Guid? ProviderId { get; init; }

    public Guid? WorkerId { get; init; }

    public bool SelfPayConsent { get; init; }

    public bool Active { get; set; } = true;

    public string CreatedBy { get; init; } = string.Empty;

    public DateTime CreatedAtUtc { get; init; }

    public int Version { get; set; }

    public static Weekdays DayOf(DateOnly day) => day.DayOfWeek switch
    {
        DayOfWeek.Monday => Weekdays.Monday,
        DayOfWeek.Tuesday => Weekdays.Tuesday,
        DayOfWeek.Wednesday => Weekdays.Wednesday,
        DayOfWeek.Thursday => Weekdays.Thursday,
        DayOfWeek.Friday => Weekdays.Friday,
        DayOfWeek.Saturday => Weekdays.Saturday,
        _ => Weekdays.Sunday,
    };

    public bool Serves(DateOnly day) => Active && day >= FromDate && (ToDate is null || day <= ToDate) && Days.HasFlag(DayOf(day));
}

/// <summary>回访: village staff ask the elder after a completed visit; a complaint weighs on the provider's credit.</summary>
public sealed class FollowUp : IRegionScoped
{
    public const int CommentMaxLength = 500;

    public Guid Id { get; init; } = Guid.CreateVersion7();

    public Guid OrderId { get; init; }

    public Guid ElderId { get; init; }

    public Guid ProviderId { get; init; }

    public string RegionCode { get; init; } = string.Empty;

    /// <summary>1 (very unsatisfied) … 5 (very satisfied).</summary>
    public int Satisfaction { get; init; }

    public string? Comment { get; init; }

    public bool IsComplaint { get; init; }

    public DateTime RecordedAtUtc { get; init; }

    public string RecordedBy { get; init; } = string.Empty;
}
