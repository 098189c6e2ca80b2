using Microsoft.Extensions.Time.Testing;
using SmartEldercare.Platform.Live;
using SmartEldercare.Tests.Dashboard;
using SmartEldercare.Tests.Infrastructure;

namespace SmartEldercare.Tests.Live;

/// <summary>The one way pages follow live updates: read on a followed push, coalesce a burst, poll while Redis is down, stop when disposed.</summary>
public sealed class LiveRefreshTests
{
    private const string Village = "120111100001";
    private readonly FakeTimeProvider clock = new(SliceFixture.Now);
    private readonly FakeLiveUpdates live = new();
    private int reads;
    private int changes;
    private TaskCompletionSource? gate;

    private static LiveUpdate Update(string topic) => new(Guid.CreateVersion7(), Village, topic, null, SliceFixture.Now.UtcDateTime);

    private Task<LiveRefresh> StartAsync(Action<LiveUpdate>? pushed = null) =>
        LiveRefresh.StartAsync(live, clock, "120111", LiveRefresh.Topics("alarm."), work => work(), ReadAsync, () => changes++, pushed);

    private async Task ReadAsync()
    {
        reads++;
        if (gate is { } waiting)
        {
            await waiting.Task;
        }
    }

    [Fact]
    public async Task The_first_read_comes_after_subscribing_and_only_followed_pushes_read_again()
    {
        var seen = new List<string>();
        using var refresh = await StartAsync(u => seen.Add(u.Topic));
        Assert.Equal(1, reads);

        await live.PublishAsync(Update("alarm.raised"), TestContext.Current.CancellationToken);
        await live.PublishAsync(Update("homeservice.dispatched"), TestContext.Current.CancellationToken);

        Assert.Equal(2, reads);
        Assert.Equal(1, changes);
        Assert.Equal(["alarm.raised"], seen);
    }

    [Fact]
    public async Task A_burst_of_pushes_during_a_read_is_one_more_read_after_it()
    {
        using var refresh = await StartAsync();
        gate = new TaskCompletionSource();
        var pushes = Enumerable.Range(0, 10).Select(_ => live.PublishAsync(Update("alarm.raised"), TestContext.Current.CancellationToken)).ToList();
        Assert.Equal(2, reads); // one read in flight; the other nine pushes wait for it
        gate.SetResult();
        gate = null;
        await Task.WhenAll(pushes);

        Assert.Equal(3, reads);
    }

    [Fact]
    public async Task While_pushes_cannot_arrive_it_reads_every_few_seconds_and_never_after_disposal()
    {
        var refresh = await StartAsync();
        clock.Advance(LiveRefresh.FallbackPeriod);
        Assert.Equal(1, reads);

        live.IsDegraded = true;
        clock.Advance(LiveRefresh.FallbackPeriod);
        Assert.Equal(2, reads);
        clock.Advance(LiveRefresh.FallbackPeriod);
        Assert.Equal(3, reads);

        refresh.Dispose();
        clock.Advance(LiveRefresh.FallbackPeriod * 3);
        await live.PublishAsync(Update("alarm.raised"), TestContext.Current.CancellationToken);
        Assert.Equal(3, reads);
    }
}
