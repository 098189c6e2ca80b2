using System.Collections.Concurrent;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using SmartEldercare.Platform.Identity;

namespace SmartEldercare.Platform.Live;

/// <summary>
/// The open <c>/hubs/live</c> connections of this instance, re-validated like circuits and bearer tokens: every
/// <c>Live:HubRevalidateSeconds</c> (60) each connection's account must still exist, be enabled and carry the security
/// stamp it connected with. A connection of a disabled, re-scoped or re-roled account is closed, so it stops receiving
/// its region's updates within a minute; connecting again needs a valid token. One read per account, not per connection.
/// </summary>
public sealed class LiveHubSessions(IServiceScopeFactory scopes, IConfiguration configuration, ILogger<LiveHubSessions> logger) : BackgroundService
{
    private static readonly string StampClaim = new IdentityOptions().ClaimsIdentity.SecurityStampClaimType;

    private readonly ConcurrentDictionary<string, HubCallerContext> open = new(StringComparer.Ordinal);

    public TimeSpan Interval { get; } = TimeSpan.FromSeconds(Math.Max(1, configuration.GetValue("Live:HubRevalidateSeconds", 60)));

    public int Open => open.Count;

    public void Connected(HubCallerContext context) => open[context.ConnectionId] = context;

    public void Disconnected(HubCallerContext context) => open.TryRemove(context.ConnectionId, out _);

    /// <summary>Checks every open connection once; closes those whose account is no longer valid. Answers how many it closed.</summary>
    public async Task<int> RevalidateAsync(CancellationToken ct)
    {
        var closed = 0;
        foreach (var group in open.Values.GroupBy(c => (c.UserIdentifier, Stamp: c.User?.FindFirst(StampClaim)?.Value)))
        {
            ct.ThrowIfCancellationRequested();
            bool valid;
            await using (var scope = scopes.CreateAsyncScope())
            {
                valid = group.First().User is { } user && await scope.ServiceProvider.GetRequiredService<SignInManager<AppUser>>().ValidateSecurityStampAsync(user) is not null;
            }

            if (!valid)
            {
                foreach (var connection in group)
                {
                    logger.LogInformation("Closing live hub connection {ConnectionId}: its account is no longer valid", connection.ConnectionId);
                    connection.Abort();
                    open.TryRemove(connection.ConnectionId, out _);
                    closed++;
                }
            }
        }

        return closed;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                try
                {
                    await RevalidateAsync(stoppingToken);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    // The database may be down for a moment: the next round checks again.
                    logger.LogWarning(ex, "Re-validating live hub connections failed");
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }
}
