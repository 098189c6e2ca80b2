using System.Collections.Concurrent;
using Microsoft.Playwright;
using SmartEldercare.DeviceSimulator;
using Sim = SmartEldercare.DeviceSimulator.DeviceSimulator;

namespace SmartEldercare.EndToEnd;

/// <summary>
/// Faults against the production shape (two instances behind nginx, PostgreSQL, Redis): an instance killed, Redis
/// stopped for 30 s, PostgreSQL restarted, each during a burst of SOS presses from simulated devices that retry
/// until accepted. Every press must end as exactly one stored event and one alarm, and the consoles must go on.
/// </summary>
[Collection(nameof(ClusterFaults))]
public sealed class ClusterFaultTests(Cluster cluster, Browser browser)
{
    private const string Yinglun = "120111100001"; // a community of 杨柳青镇, inside `village`'s scope
    private const string District = "120111";

    [Fact]
    public async Task Killing_an_instance_during_a_burst_loses_and_duplicates_no_alarm_and_a_browser_pinned_to_it_sees_every_alarm_after_reloading()
    {
        cluster.Require();
        Browser.Require();
        var ct = TestContext.Current.CancellationToken;
        await cluster.ScriptAsync("start");

        // A district operator's console, pinned by nginx's route cookie to one instance: that one dies.
        var page = await Session.SignInAsync(cluster.Nginx, browser, "district", start: "/emergency");
        var opened = await page.GotoAsync("/emergency");
        var victim = cluster.InstanceOf(opened!.Headers["x-upstream"]);
        var survivor = 3 - victim;
        await Assertions.Expect(page.GetByTestId("alarm-desk-title")).ToBeVisibleAsync();
        await using var onSurvivor = await LiveInbox.ConnectAsync(cluster.Instance(survivor), ct);

        using var sender = await Sim.SignInAsync(new Uri(cluster.Nginx), "village", Session.Password, ct);
        var burst = new Burst(sender, await RegisterAsync(sender, 30, ct));
        var running = burst.RunAsync(events: 30, perSecond: 10, ct);
        await Until(() => burst.AcceptedCount >= 8, TimeSpan.FromSeconds(30));
        await cluster.ScriptAsync("kill-app", victim.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var killedAtUtc = DateTime.UtcNow;
        await running;

        await AssertExactlyOnceAsync(burst);
        Assert.True(burst.Accepted.Values.Any(a => a.AtUtc > killedAtUtc), "the burst went on after the kill");

        // The console on the survivor kept updating: every alarm taken after the kill was pushed to it.
        // (A retried press answered as a duplicate was committed by the victim before it died: not the survivor's to push.)
        var afterKill = burst.Accepted.Values.Where(a => a.AtUtc > killedAtUtc.AddSeconds(1) && !a.Duplicate).Select(a => a.Alarm.ToString()).ToHashSet();
        await Until(() => afterKill.IsSubsetOf(onSurvivor.Raised), TimeSpan.FromSeconds(20));

        // The browser on the dead instance: its reload goes through nginx to the survivor and shows every alarm.
        var reloaded = await page.ReloadAsync();
        Assert.Equal(survivor, cluster.InstanceOf(reloaded!.Headers["x-upstream"]));
        await Assertions.Expect(page.GetByTestId("alarm-desk-title")).ToBeVisibleAsync();
        foreach (var alarm in burst.Accepted.Values)
        {
            await Assertions.Expect(page.Locator($"[data-alarm-id='{alarm.Alarm}']")).ToHaveCountAsync(1);
        }

        await page.Context.CloseAsync();
        await cluster.ScriptAsync("start");
        Assert.True(await Cluster.HealthyAsync(cluster.Instance(victim), TimeSpan.FromSeconds(60)), $"app-{victim} came back");
    }

    [Fact]
    public async Task With_Redis_stopped_for_30_seconds_during_a_burst_nothing_is_lost_and_updates_cross_instances_again_after()
    {
        cluster.Require();
        var ct = TestContext.Current.CancellationToken;
        await cluster.ScriptAsync("start");
        await using var onSecond = await LiveInbox.ConnectAsync(cluster.Instance(2), ct);

        using var sender = await Sim.SignInAsync(new Uri(cluster.Nginx), "village", Session.Password, ct);
        var burst = new Burst(sender, await RegisterAsync(sender, 20, ct));
        var running = burst.RunAsync(events: 50, perSecond: 1.25, ct); // 40 s, around the 30 s outage
        await Until(() => burst.AcceptedCount >= 4, TimeSpan.FromSeconds(30));
        await cluster.ScriptAsync("stop-redis");
        // The outage lasts 30 s, and the burst must have gone on through it: presses accepted while Redis was down.
        var downAtUtc = DateTime.UtcNow;
        var acceptedBefore = burst.AcceptedCount;
        await Until(() => DateTime.UtcNow - downAtUtc >= TimeSpan.FromSeconds(30) && burst.AcceptedCount > acceptedBefore + 10, TimeSpan.FromSeconds(60));
        await cluster.ScriptAsync("start");
        await running;

        await AssertExactlyOnceAsync(burst);
        // Ingest does not depend on Redis: every press was taken at the first attempt.
        Assert.All(burst.Attempts.Keys, s => Assert.Equal(202, s));

        // Redis is back: an alarm raised on instance 1 reaches a console on instance 2 again.
        using var direct = await Sim.SignInAsync(new Uri(cluster.Instance(1)), "village", Session.Password, ct);
        var (status, results) = await direct.SendUntilAcceptedAsync(burst.Devices[0], [Sim.Event("sos")], TimeSpan.FromSeconds(30), null, ct);
        Assert.Equal(202, status);
        var alarm = Assert.Single(results).AlarmId!.Value.ToString();
        await Until(() => onSecond.Raised.Contains(alarm), TimeSpan.FromSeconds(30));
    }

    [Fact]
    public async Task Restarting_PostgreSQL_during_a_burst_answers_503_and_the_retries_deliver_every_event_exactly_once_without_restarting_the_app()
    {
        cluster.Require();
        var ct = TestContext.Current.CancellationToken;
        await cluster.ScriptAsync("start");
        using var sender = await Sim.SignInAsync(new Uri(cluster.Nginx), "village", Session.Password, ct);
        var burst = new Burst(sender, await RegisterAsync(sender, 20, ct));
        using var direct = await Sim.SignInAsync(new Uri(cluster.Instance(1)), "village", Session.Password, ct);

        var running = burst.RunAsync(events: 40, perSecond: 4, ct); // 10 s
        await Until(() => burst.AcceptedCount >= 6, TimeSpan.FromSeconds(30));
        await cluster.ScriptAsync("stop-postgres");

        // During the outage an instance refuses with 503 and Retry-After, not a 500, and stores nothing.
        var pressedDuringOutage = new { eventId = Guid.NewGuid().ToString("N"), type = "sos", occurredAt = DateTimeOffset.UtcNow };
        var (refused, _) = await direct.SendAsync(burst.Devices[0], [pressedDuringOutage], ct);
        Assert.Equal(503, refused);
        // Down until the burst itself has been refused (its retries are what must deliver every press later).
        await Until(() => burst.Attempts.Keys.Any(k => k is 502 or 503), TimeSpan.FromSeconds(30));
        await cluster.ScriptAsync("start");

        // The device sends the same event again until the platform takes it: once.
        var (status, results) = await direct.SendUntilAcceptedAsync(burst.Devices[0], [pressedDuringOutage], TimeSpan.FromSeconds(60), null, ct);
        Assert.Equal(202, status);
        Assert.False(Assert.Single(results).Duplicate);
        await running;

        burst.Record(pressedDuringOutage.eventId, burst.Devices[0], results[0].AlarmId!.Value);
        await AssertExactlyOnceAsync(burst);
        Assert.True(burst.Attempts.Keys.Any(s => s is 502 or 503), "the burst met the outage");
        Assert.DoesNotContain(500, burst.Attempts.Keys);

        // Recovered without a restart: both instances ready and taking events.
        foreach (var n in new[] { 1, 2 })
        {
            Assert.True(await Cluster.HealthyAsync(cluster.Instance(n), TimeSpan.FromSeconds(30)), $"app-{n} ready again");
            using var again = await Sim.SignInAsync(new Uri(cluster.Instance(n)), "village", Session.Password, ct);
            Assert.Equal(202, (await again.SendAsync(burst.Devices[1], [Sim.Event("heartbeat", 80)], ct)).Status);
        }
    }

    private static async Task<IReadOnlyList<SimulatedDevice>> RegisterAsync(Sim sender, int count, CancellationToken ct)
    {
        var elder = await sender.FindElderAsync(Yinglun, ct);
        var devices = new List<SimulatedDevice>();
        for (var i = 0; i < count; i++)
        {
            devices.Add(await sender.RegisterAsync(elder, "SosButton", null, ct));
        }

        return devices;
    }

    /// <summary>Every press answered 202 once, stored once, with its own alarm, and no alarm without a press.</summary>
    private async Task AssertExactlyOnceAsync(Burst burst)
    {
        TestContext.Current.TestOutputHelper?.WriteLine(burst.Summary());
        Assert.Empty(burst.Failed);
        Assert.Equal(burst.Sent.Order(), burst.Accepted.Keys.Order());
        var (events, alarms) = await cluster.StoredAsync(burst.Devices.Select(d => d.Id).ToList());
        var sos = events.Where(e => burst.Sent.Contains(e.EventId)).ToList();
        Assert.Equal(burst.Sent.Order(), sos.Select(e => e.EventId).Order());
        Assert.All(sos, e => Assert.NotNull(e.AlarmId));
        Assert.Equal(alarms.Order(), sos.Select(e => e.AlarmId!.Value).Order());
        Assert.Equal(alarms.Order(), burst.Accepted.Values.Select(a => a.Alarm).Order());
    }

    private static async Task Until(Func<bool> condition, TimeSpan within)
    {
        using var tick = new PeriodicTimer(TimeSpan.FromMilliseconds(100));
        var until = DateTime.UtcNow + within;
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < until, $"not within {within.TotalSeconds} s");
            await tick.WaitForNextTickAsync();
        }
    }

    /// <summary>SOS presses spread over devices, paced, each retried with its own event id until accepted.</summary>
    private sealed class Burst(Sim sender, IReadOnlyList<SimulatedDevice> devices)
    {
        private readonly ConcurrentBag<string> sent = [];

        public IReadOnlyList<SimulatedDevice> Devices => devices;

        public IReadOnlyCollection<string> Sent => sent;

        /// <summary>Each attempt's status (0: no answer, e.g. the connection died with the instance), counted.</summary>
        public ConcurrentDictionary<int, int> Attempts { get; } = new();

        public ConcurrentDictionary<string, (Guid Alarm, DateTime AtUtc, bool Duplicate)> Accepted { get; } = new();

        public ConcurrentDictionary<string, int> Failed { get; } = new();

        public int AcceptedCount => Accepted.Count;

        public string Summary() =>
            $"{sent.Count} presses, {Accepted.Count} accepted ({Accepted.Values.Count(a => a.Duplicate)} as duplicates of a lost 202), {Failed.Count} failed; attempts: "
            + string.Join(", ", Attempts.OrderBy(a => a.Key).Select(a => $"{(a.Key == 0 ? "no answer" : a.Key)}×{a.Value}"));

        public async Task RunAsync(int events, double perSecond, CancellationToken ct)
        {
            var sends = new List<Task>();
            using (var pace = new PeriodicTimer(TimeSpan.FromSeconds(1 / perSecond)))
            {
                for (var n = 0; n < events && await pace.WaitForNextTickAsync(ct); n++)
                {
                    sends.Add(PressAsync(devices[n % devices.Count], ct));
                }
            }

            await Task.WhenAll(sends);
        }

        public void Record(string eventId, SimulatedDevice device, Guid alarm)
        {
            Assert.Contains(device, devices);
            sent.Add(eventId);
            Accepted[eventId] = (alarm, DateTime.UtcNow, false);
        }

        private async Task PressAsync(SimulatedDevice device, CancellationToken ct)
        {
            var press = new { eventId = Guid.NewGuid().ToString("N"), type = "sos", occurredAt = DateTimeOffset.UtcNow };
            sent.Add(press.eventId);
            var (status, results) = await sender.SendUntilAcceptedAsync(device, [press], TimeSpan.FromMinutes(2), s => Attempts.AddOrUpdate(s, 1, (_, c) => c + 1), ct);
            if (status == 202 && results is [{ AlarmId: { } alarm } result])
            {
                Accepted[press.eventId] = (alarm, DateTime.UtcNow, result.Duplicate);
            }
            else
            {
                Failed[press.eventId] = status;
            }
        }
    }

    /// <summary>A console's view of one instance: the alarms pushed to it (hub client, district scope).</summary>
    private sealed class LiveInbox : IAsyncDisposable
    {
        private readonly ConcurrentDictionary<string, bool> raised = new(StringComparer.Ordinal);
        private LiveClient.LiveClient? client;

        public ICollection<string> Raised => raised.Keys;

        public static async Task<LiveInbox> ConnectAsync(string instance, CancellationToken ct)
        {
            var inbox = new LiveInbox();
            inbox.client = await LiveClient.LiveClient.ConnectAsync(new Uri(instance), "district", Session.Password, District, u =>
            {
                if (u.Topic == "alarm.raised" && u.RecordId is { } id)
                {
                    inbox.raised[id] = true;
                }

                return Task.CompletedTask;
            }, ct);
            return inbox;
        }

        public async ValueTask DisposeAsync()
        {
            if (client is not null)
            {
                await client.DisposeAsync();
            }
        }
    }
}
