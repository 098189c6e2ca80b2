using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace SmartEldercare.Bench;

/// <summary>The floor's hub: no authentication, no scope check, no audit; a client joins any region's group.</summary>
internal sealed class FloorHub : Hub
{
    public Task Join(string regionCode) => Groups.AddToGroupAsync(Context.ConnectionId, BareSignalRFloor.Group(regionCode));
}

/// <summary>The same shape as the platform's <c>LiveUpdate</c>, so both sides serialize the same amount.</summary>
internal sealed record FloorUpdate(Guid Id, string RegionCode, string Topic, string? RecordId, DateTime AtUtc);

/// <summary>
/// The floor of the live bench: a bare ASP.NET Core app (Kestrel, SignalR, one hub; no database, no authentication,
/// no platform code) broadcasting to the same groups at the same rate as the platform, each message stamped with
/// <see cref="DateTime.UtcNow"/> just before the send. What SignalR fan-out costs on this machine with these clients.
/// </summary>
internal sealed class BareSignalRFloor : IAsyncDisposable
{
    private readonly WebApplication app;
    private readonly IHubContext<FloorHub> hub;

    private BareSignalRFloor(WebApplication app)
    {
        this.app = app;
        hub = app.Services.GetRequiredService<IHubContext<FloorHub>>();
        HubUrl = new Uri(new Uri(app.Urls.First()), "/hub");
    }

    public Uri HubUrl { get; }

    /// <summary>The group name the platform uses for a region, repeated here rather than referenced.</summary>
    public static string Group(string regionCode) => "region:" + regionCode;

    public static async Task<BareSignalRFloor> StartAsync()
    {
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore().UseUrls("http://127.0.0.1:0");
        builder.Logging.AddConsole().SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddSignalR();
        var app = builder.Build();
        app.MapHub<FloorHub>("/hub");
        await app.StartAsync();
        return new BareSignalRFloor(app);
    }

    /// <summary>
    /// Connects the seats, broadcasts at <paramref name="rate"/> per second for the warm-up and measured slots (slot k in
    /// <c>regions[k % regions.Count]</c> to its village, street and district groups) and measures the receipts.
    /// </summary>
    public async Task<LiveResult> RunAsync(IReadOnlyList<Seat> seats, IReadOnlyList<string> regions, int rate, int warmUpSlots, int measuredSlots)
    {
        var log = new ReceiptLog();
        await using var clients = await HubClientFleet.ConnectAsync(HubUrl, seats, tokens: null, log);
        var measured = new ConcurrentQueue<Published>();
        var schedule = await FixedRate.RunAsync(rate, warmUpSlots + measuredSlots, async scheduled =>
        {
            var slot = scheduled.Index;
            var region = regions[slot % regions.Count];
            var groups = Seats.Chain(region).Select(Group).ToList();
            var update = new FloorUpdate(Guid.CreateVersion7(), region, "floor", null, DateTime.UtcNow);
            if (slot >= warmUpSlots)
            {
                measured.Enqueue(new Published(update.Id, region));
            }

            await hub.Clients.Groups(groups).SendAsync("update", update);
            return true;
        });
        await log.DrainAsync(TimeSpan.FromSeconds(15));
        return LiveResult.Analyse("floor: bare SignalR", schedule, measured, log, seats, clients.Closed);
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }
}
