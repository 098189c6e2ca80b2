namespace SmartEldercare.Platform.Dashboard;

/// <summary>The instants a dashboard's figures are counted against, in Asia/Shanghai days and months.</summary>
/// <param name="NowUtc">Now.</param>
/// <param name="Today">Today's date in Shanghai.</param>
/// <param name="TodayStartUtc">Today's first instant.</param>
/// <param name="MonthStartUtc">The current month's first instant.</param>
/// <param name="Month">The current month as <c>yyyyMM</c>.</param>
public sealed record DashboardPeriod(DateTime NowUtc, DateOnly Today, DateTime TodayStartUtc, DateTime MonthStartUtc, int Month)
{
    public static DashboardPeriod At(TimeProvider clock)
    {
        var now = Common.ShanghaiTime.UtcNow(clock);
        var today = Common.ShanghaiTime.Today(clock);
        var first = new DateOnly(today.Year, today.Month, 1);
        return new DashboardPeriod(now, today, Common.ShanghaiTime.ToUtc(today), Common.ShanghaiTime.ToUtc(first), MonthOf(first));
    }

    public static int MonthOf(DateOnly day) => Common.YearMonth.Of(day);

    public static DateOnly FirstDay(int month) => Common.YearMonth.FirstDay(month);

    /// <summary>The month's instants [from, to) in UTC.</summary>
    public static (DateTime FromUtc, DateTime ToUtc) Bounds(int month) => Common.YearMonth.Range(month);

    /// <summary>The <paramref name="count"/> months ending with <paramref name="month"/>, oldest first.</summary>
    public static IReadOnlyList<int> MonthsEndingWith(int month, int count) =>
        [.. Enumerable.Range(0, count).Select(i => MonthOf(FirstDay(month).AddMonths(i - count + 1)))];
}

/// <summary>
/// One scenario's contribution to the district command dashboard. Figures are additive counters per region (the
/// record's own region code: a village, or a street for records kept at street level), so any level's figure is the sum of
/// the regions below it — rates travel as a numerator and a denominator counter, never as a percentage. Implemented
/// inside each module and registered in its <c>AddXModule</c>; the dashboard reads only this contract.
/// </summary>
public interface IDashboardSource
{
    /// <summary>A stable name (<c>emergency</c>, <c>homeservice</c>…), for refreshing one source.</summary>
    string Name { get; }

    /// <summary>
    /// Prefixes of the live-update topics that change this source's figures (e.g. <c>alarm.</c>): the dashboard re-reads
    /// only the sources an update concerns.
    /// </summary>
    IReadOnlyList<string> TopicPrefixes { get; }

    /// <summary>The counters of every region inside <paramref name="scope"/> that has any (one grouped query per figure).</summary>
    Task<IReadOnlyList<RegionFigure>> FiguresAsync(string scope, DashboardPeriod period, CancellationToken ct);

    /// <summary>
    /// The source's trend counters of one month for the whole of <paramref name="scope"/>. A closed month never changes,
    /// so the dashboard caches it; only the current month is read again.
    /// </summary>
    Task<IReadOnlyDictionary<string, long>> MonthAsync(string scope, int month, CancellationToken ct);
}

/// <param name="RegionCode">The region the records belong to.</param>
/// <param name="Counter">A counter's stable name (see <see cref="DashboardCounters"/>).</param>
/// <param name="Value">Its value there.</param>
public readonly record struct RegionFigure(string RegionCode, string Counter, long Value);

/// <summary>The counters' stable names: a live update's <c>Counts</c> with the same name moves the same tile.</summary>
public static class DashboardCounters
{
    public const string EldersActive = Elders.ElderCounters.Active;
    public const string EldersAged70 = "elders.aged70";
    public const string EldersAged80 = Elders.ElderCounters.Aged80;
    public const string EldersAged90 = Elders.ElderCounters.Aged90;
    public const string EldersAged100 = Elders.ElderCounters.Aged100;

    public static string EldersTag(Elders.ElderTag tag) => Elders.ElderCounters.Tag(tag);

    public const string AlarmsToday = "alarms.today";
    public const string AlarmsOpen = "alarms.open";
    public const string AlarmsAnswerableMonth = "alarms.month.answerable";
    public const string AlarmsAckedWithin60sMonth = "alarms.month.acked60";

    public const string OrdersToday = "orders.today";
    public const string OrdersDueMonth = "orders.month.due";
    public const string OrdersOnTimeMonth = "orders.month.ontime";

    public const string Beds = "facilities.beds";
    public const string BedsOccupied = "facilities.beds.occupied";
    public const string StaffingBelow = "facilities.staffing.below";
    public const string HazardsOverdue = "facilities.hazards.overdue";

    public const string VisitsDueMonth = "welfare.visits.month.due";
    public const string VisitsDoneMonth = "welfare.visits.month.done";
    public const string VisitsOverdue = "welfare.visits.overdue";
    public const string AllowanceFenMonth = "welfare.allowance.month.fen";

    public const string VolunteerMinutesMonth = "social.volunteer.month.minutes";

    /// <summary>Trend counters (per month).</summary>
    public const string TrendAlarms = "trend.alarms";
    public const string TrendOrders = "trend.orders";
    public const string TrendVisitsDone = "trend.visits.done";
    public const string TrendVolunteerMinutes = "trend.volunteer.minutes";
}
