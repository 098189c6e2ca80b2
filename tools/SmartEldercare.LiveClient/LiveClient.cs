using System.Net.Http.Json;
using Microsoft.AspNetCore.SignalR.Client;

namespace SmartEldercare.LiveClient;

/// <summary>One update as the hub sends it (the platform's <c>LiveUpdate</c>, repeated here: partners don't reference the platform).</summary>
public sealed record LiveUpdate(Guid Id, string RegionCode, string Topic, string? RecordId, DateTime AtUtc);

/// <summary>
/// How a wall screen or partner system integrates: get a bearer token, connect to <c>/hubs/live</c>, join a region
/// inside the account's scope, and handle <c>update</c> messages.
/// </summary>
public static class LiveClient
{
    public static async Task<HubConnection> ConnectAsync(Uri baseUrl, string userName, string password, string region, Func<LiveUpdate, Task> onUpdate, CancellationToken ct)
    {
        using var http = new HttpClient { BaseAddress = baseUrl };
        var response = await http.PostAsJsonAsync("/api/v1/auth/token", new { userName, password }, ct);
        response.EnsureSuccessStatusCode();
        var token = (await response.Content.ReadFromJsonAsync<Token>(ct))!.AccessToken;

        var connection = new HubConnectionBuilder()
            .WithUrl(new Uri(baseUrl, "/hubs/live"), o => o.AccessTokenProvider = () => Task.FromResult<string?>(token))
            .WithAutomaticReconnect()
            .Build();
        connection.On("update", onUpdate);
        // After a reconnect the groups are gone: join again (a real screen would also reload its feed over the API).
        connection.Reconnected += _ => connection.InvokeAsync("Join", region, ct);
        await connection.StartAsync(ct);
        await connection.InvokeAsync("Join", region, ct);
        return connection;
    }

    private sealed record Token(string AccessToken);
}
