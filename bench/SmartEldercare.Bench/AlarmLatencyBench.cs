using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SmartEldercare.Emergency.Alarms;
using SmartEldercare.Platform.Persistence;
using SmartEldercare.Web.Hosting;
using static System.FormattableString;

namespace SmartEldercare.Bench;

/// <summary>
/// One SOS the bench sent: when it was due on the schedule, when its POST actually left, when the 202 came back, and the
/// alarm it raised (null: refused).
/// </summary>
internal sealed record SosSent(int Slot, BenchDevice Device, DateTime DueUtc, DateTime SentUtc, DateTime AnsweredUtc, int Status, Guid? AlarmId);

/// <summary>An <c>alarm.raised</c> update as a hub client received it: which client, which alarm, when, and its <c>AtUtc</c> stamp.</summary>
internal sealed record AlarmReceipt(int Client, Guid AlarmId, DateTime ReceivedUtc, DateTime StampUtc);

/// <summary>The figures of one provider's run.</summary>
internal sealed record AlarmResult(
    ScheduleResult Schedule, int Measured, int Failed, long Expected, long Received, long Lost, long Duplicated, long Unexpected, int Closed,
    Percentiles Latency, Percentiles PostToAnswer, Percentiles PostToStamp, Percentiles StampToReceipt, int AlarmsAccepted, int AlarmsStored, int AlarmsDistinct,
    Percentiles SendLag, Percentiles FromSend)
{
    public bool Clean => Failed == 0 && Lost == 0 && Duplicated == 0 && Unexpected == 0 && Closed == 0 && AlarmsStored == AlarmsAccepted && AlarmsDistinct == AlarmsAccepted;
}

/// <summary>
/// End to end for alarms: the real app on Kestrel, N hub clients on <c>/hubs/live</c> with the demo accounts' bearer
/// tokens (spread over district, streets and villages as in <c>live</c>), SOS buttons registered on elders of the
/// clients' two streets, and signed SOS events posted over HTTP at a fixed rate. Latency = from the device's POST being
/// sent to the <c>alarm.raised</c> update (matched by <c>RecordId</c> = the alarm id answered) received by each in-scope
/// client; expected receipts follow from the fan-out (the clients whose joined region contains the alarm's village).
/// </summary>
internal static class AlarmLatencyBench
{
    public const string PostgresDatabase = "eldercare_bench_alarms";
    public const double BudgetP99Ms = 500;
    private const int SeedElders = 2000;
    private const int WarmUpSeconds = 3;
    private const int HeartbeatSeconds = 3600;
    private const string Raised = "alarm.raised";

    public static async Task<string> RunSqliteAsync(AlarmOptions options)
    {
        using var database = new TempSqliteDatabase();
        return await RunAsync("sqlite", DatabaseProvider.Sqlite, database.ConnectionString, options);
    }

    public static async Task<string> RunPostgresAsync(AlarmOptions options, string serverConnectionString) =>
        await RunAsync("postgres", DatabaseProvider.PostgreSql, await PostgresDatabases.RecreateAsync(serverConnectionString, PostgresDatabase), options);

    private static async Task<string> RunAsync(string label, DatabaseProvider provider, string connectionString, AlarmOptions options)
    {
        Console.WriteLine(Invariant($"{label}: starting the app on Kestrel (migrations, demo accounts, {SeedElders:N0} elders) ..."));
        await using var app = new AppServer(provider, connectionString, SeedElders, IngestBench.Settings).Start();
        var devices = await BenchDevices.RegisterAsync(app.Services, options.Devices, "SOS", HeartbeatSeconds,
            village => Seats.Streets.Any(street => village.StartsWith(street, StringComparison.Ordinal)));
        var seats = Seats.Spread(options.Clients);
        var receipts = new ConcurrentQueue<AlarmReceipt>();
        Console.WriteLine(Invariant($"{label}: {app.BaseUrl}, {BenchDevices.DescribeVillages(devices)} of {string.Join(" and ", Seats.Streets)}; connecting {options.Clients} hub clients ..."));
        await using var clients = await ConnectAsync(app.BaseUrl, seats, receipts);

        var warmUpSlots = WarmUpSeconds * options.Rate;
        var slots = warmUpSlots + options.Seconds * options.Rate;
        Console.WriteLine(Invariant($"{label}: {WarmUpSeconds} s warm-up + {options.Seconds} s of SOS at {options.Rate}/s ..."));
        var (schedule, sent, maxInFlight) = await SendAsync(app.BaseUrl, devices, options.Rate, slots);

        await ReceiptLog.UntilQuietAsync(() => receipts.Count, TimeSpan.FromSeconds(15));
        var closed = clients.Closed;

        // The database: one alarm per accepted SOS, none more.
        var accepted = sent.Where(s => s?.AlarmId is not null).Select(s => s!.AlarmId!.Value).ToList();
        int stored;
        await using (var db = await app.Services.GetRequiredService<IDbContextFactory<EldercareDbContext>>().CreateDbContextAsync())
        {
            var deviceIds = devices.Select(d => (Guid?)d.Id).ToList();
            stored = await db.Set<Alarm>().CountAsync(a => deviceIds.Contains(a.DeviceId) && a.Type == AlarmType.Sos);
        }

        var result = Analyse(schedule, [.. sent.Skip(warmUpSlots)], receipts, seats, closed, accepted.Count, stored, accepted.Distinct().Count());
        var refused = sent.Where(s => s is not null && s.AlarmId is null).GroupBy(s => s!.Status).Select(g => Invariant($"{g.Count()} x {g.Key}")).ToList();
        return Report(label, options, seats, devices, result, maxInFlight, refused);
    }

    /// <summary>Hub clients on the demo accounts' bearer tokens, each recording the <c>alarm.raised</c> updates it receives.</summary>
    public static async Task<HubClientFleet> ConnectAsync(Uri baseUrl, Seat[] seats, ConcurrentQueue<AlarmReceipt> receipts)
    {
        var tokens = await BenchAccounts.TokensAsync(baseUrl, seats.Select(s => s.UserName).Distinct());
        return await HubClientFleet.ConnectAsync(new Uri(baseUrl, "/hubs/live"), seats, tokens, (connection, index) =>
            connection.On<AlarmUpdate>("update", u =>
            {
                if (u.Topic == Raised && Guid.TryParse(u.RecordId, out var alarmId))
                {
                    receipts.Enqueue(new AlarmReceipt(index, alarmId, DateTime.UtcNow, u.AtUtc));
                }
            }));
    }

    /// <summary>
    /// Signed SOS events on a fixed schedule: slot k from device k mod N, at k / rate seconds, each timed from its
    /// scheduled moment. Device k sends SOS k, k + N, ...: a device's next SOS comes N / rate seconds later.
    /// </summary>
    public static async Task<(ScheduleResult Schedule, SosSent?[] Sent, int MaxInFlight)> SendAsync(Uri baseUrl, BenchDevice[] devices, int rate, int slots, string prefix = "sos-")
    {
        var sent = new SosSent?[slots];
        var inFlight = 0;
        var maxInFlight = 0;
        using var client = new SignedDeviceClient(baseUrl, connections: 1024);
        var schedule = await FixedRate.RunAsync(rate, slots, async scheduled =>
        {
            var slot = scheduled.Index;
            var device = devices[slot % devices.Length];
            var body = PlannedEvent.Body([new PlannedEvent(Invariant($"{prefix}{slot}"), "sos", null)]);
            var sentUtc = DateTime.UtcNow;
            var now = Interlocked.Increment(ref inFlight);
            InterlockedMax(ref maxInFlight, now);
            SignedAnswer answer;
            try
            {
                answer = await client.SendAsync(device, body);
            }
            catch (HttpRequestException ex)
            {
                answer = new SignedAnswer(ex.StatusCode ?? 0, []);
            }
            finally
            {
                Interlocked.Decrement(ref inFlight);
            }

            var alarmId = answer.Status == HttpStatusCode.Accepted && answer.Results is [{ Duplicate: false } result] ? result.AlarmId : null;
            sent[slot] = new SosSent(slot, device, scheduled.DueUtc, sentUtc, DateTime.UtcNow, (int)answer.Status, alarmId);
            return alarmId is not null;
        });
        return (schedule, sent, maxInFlight);
    }

    private static void InterlockedMax(ref int target, int value)
    {
        var current = Volatile.Read(ref target);
        while (value > current)
        {
            var seen = Interlocked.CompareExchange(ref target, value, current);
            if (seen == current)
            {
                return;
            }

            current = seen;
        }
    }

    public static AlarmResult Analyse(ScheduleResult schedule, SosSent?[] measured, IEnumerable<AlarmReceipt> receipts, Seat[] seats, int closed,
        int alarmsAccepted, int alarmsStored, int alarmsDistinct)
    {
        // Which clients each village's alarm must reach: the seats joined to the village, its street or the district.
        var audience = new Dictionary<string, int[]>(StringComparer.Ordinal);
        int[] Audience(string village)
        {
            if (!audience.TryGetValue(village, out var clients))
            {
                var chain = Seats.Chain(village);
                audience[village] = clients = [.. Enumerable.Range(0, seats.Length).Where(i => chain.Contains(seats[i].RegionCode))];
            }

            return clients;
        }

        var byAlarm = receipts.GroupBy(r => r.AlarmId).ToDictionary(g => g.Key, g => g.ToList());
        var failed = 0;
        long expected = 0, received = 0, lost = 0, duplicated = 0, unexpected = 0;
        var latencies = new List<double>();
        var stampToReceipt = new List<double>();
        var postToAnswer = new List<double>();
        var postToStamp = new List<double>();
        var sendLag = new List<double>();
        var fromSend = new List<double>();
        foreach (var sos in measured)
        {
            if (sos?.AlarmId is not { } alarmId)
            {
                failed++;
                continue;
            }

            postToAnswer.Add((sos.AnsweredUtc - sos.SentUtc).TotalMilliseconds);
            sendLag.Add((sos.SentUtc - sos.DueUtc).TotalMilliseconds);
            var clients = Audience(sos.Device.RegionCode);
            expected += clients.Length;
            var got = byAlarm.GetValueOrDefault(alarmId) ?? [];
            if (got.Count > 0)
            {
                postToStamp.Add((got[0].StampUtc - sos.SentUtc).TotalMilliseconds);
            }

            var inScope = clients.ToHashSet();
            unexpected += got.Count(r => !inScope.Contains(r.Client));
            var perClient = got.Where(r => inScope.Contains(r.Client)).GroupBy(r => r.Client).ToDictionary(g => g.Key, g => g.ToList());
            foreach (var client in clients)
            {
                if (!perClient.TryGetValue(client, out var mine))
                {
                    lost++;
                    continue;
                }

                received++;
                duplicated += mine.Count - 1;
                var first = mine.MinBy(r => r.ReceivedUtc)!;
                latencies.Add((first.ReceivedUtc - sos.DueUtc).TotalMilliseconds);
                fromSend.Add((first.ReceivedUtc - sos.SentUtc).TotalMilliseconds);
                stampToReceipt.Add((first.ReceivedUtc - first.StampUtc).TotalMilliseconds);
            }
        }

        return new AlarmResult(schedule, measured.Length, failed, expected, received, lost, duplicated, unexpected, closed,
            Percentiles.Of(latencies), Percentiles.Of(postToAnswer), Percentiles.Of(postToStamp), Percentiles.Of(stampToReceipt), alarmsAccepted, alarmsStored, alarmsDistinct,
            Percentiles.Of(sendLag), Percentiles.Of(fromSend));
    }

    private static string Report(string label, AlarmOptions options, IReadOnlyList<Seat> seats, BenchDevice[] devices, AlarmResult r, int maxInFlight, List<string> refused)
    {
        var within = r.Latency.P99 <= BudgetP99Ms && r.Clean;
        Console.WriteLine();
        Console.WriteLine(Invariant(
            $"{label}: {options.Clients} clients ({Seats.Describe(seats)}), {BenchDevices.DescribeVillages(devices)}, {options.Rate} SOS/s, {options.Seconds} s measured after {WarmUpSeconds} s warm-up ({r.Schedule.Fired} SOS in all)"));
        Console.WriteLine("  latency: from the moment the device's signed POST /api/v1/device-events was due on the schedule (not when the load generator got round to sending it) to the alarm.raised update (RecordId = the alarm id answered) received by each in-scope client");
        Console.WriteLine("  expected: per alarm, the clients joined to its village, its street or the district; lost: expected and never received; dup: a client receiving the same alarm twice;");
        Console.WriteLine("  unexpected: a receipt by a client outside the alarm's scope; failed: SOS not answered 202 with a new alarm; lag: the load generator's, from due to the POST leaving (p99)");
        Console.WriteLine(Invariant($"  {"sent",7}{"failed",8}{"lag ms",8}{"expected",10}{"received",10}{"lost",7}{"dup",6}{"unexp",7}{"closed",8}{"p50 ms",9}{"p95 ms",9}{"p99 ms",9}{"max ms",9}"));
        Console.WriteLine(Invariant(
            $"  {r.Measured,7}{r.Failed,8}{r.SendLag.P99,8:0.0}{r.Expected,10:N0}{r.Received,10:N0}{r.Lost,7:N0}{r.Duplicated,6:N0}{r.Unexpected,7:N0}{r.Closed,8}{r.Latency.P50,9:0.0}{r.Latency.P95,9:0.0}{r.Latency.P99,9:0.0}{r.Latency.Max,9:0.0}"));
        Console.WriteLine(Invariant($"  load generator lag, due -> POST sent (ms): p50 {r.SendLag.P50:0.0}, p99 {r.SendLag.P99:0.0}, max {r.SendLag.Max:0.0}; latency counted from the send instead of the schedule: p99 {r.FromSend.P99:0.0} ms"));
        Console.WriteLine(Invariant($"  parts (p50 / p99 ms): POST sent -> 202 answered {r.PostToAnswer.P50:0.0} / {r.PostToAnswer.P99:0.0}; POST sent -> ingest started (the update's AtUtc) {r.PostToStamp.P50:0.0} / {r.PostToStamp.P99:0.0}; AtUtc -> received {r.StampToReceipt.P50:0.0} / {r.StampToReceipt.P99:0.0}"));
        Console.WriteLine(Invariant($"  most POSTs in flight at once: {maxInFlight}{(refused.Count > 0 ? "; refused (whole run, by status): " + string.Join(", ", refused) : string.Empty)}"));
        Console.WriteLine(Invariant($"  alarms in the database (whole run): {r.AlarmsStored:N0} SOS alarms of the bench's devices for {r.AlarmsAccepted:N0} accepted SOS ({r.AlarmsDistinct:N0} distinct ids) {(r.AlarmsStored == r.AlarmsAccepted && r.AlarmsDistinct == r.AlarmsAccepted ? "OK" : "MISMATCH")}"));
        Console.WriteLine(Invariant($"  within budget (p99 <= {BudgetP99Ms:0} ms, zero lost, zero duplicated): {(within ? "yes" : "no")}"));
        return Invariant(
            $"SUMMARY {label}: alarm e2e p99 = {r.Latency.P99:0.0} ms from the schedule (p50 {r.Latency.P50:0.0}; generator lag p99 {r.SendLag.P99:0.0} ms), {r.Measured} SOS at {options.Rate}/s to {options.Clients} clients, lost {r.Lost:N0}/{r.Expected:N0}, duplicated {r.Duplicated}, unexpected {r.Unexpected}, failed {r.Failed} (budget p99 <= {BudgetP99Ms:0} ms) {(within ? "PASS" : "OVER")}");
    }

    /// <summary>What the latency needs of the platform's <c>LiveUpdate</c>.</summary>
    private sealed record AlarmUpdate(Guid Id, string Topic, string? RecordId, DateTime AtUtc);
}
