using SmartEldercare.Welfare.Visits;

namespace SmartEldercare.Welfare;

/// <summary>The visit rhythm (section <c>Welfare</c>).</summary>
public sealed class WelfareOptions
{
    public int HighEveryDays { get; set; } = 7;

    public int KeyEveryDays { get; set; } = 30;

    public int RegularEveryDays { get; set; } = 90;

    /// <summary>A discharge from hospital asks for a visit within this many hours.</summary>
    public int DischargeVisitWithinHours { get; set; } = 24;

    /// <summary>Alarms this many days back count as "recent" for the tier.</summary>
    public int RecentAlarmDays { get; set; } = 30;

    /// <summary>How often the scheduler plans visits for the whole district.</summary>
    public int ScheduleEveryMinutes { get; set; } = 60;

    /// <summary>Wellbeing watch: no door, motion or water event for this long raises a welfare check (per-elder override possible).</summary>
    public int InactivityHours { get; set; } = 24;

    /// <summary>Wellbeing watch: less water than this in the last 24 hours raises a welfare check (elders with a meter).</summary>
    public double MinWaterLitres { get; set; } = 10;

    /// <summary>A welfare check still open this long after it was raised becomes an emergency alarm.</summary>
    public int EscalateCheckAfterHours { get; set; } = 4;

    /// <summary>How often the wellbeing watch runs.</summary>
    public int WatchEveryMinutes { get; set; } = 15;

    public int EveryDays(RiskTier tier) => tier switch
    {
        RiskTier.High => HighEveryDays,
        RiskTier.Key => KeyEveryDays,
        _ => RegularEveryDays,
    };
}
