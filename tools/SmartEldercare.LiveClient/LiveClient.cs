using System.Net.Http.Headers;
using System.Net.Http.Json;
using Microsoft.AspNetCore.SignalR.Client;

namespace SmartEldercare.LiveClient;

/// <summary>One update as the hub sends it (the platform's <c>LiveUpdate</c>, repeated here: partners don't reference the platform).</summary>
public sealed record LiveUpdate(Guid Id, string RegionCode, string Topic, string? RecordId, DateTime AtUtc);

/// <summary>
/// How a wall screen or partner system integrates: get a bearer token, connect to <c>/hubs/live</c>, join a region
/// inside the account's scope, and handle <c>update</c> messages. A push can be missed (a reconnect, an outage
/// between the platform's servers), so after every (re)connect the client also reads <c>GET /api/v1/live/feed</c>
/// and hands on what it has not seen: the database is the source of truth.
/// </summary>
public sealed class LiveClient : IAsyncDisposable
{
    private const int Remembered = 1000;

    private readonly HttpClient http;
    private readonly string region;
    private readonly Func<LiveUpdate, Task> onUpdate;
    private readonly HashSet<Guid> seen = [];
    private readonly Queue<Guid> seenOrder = new();
    private readonly SemaphoreSlim gate = new(1, 1);

    private LiveClient(HttpClient http, string region, Func<LiveUpdate, Task> onUpdate, HubConnection hub)
    {
        this.http = http;
        this.region = region;
        this.onUpdate = onUpdate;
        Hub = hub;
    }

    public HubConnection Hub { get; }

    /// <param name="baseUrl">The platform, e.g. http://localhost:5080.</param>
    /// <param name="userName">A staff account.</param>
    /// <param name="password">Its password.</param>
    /// <param name="region">A region code inside the account's scope.</param>
    /// <param name="onUpdate">Called once per update, pushed or caught up, in order of arrival.</param>
    /// <param name="ct">Cancels the connection attempt.</param>
    public static async Task<LiveClient> ConnectAsync(Uri baseUrl, string userName, string password, string region, Func<LiveUpdate, Task> onUpdate, CancellationToken ct)
    {
        var http = new HttpClient { BaseAddress = baseUrl };
        try
        {
            var response = await http.PostAsJsonAsync("/api/v1/auth/token", new { userName, password }, ct);
            response.EnsureSuccessStatusCode();
            var token = (await response.Content.ReadFromJsonAsync<Token>(ct))!.AccessToken;
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);

            var hub = new HubConnectionBuilder()
                .WithUrl(new Uri(baseUrl, "/hubs/live"), o => o.AccessTokenProvider = () => Task.FromResult<string?>(token))
                .WithAutomaticReconnect()
                .Build();
            var client = new LiveClient(http, region, onUpdate, hub);
            hub.On<LiveUpdate>("update", client.HandOnAsync);
            // After a reconnect the groups are gone: join again, then catch up on what was pushed meanwhile.
            hub.Reconnected += async _ =>
            {
                await hub.InvokeAsync("Join", region, CancellationToken.None);
                await client.CatchUpAsync(CancellationToken.None);
            };
            await hub.StartAsync(ct);
            await hub.InvokeAsync("Join", region, ct);
            await client.CatchUpAsync(ct);
            return client;
        }
        catch
        {
            http.Dispose();
            throw;
        }
    }

    /// <summary>Reads the region's newest events from the database and hands on those not seen yet, oldest first.</summary>
    public async Task CatchUpAsync(CancellationToken ct)
    {
        var feed = await http.GetFromJsonAsync<List<LiveUpdate>>("/api/v1/live/feed?take=50", ct) ?? [];
        foreach (var update in feed.Where(u => u.RegionCode.StartsWith(region, StringComparison.Ordinal)).OrderBy(u => u.AtUtc))
        {
            await HandOnAsync(update);
        }
    }

    private async Task HandOnAsync(LiveUpdate update)
    {
        await gate.WaitAsync();
        try
        {
            if (!seen.Add(update.Id))
            {
                return;
            }

            seenOrder.Enqueue(update.Id);
            if (seenOrder.Count > Remembered)
            {
                seen.Remove(seenOrder.Dequeue());
            }

            await onUpdate(update);
        }
        finally
        {
            gate.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Hub.DisposeAsync();
        http.Dispose();
        gate.Dispose();
    }

    private sealed record Token(string AccessToken);
}
