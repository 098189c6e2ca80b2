using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SmartEldercare.Emergency.Alarms;
using SmartEldercare.Emergency.Devices;
using SmartEldercare.Emergency.Features.Ingest;
using SmartEldercare.Platform.Persistence;
using SmartEldercare.Web.Hosting;
using static System.FormattableString;

namespace SmartEldercare.Bench;

/// <summary>A run checked against the database: stored, lost, unexpected and duplicate rows; alarms answered and stored.</summary>
internal sealed record IngestCheck(int Stored, int Lost, int Unexpected, int DuplicateRows, int AlarmEvents, int AlarmsAnswered, int AlarmsStored, int EventsLinked)
{
    public bool Clean(LoadRun run) => Lost == 0 && Unexpected == 0 && DuplicateRows == 0 && Stored == run.Accepted.Count && run.DuplicatesAnswered == 0
        && AlarmsAnswered == AlarmEvents && AlarmsStored == AlarmEvents && EventsLinked == AlarmEvents;
}

/// <summary>The replay of already accepted events: how many were answered as duplicates with their first alarm, and what was created.</summary>
internal sealed record ReplayCheck(int Sent, int AlarmEvents, int Duplicate, int WrongAlarm, int Refused, int EventsCreated, int AlarmsCreated, int LiveEventsCreated)
{
    public bool Clean => Duplicate == Sent && WrongAlarm == 0 && Refused == 0 && EventsCreated == 0 && AlarmsCreated == 0 && LiveEventsCreated == 0;
}

/// <summary>
/// Sustained device ingest: the real app on Kestrel, N registered SOS buttons, C concurrent senders posting signed events
/// (98 % heartbeats with a battery reading, 2 % sos/fall) to <c>POST /api/v1/device-events</c> as fast as the answers
/// come, one event per request and then batches of B; every committed event is checked in the database afterwards, and
/// a sample is replayed. The floor (<see cref="IngestFloor"/>: the same work minus the platform) alternates with the
/// platform on the same database, at least three times per batch size.
/// </summary>
internal static class IngestBench
{
    public const string PostgresDatabase = "eldercare_bench_ingest";
    public const double BudgetEventsPerSecond = 1000;
    private const int SeedElders = 2000;
    private const int WarmUpSeconds = 3;
    private const int HeartbeatSeconds = 3600;
    private const int ReplayEvents = 400;
    private const int ReplayAlarms = 40;

    /// <summary>
    /// Alarms nobody acknowledges would climb the ladder after 60 s (a write and a live update each, hundreds at once):
    /// not what is measured here, so the ladder waits an hour. Devices report every hour, so none goes offline meanwhile.
    /// </summary>
    public static readonly IReadOnlyDictionary<string, string> Settings = new Dictionary<string, string>
    {
        ["Emergency:CriticalEscalateAfterSeconds"] = "3600",
        ["Emergency:HighEscalateAfterSeconds"] = "3600",
    };

    public static async Task<string> RunSqliteAsync(IngestOptions options)
    {
        using var database = new TempSqliteDatabase();
        return await RunAsync("sqlite", DatabaseProvider.Sqlite, database.ConnectionString, options);
    }

    public static async Task<string> RunPostgresAsync(IngestOptions options, string serverConnectionString) =>
        await RunAsync("postgres", DatabaseProvider.PostgreSql, await PostgresDatabases.RecreateAsync(serverConnectionString, PostgresDatabase), options);

    private static async Task<string> RunAsync(string label, DatabaseProvider provider, string connectionString, IngestOptions options)
    {
        Console.WriteLine(Invariant($"{label}: starting the app on Kestrel (migrations, demo accounts, {SeedElders:N0} elders) ..."));
        await using var app = new AppServer(provider, connectionString, SeedElders, Settings).Start();
        var devices = await BenchDevices.RegisterAsync(app.Services, options.Devices, "ING", HeartbeatSeconds);
        Console.WriteLine(Invariant($"{label}: {app.BaseUrl}, {BenchDevices.DescribeVillages(devices)} registered through RegisterDevice"));
        var batches = options.Batch > 1 ? new[] { 1, options.Batch } : [1];
        var escalateAfter = TimeSpan.FromSeconds(int.Parse(Settings["Emergency:CriticalEscalateAfterSeconds"], System.Globalization.CultureInfo.InvariantCulture));

        // Platform and floor alternate, each run on the database the previous one left (so neither gets a smaller table or
        // a quieter machine), at least three times per batch size; the ratio is reported per alternation.
        var platform = new List<(LoadRun Run, IngestCheck Check)>();
        var floor = new List<(LoadRun Run, IngestCheck Check)>();
        var commits = new List<long>();
        var floorCommits = new List<long>();
        var warmUp = new List<LoadRun>();
        var ingestor = app.Services.GetRequiredService<DeviceEventIngestor>();
        await using (var bare = await IngestFloor.OpenAsync(provider, connectionString))
        using (var client = new SignedDeviceClient(app.BaseUrl, options.Concurrency))
        {
            // One pair first, not reported: tiered JIT and caches settle over the first seconds of either side.
            Console.WriteLine(Invariant($"{label}: a warm-up pair (platform, floor; {WarmUpSeconds} s each, not reported) ..."));
            warmUp.Add(await ClosedLoop.RunAsync("platform", devices, options.Concurrency, 1, "pw-", 0, WarmUpSeconds, (_, device, events) => SendAsync(client, device, events)));
            warmUp.Add(await ClosedLoop.RunAsync("floor", devices, options.Concurrency, 1, "fw-", 0, WarmUpSeconds, (_, device, events) => bare.InsertAsync(device, events, escalateAfter)));
            foreach (var batch in batches)
            {
                for (var alternation = 1; alternation <= options.Alternations; alternation++)
                {
                    var prefix = Invariant($"p{batch}a{alternation}-");
                    Console.WriteLine(Invariant($"{label}: [{alternation}/{options.Alternations}] platform, {batch} event(s) per request, {options.Concurrency} senders, {WarmUpSeconds} s warm-up + {options.Seconds} s ..."));
                    var commitsBefore = ingestor.Commits;
                    var run = await ClosedLoop.RunAsync("platform", devices, options.Concurrency, batch, prefix, WarmUpSeconds, options.Seconds,
                        (_, device, events) => SendAsync(client, device, events));
                    commits.Add(ingestor.Commits - commitsBefore);
                    platform.Add((run, await CheckAsync(app.Services, prefix, run)));

                    prefix = Invariant($"f{batch}a{alternation}-");
                    Console.WriteLine(Invariant($"{label}: [{alternation}/{options.Alternations}] floor, {batch} event(s) per request's worth, {options.Concurrency} senders, {WarmUpSeconds} s warm-up + {options.Seconds} s ..."));
                    var floorBefore = bare.Commits;
                    run = await ClosedLoop.RunAsync("floor", devices, options.Concurrency, batch, prefix, WarmUpSeconds, options.Seconds,
                        (_, device, events) => bare.InsertAsync(device, events, escalateAfter));
                    floorCommits.Add(bare.Commits - floorBefore);
                    floor.Add((run, await CheckAsync(app.Services, prefix, run)));
                }
            }
        }

        var (alarmsStored, alarmsExtra) = await CheckAllAlarmsAsync(app.Services, devices, platform.Concat(floor).SelectMany(p => p.Run.Accepted).Concat(warmUp.SelectMany(w => w.Accepted)));
        ReplayCheck replay;
        using (var client = new SignedDeviceClient(app.BaseUrl, options.Concurrency))
        {
            Console.WriteLine(Invariant($"{label}: replaying up to {ReplayEvents} accepted events ..."));
            replay = await ReplayAsync(app.Services, client, devices, platform[0].Run, options.Concurrency);
        }

        List<StepTime> breakdown;
        using (var client = new SignedDeviceClient(app.BaseUrl, 1))
        {
            Console.WriteLine(Invariant($"{label}: timing the steps of a single-event request one at a time ..."));
            breakdown = await IngestBreakdown.RunAsync(app, provider, connectionString, devices, client);
        }

        return Report(label, options, devices, platform, commits, floor, floorCommits, warmUp.Sum(w => w.Accepted.Count(a => a.Event.IsAlarm)), alarmsStored, alarmsExtra, replay, breakdown);
    }

    private static async Task<UnitOutcome> SendAsync(SignedDeviceClient client, BenchDevice device, PlannedEvent[] events)
    {
        var answer = await client.SendAsync(device, PlannedEvent.Body(events));
        if (answer.Status != HttpStatusCode.Accepted)
        {
            return UnitOutcome.Failed(((int)answer.Status).ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        if (answer.Results.Count != events.Length)
        {
            return UnitOutcome.Failed("202 with a wrong number of results");
        }

        var accepted = new List<AcceptedEvent>(events.Length);
        var duplicates = 0;
        for (var i = 0; i < events.Length; i++)
        {
            var result = answer.Results[i];
            if (result.EventId != events[i].EventId || result.Duplicate)
            {
                duplicates++;
                continue;
            }

            accepted.Add(new AcceptedEvent(device, events[i], result.AlarmId));
        }

        return new UnitOutcome(true, null, accepted, duplicates);
    }

    /// <summary>Every row of the run's events (by their id prefix) against what was answered as committed.</summary>
    private static async Task<IngestCheck> CheckAsync(IServiceProvider services, string prefix, LoadRun run)
    {
        await using var db = await services.GetRequiredService<IDbContextFactory<EldercareDbContext>>().CreateDbContextAsync();
        var rows = await db.Set<DeviceEvent>().AsNoTracking().Where(e => e.EventId.StartsWith(prefix))
            .Select(e => new { e.DeviceId, e.EventId, e.AlarmId }).ToListAsync();
        var stored = rows.Select(r => (r.DeviceId, r.EventId)).ToHashSet();
        var accepted = run.Accepted.Select(a => (a.Device.Id, a.Event.EventId)).ToHashSet();
        var answeredAlarms = run.Accepted.Where(a => a.AlarmId is not null).Select(a => a.AlarmId!.Value).ToHashSet();
        var alarmsStored = 0;
        foreach (var chunk in answeredAlarms.Chunk(500))
        {
            alarmsStored += await db.Set<Alarm>().CountAsync(a => chunk.Contains(a.Id));
        }

        return new IngestCheck(
            Stored: rows.Count,
            Lost: accepted.Count(k => !stored.Contains(k)),
            Unexpected: stored.Count(k => !accepted.Contains(k)),
            DuplicateRows: rows.Count - stored.Count,
            AlarmEvents: run.Accepted.Count(a => a.Event.IsAlarm),
            AlarmsAnswered: answeredAlarms.Count,
            AlarmsStored: alarmsStored,
            EventsLinked: rows.Count(r => r.AlarmId is not null));
    }

    /// <summary>All alarms of the bench's devices against the alarms answered: none missing, none extra.</summary>
    private static async Task<(int Stored, int Extra)> CheckAllAlarmsAsync(IServiceProvider services, BenchDevice[] devices, IEnumerable<AcceptedEvent> accepted)
    {
        var answered = accepted.Where(a => a.AlarmId is not null).Select(a => a.AlarmId!.Value).ToHashSet();
        var ids = await BenchAlarmIdsAsync(services, devices);
        return (ids.Count, ids.Count(id => !answered.Contains(id)));
    }

    private static async Task<HashSet<Guid>> BenchAlarmIdsAsync(IServiceProvider services, BenchDevice[] devices)
    {
        await using var db = await services.GetRequiredService<IDbContextFactory<EldercareDbContext>>().CreateDbContextAsync();
        var deviceIds = devices.Select(d => (Guid?)d.Id).ToList();
        return [.. await db.Set<Alarm>().Where(a => deviceIds.Contains(a.DeviceId)).Select(a => a.Id).ToListAsync()];
    }

    /// <summary>
    /// Re-sends a sample of accepted events of the single-event run (alarms and heartbeats, spread over the run), one per
    /// request, signed anew: each must answer duplicate with its first alarm id, and nothing may be created.
    /// </summary>
    private static async Task<ReplayCheck> ReplayAsync(IServiceProvider services, SignedDeviceClient client, BenchDevice[] devices, LoadRun run, int concurrency)
    {
        var alarms = run.Accepted.Where(a => a.Event.IsAlarm).ToList();
        var heartbeats = run.Accepted.Where(a => !a.Event.IsAlarm).ToList();
        var sample = Spread(alarms, ReplayAlarms).Concat(Spread(heartbeats, ReplayEvents - Math.Min(ReplayAlarms, alarms.Count))).ToList();
        var startedUtc = DateTime.UtcNow;
        var (eventsBefore, alarmsBefore) = await CountsAsync(services, devices);
        var duplicate = 0;
        var wrongAlarm = 0;
        var refused = 0;
        await Parallel.ForEachAsync(sample, new ParallelOptions { MaxDegreeOfParallelism = concurrency }, async (first, _) =>
        {
            var answer = await client.SendAsync(first.Device, PlannedEvent.Body([first.Event]));
            if (answer.Status != HttpStatusCode.Accepted || answer.Results.Count != 1)
            {
                Interlocked.Increment(ref refused);
                return;
            }

            if (answer.Results[0].Duplicate)
            {
                Interlocked.Increment(ref duplicate);
            }

            if (answer.Results[0].AlarmId != first.AlarmId)
            {
                Interlocked.Increment(ref wrongAlarm);
            }
        });

        var (eventsAfter, alarmsAfter) = await CountsAsync(services, devices);
        await using var db = await services.GetRequiredService<IDbContextFactory<EldercareDbContext>>().CreateDbContextAsync();
        var benchAlarms = (await BenchAlarmIdsAsync(services, devices)).Select(id => id.ToString()).ToHashSet(StringComparer.Ordinal);
        var liveEvents = (await db.LiveEvents.AsNoTracking().Where(e => e.AtUtc >= startedUtc).Select(e => e.RecordId).ToListAsync())
            .Count(r => r is not null && benchAlarms.Contains(r));
        return new ReplayCheck(sample.Count, sample.Count(s => s.Event.IsAlarm), duplicate, wrongAlarm, refused, eventsAfter - eventsBefore, alarmsAfter - alarmsBefore, liveEvents);
    }

    private static IEnumerable<T> Spread<T>(List<T> items, int count) =>
        items.Count <= count ? items : Enumerable.Range(0, count).Select(i => items[(int)((long)i * items.Count / count)]);

    private static async Task<(int Events, int Alarms)> CountsAsync(IServiceProvider services, BenchDevice[] devices)
    {
        await using var db = await services.GetRequiredService<IDbContextFactory<EldercareDbContext>>().CreateDbContextAsync();
        var deviceIds = devices.Select(d => d.Id).ToList();
        var nullableIds = deviceIds.Select(id => (Guid?)id).ToList();
        return (await db.Set<DeviceEvent>().CountAsync(e => deviceIds.Contains(e.DeviceId)), await db.Set<Alarm>().CountAsync(a => nullableIds.Contains(a.DeviceId)));
    }

    private static string Report(string label, IngestOptions options, BenchDevice[] devices, List<(LoadRun Run, IngestCheck Check)> platform, List<long> commits,
        List<(LoadRun Run, IngestCheck Check)> floor, List<long> floorCommits, int warmUpAlarms, int alarmsStored, int alarmsExtra, ReplayCheck replay, List<StepTime> breakdown)
    {
        Console.WriteLine();
        Console.WriteLine(Invariant(
            $"{label}: {BenchDevices.DescribeVillages(devices)}, {options.Concurrency} concurrent senders, {options.Seconds} s measured after {WarmUpSeconds} s warm-up per run, platform and floor alternating {options.Alternations} times per batch size; events 98 % heartbeat (battery reading), 2 % sos/fall"));
        Console.WriteLine("  platform: signed POST /api/v1/device-events over HTTP to Kestrel (device lookup, HMAC, idempotency check, group commit; alarms stored in the live feed and pushed)");
        Console.WriteLine("  floor: the same work minus the platform, in bare ADO.NET on the same database: group commit of the queued requests, one read per group (device versions + the");
        Console.WriteLine("         group's event ids already stored), one batch (events, alarms, steps, live-feed rows, device health checked against its version); replays answered as duplicates");
        Console.WriteLine(Invariant($"  {"",-10}{"batch",6}{"alt",4}{"requests",10}{"req/s",9}{"events/s",10}{"p50 ms",9}{"p95 ms",9}{"p99 ms",9}{"max ms",9}{"failed",8}{"req/tx",8}{"ratio",8}"));
        for (var i = 0; i < platform.Count; i++)
        {
            var alternation = i % options.Alternations + 1;
            foreach (var (run, _, tx) in new[] { (platform[i].Run, platform[i].Check, commits[i]), (floor[i].Run, floor[i].Check, floorCommits[i]) })
            {
                var ratio = run.Name == "platform" ? Invariant($"{run.EventsPerSecond / Math.Max(floor[i].Run.EventsPerSecond, 0.001):0.00}x") : string.Empty;
                var l = run.Latency;
                Console.WriteLine(Invariant(
                    $"  {run.Name,-10}{run.Batch,6}{alternation,4}{run.MeasuredRequests,10:N0}{run.RequestsPerSecond,9:N0}{run.EventsPerSecond,10:N0}{l.P50,9:0.0}{l.P95,9:0.0}{l.P99,9:0.0}{l.Max,9:0.0}{run.FailedRequests,8:N0}{run.Requests / Math.Max(tx, 1.0),8:0.0}{ratio,8}"));
            }
        }

        Console.WriteLine("  (requests, rates and latencies: the measured window; failed: requests not answered 202 in the whole run; req/tx: requests per committed transaction, whole run;");
        Console.WriteLine("   ratio: platform events/s / floor events/s of the same alternation)");
        var ratios = Ratios(platform, floor);
        foreach (var (batch, rs, mean) in ratios)
        {
            Console.WriteLine(Invariant($"  batch {batch}: platform at {mean:P0} of the floor (mean of {rs.Length} alternations; spread {rs.Min():P0}–{rs.Max():P0})"));
        }

        Console.WriteLine("  checked in the database (whole run, warm-up included):");
        foreach (var (run, check) in platform.Concat(floor))
        {
            Console.WriteLine(Invariant(
                $"    {run.Name} batch {run.Batch}: sent {run.EventsSent:N0} events in {run.Requests:N0} requests, accepted {run.Accepted.Count:N0}, stored {check.Stored:N0}; lost {check.Lost}, unexpected {check.Unexpected}, duplicate rows {check.DuplicateRows}, answered duplicate {run.DuplicatesAnswered}"));
            Console.WriteLine(Invariant(
                $"      alarm events sent {run.AlarmEventsSent:N0}, accepted {check.AlarmEvents:N0}; alarm ids answered {check.AlarmsAnswered:N0}, alarms stored {check.AlarmsStored:N0}, events linked to an alarm {check.EventsLinked:N0} {(check.Clean(run) ? "OK" : "MISMATCH")}"));
            foreach (var (why, n) in run.Failures)
            {
                Console.WriteLine(Invariant($"      failed requests: {n:N0} x {why}"));
            }
        }

        var alarmEvents = platform.Concat(floor).Sum(p => p.Check.AlarmEvents) + warmUpAlarms;
        Console.WriteLine(Invariant(
            $"    all alarms of the bench's devices after the runs: {alarmsStored:N0}, alarm events accepted {alarmEvents:N0}, alarms not answered to any event {alarmsExtra} {(alarmsStored == alarmEvents && alarmsExtra == 0 ? "OK" : "MISMATCH")}"));
        Console.WriteLine(Invariant(
            $"    replay of {replay.Sent} accepted events ({replay.AlarmEvents} alarms), signed anew: {replay.Duplicate} answered duplicate, {replay.WrongAlarm} with another alarm id, {replay.Refused} refused; created {replay.EventsCreated} events, {replay.AlarmsCreated} alarms, {replay.LiveEventsCreated} live events {(replay.Clean ? "OK" : "MISMATCH")}"));

        Console.WriteLine("  one single-event request, step by step (each step alone, one at a time, after the runs):");
        Console.WriteLine(Invariant($"    {"",-72}{"mean ms",9}{"p50 ms",9}"));
        foreach (var step in breakdown)
        {
            Console.WriteLine(Invariant($"    {step.Step,-72}{step.MeanMs,9:0.00}{step.P50Ms,9:0.00}"));
        }

        var clean = platform.All(p => p.Check.Clean(p.Run)) && floor.All(f => f.Check.Clean(f.Run)) && alarmsStored == alarmEvents && alarmsExtra == 0 && replay.Clean;
        var perBatch = platform.GroupBy(p => p.Run.Batch).Select(g => (Batch: g.Key, EventsPerSecond: g.Average(p => p.Run.EventsPerSecond), Slowest: g.Min(p => p.Run.EventsPerSecond),
            P99: g.Max(p => p.Run.Latency.P99), Floor: floor.Where(f => f.Run.Batch == g.Key).Average(f => f.Run.EventsPerSecond))).ToList();
        var verdicts = perBatch.Select(b => Invariant($"{(b.Batch == 1 ? "single events" : $"batches of {b.Batch}")} {b.EventsPerSecond:N0}/s (slowest run {b.Slowest:N0}/s) {(b.Slowest >= BudgetEventsPerSecond ? "yes" : "no")}")).ToList();
        Console.WriteLine(Invariant($"  within budget (>= {BudgetEventsPerSecond:N0} events/s in every run): {string.Join(", ", verdicts)}; zero lost and duplicated: {(clean ? "yes" : "NO")}"));
        var summary = string.Join(", ", perBatch.Select(b =>
        {
            var (_, rs, mean) = ratios.Single(r => r.Batch == b.Batch);
            return Invariant($"{(b.Batch == 1 ? "single" : $"batch {b.Batch}")} {b.EventsPerSecond:N0} events/s (floor {b.Floor:N0}; platform/floor {mean:0.00}x, spread {rs.Min():0.00}–{rs.Max():0.00} over {rs.Length}; p99 {b.P99:0} ms)");
        }));
        var pass = perBatch[0].Slowest >= BudgetEventsPerSecond && clean;
        return Invariant(
            $"SUMMARY {label}: ingest {summary}; lost 0/duplicated 0: {(clean ? "yes" : "NO")} (budget >= {BudgetEventsPerSecond:N0} events/s, single events, every run) {(pass ? "PASS" : "OVER")}");
    }

    private static List<(int Batch, double[] Ratios, double Mean)> Ratios(List<(LoadRun Run, IngestCheck Check)> platform, List<(LoadRun Run, IngestCheck Check)> floor) =>
        [.. platform.Select((p, i) => (p.Run.Batch, Ratio: p.Run.EventsPerSecond / Math.Max(floor[i].Run.EventsPerSecond, 0.001)))
            .GroupBy(r => r.Batch)
            .Select(g => (g.Key, g.Select(r => r.Ratio).ToArray(), g.Average(r => r.Ratio)))];
}
