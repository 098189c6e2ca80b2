using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;
using SmartEldercare.Platform.Regions;

namespace SmartEldercare.Bench;

/// <summary>A hub client's account (its token's scope) and the region whose group it joins.</summary>
internal sealed record Seat(string UserName, string RegionCode);

/// <summary>An update that was sent in the measured window, and where it happened.</summary>
internal sealed record Published(Guid Id, string RegionCode);

/// <summary>
/// Where the live bench's clients sit and where its updates happen: the district, the streets 杨柳青镇 and 中北镇,
/// and their villages. The same seats and regions serve the platform and the bare SignalR floor.
/// </summary>
internal static class Seats
{
    public static readonly string[] Streets = [RegionCatalog.YangliuqingCode, RegionCatalog.ZhongbeiCode];

    private static readonly int[] LevelLengths = [12, 9, 6];

    private static readonly Dictionary<string, string> StreetAccounts = new()
    {
        [RegionCatalog.YangliuqingCode] = "street",
        [RegionCatalog.ZhongbeiCode] = "street2",
    };

    // The villages of both streets except the demo village account's own, each joined by its street's account.
    private static readonly Seat[] OtherVillages =
    [
        .. RegionCatalog.All
            .Where(r => r.Level == RegionLevel.Village && r.ParentCode is { } street && StreetAccounts.ContainsKey(street) && r.Code != RegionCatalog.YinglunMingyuanCode)
            .Select(r => new Seat(StreetAccounts[r.ParentCode!], r.Code)),
    ];

    /// <summary>
    /// A quarter on the district (<c>district</c>), a quarter on the two streets (<c>street</c>, <c>street2</c>), a quarter
    /// on the demo village 英伦名苑社区 (<c>village</c>) and a quarter spread over the other villages of both streets.
    /// </summary>
    public static Seat[] Spread(int clients) => [.. Enumerable.Range(0, clients).Select(At)];

    private static Seat At(int i) => (i % 4) switch
    {
        0 => new Seat("district", RegionCatalog.DistrictCode),
        1 => new Seat(StreetAccounts[Streets[i / 4 % Streets.Length]], Streets[i / 4 % Streets.Length]),
        2 => new Seat("village", RegionCatalog.YinglunMingyuanCode),
        _ => OtherVillages[i / 4 % OtherVillages.Length],
    };

    /// <summary>The region and the levels above it: whose groups an update in <paramref name="regionCode"/> reaches.</summary>
    public static string[] Chain(string regionCode) => [.. LevelLengths.Where(n => regionCode.Length >= n).Select(n => regionCode[..n]).Distinct()];

    /// <summary>How many of the seats an update in each region reaches.</summary>
    public static Func<string, int> FanOut(IReadOnlyList<Seat> seats)
    {
        var cache = new ConcurrentDictionary<string, int>();
        return region => cache.GetOrAdd(region, r =>
        {
            var chain = Chain(r);
            return seats.Count(s => chain.Contains(s.RegionCode));
        });
    }

    public static string Describe(IReadOnlyList<Seat> seats) => string.Join(", ", seats
        .GroupBy(s => s.RegionCode.Length switch { 6 => "district", 9 => "street", _ => s.RegionCode == RegionCatalog.YinglunMingyuanCode ? "village 120111100001" : "other villages" })
        .Select(g => $"{g.Count()} {g.Key}"));
}

/// <summary>Every receipt of every client: the update's id and its latency (receipt time − the update's stamp).</summary>
internal sealed class ReceiptLog
{
    private readonly ConcurrentQueue<(Guid Id, double Ms)> receipts = new();

    public int Count => receipts.Count;

    public IEnumerable<(Guid Id, double Ms)> All => receipts;

    /// <summary>Called on the client's receive path; both clocks are this machine's, in this process.</summary>
    public void Record(Guid id, DateTime atUtc) => receipts.Enqueue((id, (DateTime.UtcNow - atUtc).TotalMilliseconds));

    /// <summary>Waits until no receipt arrived for a second (at most <paramref name="limit"/>).</summary>
    public Task DrainAsync(TimeSpan limit) => UntilQuietAsync(() => Count, limit);

    /// <summary>Waits until <paramref name="count"/> stayed the same for a second (at most <paramref name="limit"/>).</summary>
    public static async Task UntilQuietAsync(Func<int> count, TimeSpan limit)
    {
        var started = Stopwatch.GetTimestamp();
        var last = -1;
        while (count() != last && Stopwatch.GetElapsedTime(started) < limit)
        {
            last = count();
            await Task.Delay(TimeSpan.FromSeconds(1));
        }
    }
}

/// <summary>N hub clients over WebSockets, each joined to its seat's region; every <c>update</c> is logged on receipt.</summary>
internal sealed class HubClientFleet : IAsyncDisposable
{
    private const int ConnectConcurrency = 16;
    private readonly List<HubConnection> connections;
    private int closed;

    private HubClientFleet(List<HubConnection> connections) => this.connections = connections;

    /// <summary>Connections that closed while measuring (there is no automatic reconnect: a closed client loses updates).</summary>
    public int Closed => closed;

    /// <summary>Connects every seat (16 at a time) and joins its region; <paramref name="tokens"/> holds a bearer token per
    /// account, or is null for a hub without authentication.</summary>
    public static Task<HubClientFleet> ConnectAsync(Uri hubUrl, IReadOnlyList<Seat> seats, IReadOnlyDictionary<string, string>? tokens, ReceiptLog log) =>
        ConnectAsync(hubUrl, seats, tokens, (connection, _) => connection.On<Receipt>("update", r => log.Record(r.Id, r.AtUtc)));

    /// <summary>As above, with the client's own handlers: <paramref name="listen"/> gets each connection and its seat's index
    /// before it starts.</summary>
    public static async Task<HubClientFleet> ConnectAsync(Uri hubUrl, IReadOnlyList<Seat> seats, IReadOnlyDictionary<string, string>? tokens, Action<HubConnection, int> listen)
    {
        using var gate = new SemaphoreSlim(ConnectConcurrency);
        var fleet = new HubClientFleet([]);
        var connecting = seats.Select(async (seat, index) =>
        {
            await gate.WaitAsync();
            try
            {
                var token = tokens?[seat.UserName];
                var connection = new HubConnectionBuilder()
                    .WithUrl(hubUrl, HttpTransportType.WebSockets, o => o.AccessTokenProvider = () => Task.FromResult(token))
                    .Build();
                listen(connection, index);
                connection.Closed += _ =>
                {
                    Interlocked.Increment(ref fleet.closed);
                    return Task.CompletedTask;
                };
                await connection.StartAsync();
                await connection.InvokeAsync("Join", seat.RegionCode);
                return connection;
            }
            finally
            {
                gate.Release();
            }
        });
        fleet.connections.AddRange(await Task.WhenAll(connecting));
        return fleet;
    }

    public async ValueTask DisposeAsync() => await Task.WhenAll(connections.Select(c => c.DisposeAsync().AsTask()));

    /// <summary>Only what the latency needs; the platform's <c>LiveUpdate</c> may carry more fields.</summary>
    private sealed record Receipt(Guid Id, DateTime AtUtc);
}

/// <summary>How a fixed-rate schedule went: slots fired, slots whose work failed, and how late the latest slot fired.</summary>
/// <summary>
/// The schedule as it ran: <see cref="Lag"/> is how late each slot's work actually started (picked up on the thread pool)
/// against its scheduled moment, the generator's own queueing, which a latency measured from the start of the work hides.
/// </summary>
internal sealed record ScheduleResult(int Fired, int Failed, double MaxLagMs, DateTime StartedUtc, Percentiles Lag);

/// <summary>A slot of a fixed-rate schedule: its index and the moment it was due.</summary>
internal readonly record struct ScheduledSlot(int Index, DateTime DueUtc);

internal static class FixedRate
{
    /// <summary>
    /// Fires slot k at start + k / rate on the thread pool, never waiting for earlier slots' work (a slow publish does
    /// not slow the schedule; a late slot fires at once to catch up), then waits for all the work to finish. The work gets
    /// the slot's due time, so latencies count from the schedule (no coordinated omission), and the lag of each pickup is
    /// recorded.
    /// </summary>
    public static async Task<ScheduleResult> RunAsync(int rate, int slots, Func<ScheduledSlot, Task<bool>> work)
    {
        var tasks = new Task<bool>[slots];
        var lags = new double[slots];
        var startedUtc = DateTime.UtcNow;
        var started = Stopwatch.GetTimestamp();
        var maxLag = 0.0;
        for (var k = 0; k < slots; k++)
        {
            var due = TimeSpan.FromSeconds((double)k / rate);
            var wait = due - Stopwatch.GetElapsedTime(started);
            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait);
            }

            maxLag = Math.Max(maxLag, (Stopwatch.GetElapsedTime(started) - due).TotalMilliseconds);
            var slot = new ScheduledSlot(k, startedUtc + due);
            tasks[k] = Task.Run(() =>
            {
                lags[slot.Index] = (Stopwatch.GetElapsedTime(started) - due).TotalMilliseconds;
                return work(slot);
            });
        }

        var failed = 0;
        foreach (var task in tasks)
        {
            try
            {
                failed += await task ? 0 : 1;
            }
            catch (Exception ex)
            {
                failed++;
                Console.Error.WriteLine($"publish failed: {ex.GetType().Name}: {ex.Message}");
            }
        }

        return new ScheduleResult(slots, failed, maxLag, startedUtc, Percentiles.Of(lags));
    }
}

/// <summary>One side's figures: updates in the measured window, receipts expected (fan-out) and received, latencies.</summary>
internal sealed record LiveResult(string Name, ScheduleResult Schedule, int Updates, long Expected, long Received, long Lost, int Closed, Percentiles Latency)
{
    public static LiveResult Analyse(string name, ScheduleResult schedule, IReadOnlyCollection<Published> measured, ReceiptLog log, IReadOnlyList<Seat> seats, int closed)
    {
        var fanOut = Seats.FanOut(seats);
        var received = measured.ToDictionary(p => p.Id, _ => 0);
        var latencies = new List<double>();
        foreach (var (id, ms) in log.All)
        {
            if (received.TryGetValue(id, out var count))
            {
                received[id] = count + 1;
                latencies.Add(ms);
            }
        }

        var expected = measured.Sum(p => (long)fanOut(p.RegionCode));
        var lost = measured.Sum(p => (long)Math.Max(0, fanOut(p.RegionCode) - received[p.Id]));
        return new LiveResult(name, schedule, measured.Count, expected, latencies.Count, lost, closed, Percentiles.Of(latencies));
    }
}
