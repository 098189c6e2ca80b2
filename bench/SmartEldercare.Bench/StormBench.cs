using System.Collections.Concurrent;
using System.Diagnostics;
using System.Security.Claims;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using SmartEldercare.Dashboard.Features;
using SmartEldercare.Emergency.Alarms;
using SmartEldercare.Platform.Dashboard;
using SmartEldercare.Platform.Features.Console;
using SmartEldercare.Platform.Identity;
using SmartEldercare.Platform.Live;
using SmartEldercare.Platform.Persistence;
using SmartEldercare.Platform.Regions;
using SmartEldercare.Web.Hosting;
using static System.FormattableString;

namespace SmartEldercare.Bench;

/// <summary><c>storm</c>: an alarm storm with the command dashboards and consoles open.</summary>
internal sealed record StormOptions(int Clients, int Devices, int Rate, int Seconds, int ReferenceSeconds, int Elders, int Alarms, int Consoles, string Provider)
{
    public static StormOptions Parse(string[] args) => CommandLine.Parse(args,
        new StormOptions(Clients: 200, Devices: 300, Rate: 50, Seconds: 60, ReferenceSeconds: 20, Elders: 200_000, Alarms: 1_000_000, Consoles: 30, Provider: "both"),
        (o, name, value) => name switch
        {
            "--clients" => o with { Clients = CommandLine.PositiveNumber(name, value) },
            "--devices" => o with { Devices = CommandLine.PositiveNumber(name, value) },
            "--rate" => o with { Rate = CommandLine.PositiveNumber(name, value) },
            "--seconds" => o with { Seconds = CommandLine.PositiveNumber(name, value) },
            "--reference-seconds" => o with { ReferenceSeconds = CommandLine.PositiveNumber(name, value) },
            "--elders" => o with { Elders = CommandLine.PositiveNumber(name, value) },
            "--alarms" => o with { Alarms = CommandLine.PositiveNumber(name, value) },
            "--consoles" => o with { Consoles = CommandLine.PositiveNumber(name, value) },
            "--provider" => o with { Provider = CommandLine.ProviderName(value) },
            _ => throw CommandLine.Unknown(name),
        });
}

/// <summary>
/// A heat wave or a power cut: many alarms at once, while the district centre has its dashboards up. The real app on
/// Kestrel with N elders and M historical alarms (as the dashboard bench), SOS buttons on elders in every village, 200 hub
/// clients on <c>/hubs/live</c> (as the alarms bench), and, in the app's process, the district's and the ten streets'
/// dashboards (<see cref="DashboardState"/>) and K consoles (<see cref="LiveConsole"/>) driven as their pages drive them
/// (their reads through the mediator as their users, their changes through one dispatcher each, as a circuit's).
/// First a reference storm with only the hub clients, then the storm with everything open. Budgets: alarm p99 ≤ 500 ms
/// from each SOS's scheduled moment to every in-scope hub client; every dashboard equal to the database within 2 s of the
/// last alarm; process CPU below 80 % of the machine; the dashboards' and consoles' CPU per alarm (the storm's CPU per
/// alarm minus the reference's) ≤ 20 ms.
/// </summary>
internal static class StormBench
{
    public const string PostgresDatabase = "eldercare_bench_storm";
    private const double BudgetP99Ms = 500;
    private const double BudgetCurrentSeconds = 2;
    private const double BudgetCpuShare = 0.80;
    private const double BudgetDashboardCpuMsPerAlarm = 20;
    private const int WarmUpSeconds = 3;

    public static async Task<string> RunSqliteAsync(StormOptions options)
    {
        using var database = new TempSqliteDatabase();
        return await RunAsync("sqlite", DatabaseProvider.Sqlite, database.ConnectionString, options);
    }

    public static async Task<string> RunPostgresAsync(StormOptions options, string serverConnectionString) =>
        await RunAsync("postgres", DatabaseProvider.PostgreSql, await PostgresDatabases.RecreateAsync(serverConnectionString, PostgresDatabase), options);

    private static async Task<string> RunAsync(string label, DatabaseProvider provider, string connectionString, StormOptions options)
    {
        Console.WriteLine(Invariant($"{label}: starting the app on Kestrel (migrations, demo data, {options.Elders:N0} elders) ..."));
        var settings = new Dictionary<string, string>(IngestBench.Settings);
        foreach (var (key, value) in DashboardBench.NoWarmUp)
        {
            settings[key] = value;
        }

        await using var app = new AppServer(provider, connectionString, options.Elders, settings).Start();
        var seeding = Stopwatch.StartNew();
        await DashboardBench.SeedAlarmsAsync(app.Services, provider, options.Alarms);
        Console.WriteLine(Invariant($"{label}: {options.Alarms:N0} historical alarms inserted in {seeding.Elapsed.TotalSeconds:0.0} s"));
        var devices = await BenchDevices.RegisterAsync(app.Services, options.Devices, "STM", 3600);
        var seats = Seats.Spread(options.Clients);
        var receipts = new ConcurrentQueue<AlarmReceipt>();
        Console.WriteLine(Invariant($"{label}: {BenchDevices.DescribeVillages(devices)}; connecting {options.Clients} hub clients ..."));
        await using var clients = await AlarmLatencyBench.ConnectAsync(app.BaseUrl, seats, receipts);
        var process = Process.GetCurrentProcess();

        // 1. A warm-up (JIT, pools, caches), then the reference: the same storm without dashboards or consoles.
        Console.WriteLine(Invariant($"{label}: warm-up, {options.Rate} SOS/s for {WarmUpSeconds} s ..."));
        var warmUp = await StormAsync(app, devices, process, options.Rate, WarmUpSeconds * options.Rate, "warm-");
        await ReceiptLog.UntilQuietAsync(() => receipts.Count, TimeSpan.FromSeconds(15));
        receipts.Clear();
        Console.WriteLine(Invariant($"{label}: reference storm, {options.Rate} SOS/s for {options.ReferenceSeconds} s, hub clients only ..."));
        var reference = await StormAsync(app, devices, process, options.Rate, options.ReferenceSeconds * options.Rate, "ref-");
        await ReceiptLog.UntilQuietAsync(() => receipts.Count, TimeSpan.FromSeconds(15));
        var referenceLatency = AlarmLatencyBench.Analyse(reference.Schedule, reference.Sent, receipts, seats, clients.Closed, 0, 0, 0);
        receipts.Clear();

        // 2. The dashboards and consoles open, then the storm.
        var district = await BenchAccounts.DistrictOperatorAsync(app.Services);
        var streets = (await Regions(app.Services, RegionLevel.Street)).ToList();
        var villages = (await Regions(app.Services, RegionLevel.Village)).ToList();
        var reads = new ReadCounter();
        var dashboards = new List<OpenDashboard>();
        foreach (var region in streets.Prepend(RegionCatalog.DistrictCode))
        {
            dashboards.Add(await OpenDashboardAsync(app.Services, district, region, reads));
        }

        var consoles = new List<OpenConsole>();
        for (var i = 0; i < options.Consoles; i++)
        {
            var (role, region) = (i % 3) switch
            {
                0 => (Roles.DistrictOperator, RegionCatalog.DistrictCode),
                1 => (Roles.StreetStaff, streets[i / 3 % streets.Count]),
                _ => (Roles.VillageStaff, villages[i * 7 % villages.Count]),
            };
            consoles.Add(await OpenConsoleAsync(app.Services, Principal(role, region), region));
        }

        await Task.Delay(TimeSpan.FromSeconds(2));
        var emergency = app.Services.GetServices<IDashboardSource>().OfType<AlarmDashboardSource>().Single();
        var (readsBefore, monthReadsBefore) = (reads.Emergency, emergency.MonthReads);
        Console.WriteLine(Invariant($"{label}: {dashboards.Count} dashboards and {consoles.Count} consoles open; storm, {options.Rate} SOS/s for {WarmUpSeconds} + {options.Seconds} s ..."));
        var warmUpSlots = WarmUpSeconds * options.Rate;
        var storm = await StormAsync(app, devices, process, options.Rate, warmUpSlots + options.Seconds * options.Rate, "storm-");
        var lastAnsweredUtc = storm.Sent.Where(s => s is not null).Max(s => s!.AnsweredUtc);

        // 3. After the last alarm: how long until each dashboard equals the database, and each console shows its last alarm.
        var truth = await TruthAsync(app.Services, dashboards.Select(d => d.Region));
        var lastInScope = consoles.Select(c => storm.Sent.Where(s => s?.AlarmId is not null && RegionScope.Contains(c.Region, s.Device.RegionCode))
            .MaxBy(s => s!.AnsweredUtc)?.AlarmId?.ToString()).ToList();
        var dashboardCurrent = new double?[dashboards.Count];
        var consoleCurrent = new double?[consoles.Count];
        var until = DateTime.UtcNow.AddSeconds(15);
        while (DateTime.UtcNow < until && (dashboardCurrent.Any(d => d is null) || consoleCurrent.Any(c => c is null)))
        {
            var at = (DateTime.UtcNow - lastAnsweredUtc).TotalSeconds;
            for (var i = 0; i < dashboards.Count; i++)
            {
                var d = dashboards[i];
                var (open, today) = truth[d.Region];
                var current = await d.Dispatcher.RunAsync(() => Task.FromResult(d.State.Total(DashboardCounters.AlarmsOpen) == open && d.State.Total(DashboardCounters.AlarmsToday) == today));
                dashboardCurrent[i] = current ? dashboardCurrent[i] ?? at : null;
            }

            for (var i = 0; i < consoles.Count; i++)
            {
                var c = consoles[i];
                var last = lastInScope[i];
                var current = last is null || await c.Dispatcher.RunAsync(() => Task.FromResult(c.Console.Feed.Any(u => u.RecordId == last)));
                consoleCurrent[i] ??= current ? at : null;
            }

            await Task.Delay(50);
        }

        var (readsDuring, monthReadsDuring) = (reads.Emergency - readsBefore, emergency.MonthReads - monthReadsBefore);
        foreach (var d in dashboards)
        {
            d.State.Dispose();
        }

        foreach (var c in consoles)
        {
            c.Console.Dispose();
        }

        await ReceiptLog.UntilQuietAsync(() => receipts.Count, TimeSpan.FromSeconds(15));
        var latency = AlarmLatencyBench.Analyse(storm.Schedule, [.. storm.Sent.Skip(warmUpSlots)], receipts, seats, clients.Closed, 0, 0, 0);
        receipts.Clear();

        // 4. The reference again, the dashboards and consoles closed: the machine's drift shows as the two references' difference.
        Console.WriteLine(Invariant($"{label}: reference storm again, hub clients only ..."));
        var after = await StormAsync(app, devices, process, options.Rate, options.ReferenceSeconds * options.Rate, "ref2-");
        await ReceiptLog.UntilQuietAsync(() => receipts.Count, TimeSpan.FromSeconds(15));
        var accepted = storm.Sent.Concat(reference.Sent).Concat(after.Sent).Concat(warmUp.Sent).Where(s => s?.AlarmId is not null).Select(s => s!.AlarmId!.Value).ToList();
        int stored;
        await using (var db = await app.Services.GetRequiredService<IDbContextFactory<EldercareDbContext>>().CreateDbContextAsync())
        {
            var deviceIds = devices.Select(d => (Guid?)d.Id).ToList();
            stored = await db.Set<Alarm>().CountAsync(a => deviceIds.Contains(a.DeviceId) && a.Type == AlarmType.Sos);
        }

        latency = latency with { AlarmsAccepted = accepted.Count, AlarmsStored = stored, AlarmsDistinct = accepted.Distinct().Count() };
        return Report(label, options, devices, reference, after, referenceLatency, storm, latency, dashboards, dashboardCurrent, consoleCurrent, readsDuring, monthReadsDuring);
    }

    private sealed record StormRun(ScheduleResult Schedule, SosSent?[] Sent, double CpuMs, double WallSeconds, double MachineShare)
    {
        public int Alarms => Sent.Count(s => s?.AlarmId is not null);

        public double CpuPerAlarmMs => CpuMs / Math.Max(1, Alarms);

        public double CpuShare => CpuMs / (WallSeconds * 1000 * Environment.ProcessorCount);
    }

    private static async Task<StormRun> StormAsync(AppServer app, BenchDevice[] devices, Process process, int rate, int slots, string prefix)
    {
        process.Refresh();
        var cpu = process.TotalProcessorTime;
        var machine = MachineTicks();
        var wall = Stopwatch.StartNew();
        var (schedule, sent, _) = await AlarmLatencyBench.SendAsync(app.BaseUrl, devices, rate, slots, prefix);
        process.Refresh();
        var (busy, total) = MachineTicks();
        return new StormRun(schedule, sent, (process.TotalProcessorTime - cpu).TotalMilliseconds, wall.Elapsed.TotalSeconds,
            (busy - machine.Busy) / Math.Max(1.0, total - machine.Total));
    }

    /// <summary>The whole machine's busy and total CPU ticks (Linux /proc/stat): the database server's work included.</summary>
    private static (double Busy, double Total) MachineTicks()
    {
        if (!File.Exists("/proc/stat"))
        {
            return (0, 0);
        }

        var fields = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1)
            .Select(f => double.Parse(f, System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        var idle = fields[3] + (fields.Length > 4 ? fields[4] : 0);
        var total = fields.Sum();
        return (total - idle, total);
    }

    private static string Report(string label, StormOptions options, BenchDevice[] devices, StormRun reference, StormRun after, AlarmResult referenceLatency, StormRun storm, AlarmResult latency,
        List<OpenDashboard> dashboards, double?[] dashboardCurrent, double?[] consoleCurrent, long emergencyReads, long monthReads)
    {
        var slowestDashboard = dashboardCurrent.Any(d => d is null) ? double.PositiveInfinity : dashboardCurrent.Max(d => d!.Value);
        var slowestConsole = consoleCurrent.Any(c => c is null) ? double.PositiveInfinity : consoleCurrent.Max(c => c!.Value);
        var referenceCpu = (reference.CpuPerAlarmMs + after.CpuPerAlarmMs) / 2;
        var dashboardCpu = storm.CpuPerAlarmMs - referenceCpu;
        var checks = new (string What, bool Ok)[]
        {
            (Invariant($"alarm p99 {latency.Latency.P99:0.0} ms <= {BudgetP99Ms:0} ms, none lost or duplicated"), latency.Latency.P99 <= BudgetP99Ms && latency.Clean),
            (Invariant($"every dashboard current {slowestDashboard:0.00} s <= {BudgetCurrentSeconds:0} s after the last alarm"), slowestDashboard <= BudgetCurrentSeconds),
            (Invariant($"CPU {storm.CpuShare:P0} of the machine in this process, {storm.MachineShare:P0} in all (the database's included) < {BudgetCpuShare:P0}"), Math.Max(storm.CpuShare, storm.MachineShare) < BudgetCpuShare),
            (Invariant($"dashboards' and consoles' CPU {dashboardCpu:0.0} ms per alarm <= {BudgetDashboardCpuMsPerAlarm:0} ms"), dashboardCpu <= BudgetDashboardCpuMsPerAlarm),
        };

        Console.WriteLine();
        Console.WriteLine(Invariant(
            $"{label}: {options.Rate} SOS/s, {BenchDevices.DescribeVillages(devices)}, {options.Clients} hub clients ({Seats.Describe(Seats.Spread(options.Clients))}), {dashboards.Count} dashboards (district + streets) and {options.Consoles} consoles in the app's process; {options.Elders:N0} elders, {options.Alarms:N0} historical alarms"));
        Console.WriteLine("  latency: from each SOS's scheduled moment to the alarm.raised update received by each in-scope hub client; CPU: this process (the app, the load generator and the hub clients) as a share of the machine's cores, and the whole machine's (/proc/stat); ms/alarm: this process's");
        Console.WriteLine(Invariant($"  {"",-34}{"SOS",7}{"failed",8}{"lag p99",9}{"lost",7}{"dup",6}{"p50 ms",9}{"p95 ms",9}{"p99 ms",9}{"max ms",9}{"CPU",7}{"machine",9}{"ms/alarm",10}"));
        foreach (var (name, run, r) in new[] { ("reference (hub clients only)", reference, referenceLatency), (Invariant($"storm ({options.Seconds} s measured)"), storm, latency) })
        {
            Console.WriteLine(Invariant(
                $"  {name,-34}{r.Measured,7}{r.Failed,8}{r.SendLag.P99,9:0.0}{r.Lost,7:N0}{r.Duplicated,6:N0}{r.Latency.P50,9:0.0}{r.Latency.P95,9:0.0}{r.Latency.P99,9:0.0}{r.Latency.Max,9:0.0}{run.CpuShare,7:P0}{run.MachineShare,9:P0}{run.CpuPerAlarmMs,10:0.00}"));
        }

        Console.WriteLine(Invariant($"  reference again after the storm (dashboards and consoles closed): CPU {after.CpuShare:P0}, {after.CpuPerAlarmMs:0.00} ms per alarm; the dashboards' and consoles' share: {storm.CpuPerAlarmMs:0.00} - mean({reference.CpuPerAlarmMs:0.00}, {after.CpuPerAlarmMs:0.00}) = {dashboardCpu:0.00} ms per alarm"));
        Console.WriteLine(Invariant($"  dashboards: emergency source read {emergencyReads:N0} times during the storm ({emergencyReads / Math.Max(1.0, storm.WallSeconds):0.0}/s for {dashboards.Count} dashboards), the month's earlier days {monthReads} times"));
        Console.WriteLine(Invariant($"  current after the last alarm (s): dashboards {string.Join(" ", dashboardCurrent.Select(d => d is { } v ? v.ToString("0.00", System.Globalization.CultureInfo.InvariantCulture) : "never"))}"));
        Console.WriteLine(Invariant($"  consoles showing their scope's last alarm after (s): slowest {slowestConsole:0.00}, median {Median(consoleCurrent):0.00}"));
        Console.WriteLine(Invariant($"  alarms in the database: {latency.AlarmsStored:N0} for {latency.AlarmsAccepted:N0} accepted SOS ({latency.AlarmsDistinct:N0} distinct) {(latency.AlarmsStored == latency.AlarmsAccepted && latency.AlarmsDistinct == latency.AlarmsAccepted ? "OK" : "MISMATCH")}"));
        foreach (var (what, ok) in checks)
        {
            Console.WriteLine(Invariant($"  {(ok ? "PASS" : "OVER")}  {what}"));
        }

        var pass = checks.All(c => c.Ok);
        return Invariant(
            $"SUMMARY {label}: storm {options.Rate} SOS/s x {options.Seconds} s, {options.Clients} clients, {dashboards.Count} dashboards, {options.Consoles} consoles: alarm p99 {latency.Latency.P99:0} ms, lost {latency.Lost}, dup {latency.Duplicated}; dashboards current after {slowestDashboard:0.00} s; CPU {storm.CpuShare:P0} (machine {storm.MachineShare:P0}); dashboards+consoles {dashboardCpu:0.0} ms CPU per alarm (budgets 500 ms, 2 s, 80 %, 20 ms) {(pass ? "PASS" : "OVER")}");
    }

    private static double Median(double?[] values)
    {
        var known = values.Where(v => v is not null).Select(v => v!.Value).Order().ToArray();
        return known.Length == 0 ? double.NaN : known[known.Length / 2];
    }

    private static async Task<IReadOnlyList<string>> Regions(IServiceProvider services, RegionLevel level)
    {
        await using var db = await services.GetRequiredService<IDbContextFactory<EldercareDbContext>>().CreateDbContextAsync();
        return await db.Regions.AsNoTracking().Where(r => r.Level == level).OrderBy(r => r.Code).Select(r => r.Code).ToListAsync();
    }

    /// <summary>Open and today's alarms per dashboard region, counted in the database.</summary>
    private static async Task<Dictionary<string, (long Open, long Today)>> TruthAsync(IServiceProvider services, IEnumerable<string> regions)
    {
        var period = DashboardPeriod.At(TimeProvider.System);
        await using var db = await services.GetRequiredService<IDbContextFactory<EldercareDbContext>>().CreateDbContextAsync();
        var truth = new Dictionary<string, (long, long)>(StringComparer.Ordinal);
        foreach (var region in regions)
        {
            var alarms = db.Set<Alarm>().AsNoTracking().WithinRegion(a => a.RegionCode + "", region);
            truth[region] = (await alarms.CountAsync(a => a.Status <= AlarmStatus.OnScene), await alarms.CountAsync(a => a.RaisedAtUtc >= period.TodayStartUtc));
        }

        return truth;
    }

    private static ClaimsPrincipal Principal(string role, string region) => new(new ClaimsIdentity(
        [
            new Claim(ClaimTypes.NameIdentifier, Guid.NewGuid().ToString()),
            new Claim(ClaimTypes.Name, "bench-" + role),
            new Claim(ClaimTypes.Role, role),
            new Claim(EldercareClaims.Region, region),
        ],
        "bench"));

    private static async Task<T> SendAsync<T>(IServiceProvider services, ClaimsPrincipal user, Func<IMediator, ValueTask<T>> send)
    {
        await using var scope = services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<CurrentUser>().Set(user);
        return await send(scope.ServiceProvider.GetRequiredService<IMediator>());
    }

    private sealed record OpenDashboard(string Region, DashboardState State, Dispatcher Dispatcher);

    private sealed record OpenConsole(string Region, LiveConsole Console, Dispatcher Dispatcher);

    private sealed class ReadCounter
    {
        private long emergency;

        public long Emergency => Interlocked.Read(ref emergency);

        public void Count(string source)
        {
            if (source == "emergency")
            {
                Interlocked.Increment(ref emergency);
            }
        }
    }

    /// <summary>One piece of work at a time, as a circuit's renderer runs a component's <c>InvokeAsync</c>.</summary>
    private sealed class Dispatcher : IDisposable
    {
        private readonly SemaphoreSlim gate = new(1, 1);

        public void Dispose() => gate.Dispose();

        public async Task<T> RunAsync<T>(Func<Task<T>> work)
        {
            await gate.WaitAsync();
            try
            {
                return await work();
            }
            finally
            {
                gate.Release();
            }
        }

        public async Task RunAsync(Func<Task> work) => await RunAsync(async () =>
        {
            await work();
            return true;
        });
    }

    private static async Task<OpenDashboard> OpenDashboardAsync(IServiceProvider services, ClaimsPrincipal user, string region, ReadCounter reads)
    {
        var view = (await SendAsync(services, user, m => m.Send(new GetDashboard.Query(region)))).Value
            ?? throw new InvalidOperationException("GetDashboard refused " + region);
        var dispatcher = new Dispatcher();
        var state = new DashboardState(services.GetRequiredService<ILiveUpdates>(), TimeProvider.System, services.GetRequiredService<IConfiguration>(), NullLogger<DashboardState>.Instance);
        state.Start(view, new DashboardLoaders(
            async ct => (await SendAsync(services, user, m => m.Send(new GetDashboard.Query(region), ct))).Value,
            async (source, ct) =>
            {
                reads.Count(source);
                return (await SendAsync(services, user, m => m.Send(new GetDashboardSource.Query(region, source), ct))).Value;
            }),
            dispatcher.RunAsync, () => { });
        return new OpenDashboard(region, state, dispatcher);
    }

    private static async Task<OpenConsole> OpenConsoleAsync(IServiceProvider services, ClaimsPrincipal user, string region)
    {
        var dispatcher = new Dispatcher();
        var console = new LiveConsole(services.GetRequiredService<ILiveUpdates>(), TimeProvider.System, services.GetRequiredService<IConfiguration>(), NullLogger<LiveConsole>.Instance);
        await console.StartAsync(region, new ConsoleLoaders(
            async ct => await SendAsync(services, user, m => m.Send(new GetLiveFeed.Query(LiveConsole.FeedSize), ct)),
            async ct => await SendAsync(services, user, m => m.Send(new GetScopeOverview.Query(), ct))),
            dispatcher.RunAsync, () => { });
        return new OpenConsole(region, console, dispatcher);
    }
}
