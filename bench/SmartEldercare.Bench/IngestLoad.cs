using System.Diagnostics;
using static System.FormattableString;

namespace SmartEldercare.Bench;

/// <summary>An event that was committed (202 and not a duplicate, or a floor transaction that committed), with its alarm.</summary>
internal sealed record AcceptedEvent(BenchDevice Device, PlannedEvent Event, Guid? AlarmId);

/// <summary>One request's (or floor transaction's) outcome: committed or not, and per event what was answered.</summary>
internal sealed record UnitOutcome(bool Ok, string? Failure, IReadOnlyList<AcceptedEvent> Accepted, int DuplicatesAnswered)
{
    public static UnitOutcome Failed(string why) => new(false, why, [], 0);
}

/// <summary>
/// The events a sender sends, the same for the platform and its floor: the sender's devices in turn, <c>batch</c> events
/// of one device per request, each device numbering its own events. Every 50th event of a sender is an alarm (2 %,
/// sos and fall alternately); the others are heartbeats with a battery reading.
/// </summary>
internal sealed class SenderPlan(BenchDevice[] devices, string prefix, int batch)
{
    public const int AlarmEvery = 50;
    private readonly int[] sequence = new int[devices.Length];
    private int nextDevice;
    private long events;

    public (BenchDevice Device, PlannedEvent[] Events) Next()
    {
        var slot = nextDevice++ % devices.Length;
        var device = devices[slot];
        var planned = new PlannedEvent[batch];
        for (var i = 0; i < batch; i++)
        {
            var n = events++;
            var id = Invariant($"{prefix}{device.Index}-{sequence[slot]++}");
            planned[i] = n % AlarmEvery == AlarmEvery - 1
                ? new PlannedEvent(id, n / AlarmEvery % 2 == 0 ? "sos" : "fall", null)
                : new PlannedEvent(id, "heartbeat", (int)(20 + (n % 80)));
        }

        return (device, planned);
    }
}

/// <summary>What a closed-loop run did: per phase counters, and every committed event for the check against the database.</summary>
internal sealed class LoadRun(string name, int batch, int senders, int seconds)
{
    public string Name { get; } = name;

    public int Batch { get; } = batch;

    public int Senders { get; } = senders;

    public int Seconds { get; } = seconds;

    // Whole run, warm-up included.
    public long Requests { get; private set; }

    public long EventsSent { get; private set; }

    public long AlarmEventsSent { get; private set; }

    public long FailedRequests { get; private set; }

    public long DuplicatesAnswered { get; private set; }

    public Dictionary<string, int> Failures { get; } = new(StringComparer.Ordinal);

    public List<AcceptedEvent> Accepted { get; } = [];

    // Measured window only: requests that finished in it.
    public long MeasuredRequests { get; private set; }

    public long MeasuredEvents { get; private set; }

    public List<double> MeasuredLatencies { get; } = [];

    public double EventsPerSecond => MeasuredEvents / (double)Seconds;

    public double RequestsPerSecond => MeasuredRequests / (double)Seconds;

    public Percentiles Latency => Percentiles.Of(MeasuredLatencies);

    public void Add(PlannedEvent[] events, UnitOutcome outcome, bool measured, double ms)
    {
        Requests++;
        EventsSent += events.Length;
        AlarmEventsSent += events.Count(e => e.IsAlarm);
        DuplicatesAnswered += outcome.DuplicatesAnswered;
        Accepted.AddRange(outcome.Accepted);
        if (!outcome.Ok)
        {
            FailedRequests++;
            Failures[outcome.Failure ?? "?"] = Failures.GetValueOrDefault(outcome.Failure ?? "?") + 1;
        }

        if (measured)
        {
            MeasuredRequests++;
            MeasuredEvents += outcome.Accepted.Count;
            MeasuredLatencies.Add(ms);
        }
    }

    public void Merge(LoadRun other)
    {
        Requests += other.Requests;
        EventsSent += other.EventsSent;
        AlarmEventsSent += other.AlarmEventsSent;
        FailedRequests += other.FailedRequests;
        DuplicatesAnswered += other.DuplicatesAnswered;
        foreach (var (why, n) in other.Failures)
        {
            Failures[why] = Failures.GetValueOrDefault(why) + n;
        }

        Accepted.AddRange(other.Accepted);
        MeasuredRequests += other.MeasuredRequests;
        MeasuredEvents += other.MeasuredEvents;
        MeasuredLatencies.AddRange(other.MeasuredLatencies);
    }
}

internal static class ClosedLoop
{
    /// <summary>
    /// <paramref name="senders"/> senders, each owning the devices <c>i % senders == s</c> (a device never has two requests
    /// in flight, as a real one), send as fast as answers come back for <paramref name="warmUpSeconds"/> +
    /// <paramref name="seconds"/>; requests that finish inside the last <paramref name="seconds"/> are measured.
    /// </summary>
    public static async Task<LoadRun> RunAsync(string name, BenchDevice[] devices, int senders, int batch, string prefix, int warmUpSeconds, int seconds,
        Func<int, BenchDevice, PlannedEvent[], Task<UnitOutcome>> send)
    {
        var measureFrom = TimeSpan.FromSeconds(warmUpSeconds);
        var until = measureFrom + TimeSpan.FromSeconds(seconds);
        var started = Stopwatch.GetTimestamp();
        var runs = await Task.WhenAll(Enumerable.Range(0, senders).Select(s => Task.Run(async () =>
        {
            var plan = new SenderPlan([.. devices.Where(d => d.Index % senders == s)], prefix, batch);
            var run = new LoadRun(name, batch, senders, seconds);
            while (Stopwatch.GetElapsedTime(started) < until)
            {
                var (device, events) = plan.Next();
                var sent = Stopwatch.GetTimestamp();
                UnitOutcome outcome;
                try
                {
                    outcome = await send(s, device, events);
                }
                catch (Exception ex)
                {
                    outcome = UnitOutcome.Failed(ex.GetType().Name);
                }

                var done = Stopwatch.GetElapsedTime(started);
                run.Add(events, outcome, done >= measureFrom && done <= until, Stopwatch.GetElapsedTime(sent).TotalMilliseconds);
            }

            return run;
        })));

        var all = new LoadRun(name, batch, senders, seconds);
        foreach (var run in runs)
        {
            all.Merge(run);
        }

        return all;
    }
}
