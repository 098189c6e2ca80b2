using System.Diagnostics.Metrics;

namespace SmartEldercare.Platform.Observability;

/// <summary>
/// The platform's own instruments (meter <c>SmartEldercare.Platform</c>), exported at <c>/metrics</c>: open Blazor
/// circuits, live-hub connections and how long a live update takes to fan out. No personal data in any tag.
/// One meter per process, shared by the hosts in it (see <c>EmergencyMetrics</c> for why).
/// </summary>
public sealed class PlatformMetrics
{
    public const string MeterName = "SmartEldercare.Platform";

    private static readonly Meter Meter = new(MeterName);
    private static readonly UpDownCounter<long> CircuitsCounter = Meter.CreateUpDownCounter<long>("eldercare.circuits.open", "{circuit}", "Interactive consoles (Blazor circuits) open.");
    private static readonly UpDownCounter<long> HubCounter = Meter.CreateUpDownCounter<long>("eldercare.live.hub_connections", "{connection}", "Clients connected to /hubs/live.");
    private static readonly Histogram<double> FanOut = Meter.CreateHistogram<double>("eldercare.live.fanout_duration", "s",
        "From a committed change's live update to its delivery to this instance's consoles, the relay and hub clients.",
        advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5] });

    private readonly UpDownCounter<long> circuits = CircuitsCounter;
    private readonly UpDownCounter<long> hubConnections = HubCounter;
    private readonly Histogram<double> fanOut = FanOut;

    public void CircuitOpened() => circuits.Add(1);

    public void CircuitClosed() => circuits.Add(-1);

    public void HubConnected() => hubConnections.Add(1);

    public void HubDisconnected() => hubConnections.Add(-1);

    public void FannedOut(TimeSpan elapsed, string topic) =>
        fanOut.Record(elapsed.TotalSeconds, new KeyValuePair<string, object?>("topic", TopicFamily(topic)));

    /// <summary>The part before the first dot (<c>alarm</c>, <c>elder</c>…): a bounded set of tag values.</summary>
    private static string TopicFamily(string topic) => topic.IndexOf('.', StringComparison.Ordinal) is var dot and > 0 ? topic[..dot] : topic;
}
