using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;
using SmartEldercare.Platform.Auditing;
using SmartEldercare.Platform.Identity;
using SmartEldercare.Platform.Regions;

namespace SmartEldercare.Platform.Live;

/// <summary>
/// <c>/hubs/live</c> for wall screens, apps and partners: a client joins the group of a region inside its own
/// scope and receives <c>update</c> messages (<see cref="LiveUpdate"/>). Joining outside the scope is refused and audited.
/// </summary>
[Authorize(Policy = LiveHub.Policy)]
public sealed class LiveHub(AuditTrail audit, Observability.PlatformMetrics metrics, LiveHubSessions sessions) : Hub
{
    public const string Policy = "live";

    public async Task Join(string regionCode)
    {
        var user = Context.User!;
        var scope = user.FindFirst(EldercareClaims.Region)?.Value ?? "~";
        if (Region.LevelOf(regionCode) is null || !RegionScope.Contains(scope, regionCode))
        {
            await audit.AppendAsync(
                Guid.TryParse(user.FindFirst(System.Security.Claims.ClaimTypes.NameIdentifier)?.Value, out var id) ? id : null,
                user.Identity?.Name ?? "-", Context.GetHttpContext()?.Connection.RemoteIpAddress?.ToString(),
                new AuditRecord("Live.Join", regionCode, AuditOutcome.Refused, "outside scope"));
            throw new HubException("Region outside your scope.");
        }

        await Groups.AddToGroupAsync(Context.ConnectionId, LiveGroups.Of(regionCode));
    }

    public override Task OnConnectedAsync()
    {
        metrics.HubConnected();
        sessions.Connected(Context);
        return base.OnConnectedAsync();
    }

    public override Task OnDisconnectedAsync(Exception? exception)
    {
        metrics.HubDisconnected();
        sessions.Disconnected(Context);
        return base.OnDisconnectedAsync(exception);
    }

    public Task Leave(string regionCode) => Groups.RemoveFromGroupAsync(Context.ConnectionId, LiveGroups.Of(regionCode));
}
