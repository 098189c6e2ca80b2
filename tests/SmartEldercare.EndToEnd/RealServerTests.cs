using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;

namespace SmartEldercare.EndToEnd;

/// <summary>Limits only the real server (Kestrel) enforces, which the in-memory test host does not.</summary>
[Collection(nameof(EndToEnd))]
public sealed class RealServerTests(AppServer app)
{
    [Fact]
    public async Task An_oversized_body_is_refused_before_it_is_read()
    {
        using var client = new HttpClient { BaseAddress = new Uri(app.BaseUrl) };
        using var body = new StringContent("{\"userName\":\"" + new string('x', 2_000_000) + "\",\"password\":\"x\"}", System.Text.Encoding.UTF8, "application/json");

        var response = await client.PostAsync(new Uri("/api/v1/auth/token", UriKind.Relative), body, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }

    [Fact]
    public async Task The_wall_screen_client_example_receives_updates_of_its_region()
    {
        var inbox = new ConcurrentQueue<SmartEldercare.LiveClient.LiveUpdate>();
        await using var connection = await SmartEldercare.LiveClient.LiveClient.ConnectAsync(
            new Uri(app.BaseUrl), "district", "Eldercare#2026", "120111", u =>
            {
                inbox.Enqueue(u);
                return Task.CompletedTask;
            },
            TestContext.Current.CancellationToken);

        using var village = new HttpClient { BaseAddress = new Uri(app.BaseUrl) };
        var token = await (await village.PostAsJsonAsync("/api/v1/auth/token", new { userName = "village", password = "Eldercare#2026" }, TestContext.Current.CancellationToken))
            .Content.ReadFromJsonAsync<TokenResponse>(TestContext.Current.CancellationToken);
        village.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token!.AccessToken);
        var created = await village.PostAsJsonAsync("/api/v1/elders", new
        {
            name = "大屏测试",
            idNumber = "11010519491231002X",
            regionCode = "120111100001",
            emergencyContacts = new[] { new { name = "家属", relation = "儿子", phone = "13912345678" } },
        }, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);

        // A bounded poll for the pushed message of this elder (other journeys register elders on the same server).
        var id = (await created.Content.ReadFromJsonAsync<Created>(TestContext.Current.CancellationToken))!.Id.ToString();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        using var tick = new PeriodicTimer(TimeSpan.FromMilliseconds(50));
        while (!inbox.Any(u => u.RecordId == id) && await tick.WaitForNextTickAsync(timeout.Token).AsTask().ContinueWith(t => !t.IsCanceled, TaskScheduler.Default))
        {
        }

        var update = Assert.Single(inbox, u => u.RecordId == id);
        Assert.Equal(("elder.registered", "120111100001"), (update.Topic, update.RegionCode));

        // A push missed (here: sent while the client was away) is caught up from the feed API, once.
        await connection.Hub.StopAsync(TestContext.Current.CancellationToken);
        var whileAway = await village.PostAsJsonAsync("/api/v1/elders", new
        {
            name = "离线补录",
            idNumber = "110105194912310046",
            regionCode = "120111100001",
            emergencyContacts = new[] { new { name = "家属", relation = "女儿", phone = "13912345679" } },
        }, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Created, whileAway.StatusCode);
        var missedId = (await whileAway.Content.ReadFromJsonAsync<Created>(TestContext.Current.CancellationToken))!.Id.ToString();
        Assert.DoesNotContain(inbox, u => u.RecordId == missedId);
        await connection.CatchUpAsync(TestContext.Current.CancellationToken);
        await connection.CatchUpAsync(TestContext.Current.CancellationToken);
        Assert.Single(inbox, u => u.RecordId == missedId);
        Assert.Single(inbox, u => u.RecordId == id);
    }

    private sealed record TokenResponse(string AccessToken);

    private sealed record Created(Guid Id);
}
