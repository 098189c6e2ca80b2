using System.Collections.Concurrent;
using SmartEldercare.Platform.Dashboard;

namespace SmartEldercare.Emergency.Alarms;

/// <summary>
/// Emergency's part of the dashboard: alarms raised today, open alarms, and this month's emergency alarms (device-health
/// ones left out, as in the response KPIs) with those acknowledged within 60 s — each one grouped query per region on an index.
/// <para>
/// <b>Read incrementally.</b> An alarm storm re-reads these figures many times a second, and the month's part is most of
/// the cost (every alarm of the month). The month is therefore read as "before today" plus "today": the part before today
/// is kept per scope and day, and only today's alarms are read again. A new alarm (<c>alarm.raised</c>) or an escalation
/// never changes the days before today; any other change of an alarm (acknowledged, cancelled, …) may, so it drops what
/// is kept, as does a live-update outage (an invalidation from another instance could be missed) and an hour's age.
/// </para>
/// </summary>
public sealed class AlarmDashboardSource : IDashboardSource, IDisposable
{
    private static readonly TimeSpan MaxAge = TimeSpan.FromHours(1);

    private readonly IDbContextFactory<EldercareDbContext> dbs;
    private readonly ILiveUpdates live;
    private readonly TimeProvider clock;
    private readonly IDisposable subscription;
    private readonly ConcurrentDictionary<(string Scope, DateOnly Today), Kept> beforeToday = new();
    private long version;
    private long monthReads;

    public AlarmDashboardSource(IDbContextFactory<EldercareDbContext> dbs, ILiveUpdates live, TimeProvider clock)
    {
        this.dbs = dbs;
        this.live = live;
        this.clock = clock;
        subscription = live.Subscribe(string.Empty, update =>
        {
            if (ChangesEarlierDays(update.Topic))
            {
                Interlocked.Increment(ref version);
            }

            return Task.CompletedTask;
        });
    }

    public string Name => "emergency";

    public IReadOnlyList<string> TopicPrefixes { get; } = ["alarm."];

    /// <summary>Reads of the month's days before today (not served from what is kept), since the start.</summary>
    public long MonthReads => Interlocked.Read(ref monthReads);

    /// <summary>Whether an update with this topic may change the figures of alarms raised before today.</summary>
    public static bool ChangesEarlierDays(string topic) =>
        topic.StartsWith("alarm.", StringComparison.Ordinal) && topic != "alarm.raised" && !topic.StartsWith("alarm.escalated", StringComparison.Ordinal);

    public async Task<IReadOnlyList<RegionFigure>> FiguresAsync(string scope, DashboardPeriod period, CancellationToken ct)
    {
        var earlier = period.MonthStartUtc < period.TodayStartUtc ? BeforeTodayAsync(scope, period) : Task.FromResult(Empty);
        await using var db = await dbs.CreateDbContextAsync(ct);
        // The region is compared and grouped as an expression (RegionCode || ''), not as the column: on the column,
        // SQLite's planner walks the (RegionCode, RaisedAtUtc) index to have the groups in order and looks every alarm
        // up in the table — 16 s for the open alarms among 1,000,000. As an expression, the Status and RaisedAtUtc
        // ranges choose covering indexes and the grouping sorts the few rows they select (milliseconds; bench/ dashboard).
        var alarms = db.Set<Alarm>().AsNoTracking().WithinRegion(a => a.RegionCode + "", scope);
        var figures = new List<RegionFigure>();

        var today = await MonthPartAsync(alarms.Where(a => a.RaisedAtUtc >= period.TodayStartUtc), ct);
        figures.AddRange(today.Select(r => new RegionFigure(r.Region, DashboardCounters.AlarmsToday, r.Raised)));

        // Open = Raised..OnScene: a range on the leading column of the covering (Status, RegionCode, RaisedAtUtc) index.
        var open = await alarms.Where(a => a.Status <= AlarmStatus.OnScene)
            .GroupBy(a => a.RegionCode + "").Select(g => new { g.Key, Count = g.Count() }).ToListAsync(ct);
        figures.AddRange(open.Select(r => new RegionFigure(r.Key, DashboardCounters.AlarmsOpen, r.Count)));

        // The month = the days before today (kept) + today. Counters are additive, so a region in both parts sums.
        foreach (var r in (await earlier).Rows.Concat(today))
        {
            figures.Add(new RegionFigure(r.Region, DashboardCounters.AlarmsAnswerableMonth, r.Answerable));
            figures.Add(new RegionFigure(r.Region, DashboardCounters.AlarmsAckedWithin60sMonth, r.Within60));
        }

        return figures;
    }

    public async Task<IReadOnlyDictionary<string, long>> MonthAsync(string scope, int month, CancellationToken ct)
    {
        var period = DashboardPeriod.At(clock);
        long count;
        if (month == period.Month)
        {
            var earlier = period.MonthStartUtc < period.TodayStartUtc ? await BeforeTodayAsync(scope, period) : Empty;
            await using var db = await dbs.CreateDbContextAsync(ct);
            count = earlier.Raised + await db.Set<Alarm>().AsNoTracking().Where(a => a.RaisedAtUtc >= period.TodayStartUtc)
                .WithinRegion(a => a.RegionCode + "", scope).CountAsync(ct);
        }
        else
        {
            var (from, to) = DashboardPeriod.Bounds(month);
            await using var db = await dbs.CreateDbContextAsync(ct);
            // The region as an expression again, so that the month's RaisedAtUtc range drives the (covering) index.
            count = await db.Set<Alarm>().AsNoTracking().Where(a => a.RaisedAtUtc >= from && a.RaisedAtUtc < to).WithinRegion(a => a.RegionCode + "", scope).CountAsync(ct);
        }

        return new Dictionary<string, long> { [DashboardCounters.TrendAlarms] = count };
    }

    /// <summary>This month's days before today, kept while nothing can have changed them; concurrent callers share one read.</summary>
    private async Task<MonthPart> BeforeTodayAsync(string scope, DashboardPeriod period)
    {
        var key = (scope, period.Today);
        var current = Interlocked.Read(ref version);
        var now = clock.GetUtcNow().UtcDateTime;
        if (!live.IsDegraded && beforeToday.TryGetValue(key, out var kept) && kept.Version == current && now - kept.ReadAtUtc < MaxAge
            && !kept.Read.IsFaulted && !kept.Read.IsCanceled)
        {
            return await kept.Read;
        }

        foreach (var (old, _) in beforeToday)
        {
            if (old.Today != period.Today)
            {
                beforeToday.TryRemove(old, out _);
            }
        }

        Interlocked.Increment(ref monthReads);
        var entry = new Kept(current, now, ReadBeforeTodayAsync(scope, period));
        if (!live.IsDegraded)
        {
            beforeToday[key] = entry;
        }

        try
        {
            return await entry.Read;
        }
        catch
        {
            beforeToday.TryRemove(new KeyValuePair<(string, DateOnly), Kept>(key, entry));
            throw;
        }
    }

    private async Task<MonthPart> ReadBeforeTodayAsync(string scope, DashboardPeriod period)
    {
        await using var db = await dbs.CreateDbContextAsync(CancellationToken.None);
        var alarms = db.Set<Alarm>().AsNoTracking().WithinRegion(a => a.RegionCode + "", scope)
            .Where(a => a.RaisedAtUtc >= period.MonthStartUtc && a.RaisedAtUtc < period.TodayStartUtc);
        var rows = await MonthPartAsync(alarms, CancellationToken.None);
        return new MonthPart(rows, rows.Sum(r => (long)r.Raised));
    }

    /// <summary>Per region: alarms raised, and of the emergency ones those answerable and those acknowledged within 60 s.</summary>
    private static async Task<List<PartRow>> MonthPartAsync(IQueryable<Alarm> alarms, CancellationToken ct)
    {
        // As GetResponseKpis: an alarm still unanswered counts as not answered in time; cancelled unanswered ones are left out.
        var rows = await alarms.GroupBy(a => a.RegionCode + "")
            .Select(g => new
            {
                g.Key,
                Raised = g.Count(),
                Answerable = g.Count(a => a.Priority != AlarmPriority.DeviceHealth && (a.Status != AlarmStatus.Cancelled || a.AcknowledgedAtUtc != null)),
                Within60 = g.Count(a => a.Priority != AlarmPriority.DeviceHealth && (a.Status != AlarmStatus.Cancelled || a.AcknowledgedAtUtc != null)
                                        && a.AcknowledgedAtUtc != null && a.AcknowledgedAtUtc <= a.RaisedAtUtc.AddSeconds(60)),
            })
            .ToListAsync(ct);
        return [.. rows.Select(r => new PartRow(r.Key, r.Raised, r.Answerable, r.Within60))];
    }

    public void Dispose() => subscription.Dispose();

    private static readonly MonthPart Empty = new([], 0);

    private sealed record PartRow(string Region, int Raised, int Answerable, int Within60);

    private sealed record MonthPart(IReadOnlyList<PartRow> Rows, long Raised);

    private sealed record Kept(long Version, DateTime ReadAtUtc, Task<MonthPart> Read);
}
