using System.Diagnostics.Metrics;
using SmartEldercare.Emergency.Alarms;

namespace SmartEldercare.Emergency;

/// <summary>
/// The emergency module's instruments (meter <c>SmartEldercare.Emergency</c>), exported at <c>/metrics</c>. Recorded
/// after the commit of what they count, so a refused or rolled-back change is never counted. Tags are bounded enums
/// (priority, source, tier, type, reason), never an elder, a device or a region.
/// </summary>
/// <remarks>
/// One meter per process, shared by every host in it (the tests run several): each host's exporter listens to it and
/// none owns or disposes it. A meter per host (<c>IMeterFactory</c>) would be cleaner, but the OpenTelemetry SDK then
/// treats same-named instruments of two hosts as one and drops the later host's.
/// </remarks>
public sealed class EmergencyMetrics
{
    public const string MeterName = "SmartEldercare.Emergency";

    private static readonly Meter Meter = new(MeterName);
    private static readonly Counter<long> RaisedCounter = Meter.CreateCounter<long>("eldercare.alarms.raised", "{alarm}", "Alarms raised (by devices, staff or the heartbeat check).");
    private static readonly Counter<long> AcknowledgedCounter = Meter.CreateCounter<long>("eldercare.alarms.acknowledged", "{alarm}", "Alarms acknowledged by a person.");
    private static readonly Counter<long> EscalatedCounter = Meter.CreateCounter<long>("eldercare.alarms.escalated", "{alarm}", "Rungs climbed by unacknowledged alarms on the escalation ladder.");
    private static readonly Histogram<double> AcknowledgeLatency = Meter.CreateHistogram<double>("eldercare.alarms.acknowledge_latency", "s",
        "From an alarm raised to its acknowledgement (the 60 s / 180 s answering targets).",
        advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [5, 10, 20, 30, 45, 60, 90, 120, 180, 300, 600, 1800] });
    private static readonly Counter<long> IngestedCounter = Meter.CreateCounter<long>("eldercare.device_events.ingested", "{event}", "Device events committed (replays not counted).");
    private static readonly Counter<long> DuplicatesCounter = Meter.CreateCounter<long>("eldercare.device_events.duplicates", "{event}", "Device events answered as replays of an event already stored.");
    private static readonly Counter<long> RejectedCounter = Meter.CreateCounter<long>("eldercare.device_events.rejected", "{request}", "Device-event requests refused, by reason.");
    private static readonly Histogram<long> GroupSize = Meter.CreateHistogram<long>("eldercare.device_events.commit_group", "{request}", "Requests committed together by one ingest transaction.",
        advice: new InstrumentAdvice<long> { HistogramBucketBoundaries = [1, 2, 4, 8, 16, 32, 64, 128] });

    private readonly Counter<long> raised = RaisedCounter;
    private readonly Counter<long> acknowledged = AcknowledgedCounter;
    private readonly Counter<long> escalated = EscalatedCounter;
    private readonly Histogram<double> acknowledgeLatency = AcknowledgeLatency;
    private readonly Counter<long> ingested = IngestedCounter;
    private readonly Counter<long> duplicates = DuplicatesCounter;
    private readonly Counter<long> rejected = RejectedCounter;
    private readonly Histogram<long> groupSize = GroupSize;

    public void Raised(Alarm alarm) =>
        raised.Add(1, new KeyValuePair<string, object?>("priority", Tag(alarm.Priority)), new KeyValuePair<string, object?>("source", Tag(alarm.Source)));

    /// <summary>After a committed transition: counts the first acknowledgement (explicit, or implied by a dispatch).</summary>
    public void Transitioned(Alarm alarm, bool wasUnacknowledged, DateTime utcNow)
    {
        if (!wasUnacknowledged || alarm.Status == AlarmStatus.Raised)
        {
            return;
        }

        var priority = new KeyValuePair<string, object?>("priority", Tag(alarm.Priority));
        acknowledged.Add(1, priority);
        acknowledgeLatency.Record(((alarm.AcknowledgedAtUtc ?? utcNow) - alarm.RaisedAtUtc).TotalSeconds, priority);
    }

    public void Escalated(Alarm alarm) =>
        escalated.Add(1, new KeyValuePair<string, object?>("priority", Tag(alarm.Priority)), new KeyValuePair<string, object?>("tier", Tag(alarm.Tier)));

    public void Ingested(string type) => ingested.Add(1, new KeyValuePair<string, object?>("type", type));

    public void Duplicate() => duplicates.Add(1);

    public void Committed(int requests) => groupSize.Record(requests);

    /// <param name="reason">too_large, unauthenticated, invalid or unavailable.</param>
    public void Rejected(string reason) => rejected.Add(1, new KeyValuePair<string, object?>("reason", reason));

    private static string Tag<T>(T value) where T : struct, Enum => value.ToString().ToLowerInvariant();
}
