using System.Security.Claims;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SmartEldercare.Platform.Elders;
using SmartEldercare.Platform.Features.Elders;
using SmartEldercare.Platform.Identity;
using SmartEldercare.Platform.Persistence;
using SmartEldercare.Web.Hosting;
using static System.FormattableString;

namespace SmartEldercare.Bench;

/// <summary>An elder whose status the bench changes, and its village.</summary>
internal sealed record Target(Guid ElderId, string RegionCode);

/// <summary>
/// Latency from commit to receipt over <c>/hubs/live</c>: the real app on Kestrel, N hub clients with bearer tokens of
/// the demo accounts spread over district, streets and villages, and <c>ChangeElderStatus</c> commands sent through
/// the Mediator pipeline at a fixed rate (the platform stamps <c>AtUtc</c> right after the commit, stores the event
/// and fans it out). The floor, bare SignalR with the same clients, groups and rate, is measured in the same run.
/// </summary>
internal static class LiveLatencyBench
{
    public const string PostgresDatabase = "eldercare_bench_live";
    public const double BudgetP99Ms = 500;
    public const double BudgetRatio = 3;
    private const int SeedElders = 2000;
    private const int WarmUpSeconds = 3;
    private const int TargetSeed = 20_260_102;
    private const string Topic = "elder.status.";

    public static async Task<string> RunSqliteAsync(LiveOptions options)
    {
        using var database = new TempSqliteDatabase();
        return await RunAsync("sqlite", DatabaseProvider.Sqlite, database.ConnectionString, options);
    }

    public static async Task<string> RunPostgresAsync(LiveOptions options, string serverConnectionString) =>
        await RunAsync("postgres", DatabaseProvider.PostgreSql, await PostgresDatabases.RecreateAsync(serverConnectionString, PostgresDatabase), options);

    private static async Task<string> RunAsync(string label, DatabaseProvider provider, string connectionString, LiveOptions options)
    {
        Console.WriteLine(Invariant($"{label}: starting the app on Kestrel (migrations, demo accounts, {SeedElders:N0} elders) ..."));
        await using var app = new AppServer(provider, connectionString, SeedElders).Start();
        var targets = await LoadTargetsAsync(app.Services);
        var user = await BenchAccounts.DistrictOperatorAsync(app.Services);
        var seats = Seats.Spread(options.Clients);
        var warmUpSlots = WarmUpSeconds * options.Rate;
        var measuredSlots = options.Seconds * options.Rate;
        Console.WriteLine(Invariant($"{label}: {app.BaseUrl}, {targets.Count} elders to change in the villages of {string.Join(" and ", Seats.Streets)}"));

        // The floor first, while the app idles; its clients are gone before the platform's connect.
        LiveResult floor;
        await using (var bare = await BareSignalRFloor.StartAsync())
        {
            Console.WriteLine(Invariant($"{label}: floor: {options.Clients} clients on {bare.HubUrl}, {WarmUpSeconds} s warm-up + {options.Seconds} s at {options.Rate}/s ..."));
            floor = await bare.RunAsync(seats, [.. targets.Select(t => t.RegionCode)], options.Rate, warmUpSlots, measuredSlots);
        }

        Console.WriteLine(Invariant($"{label}: platform: {options.Clients} clients on /hubs/live, {WarmUpSeconds} s warm-up + {options.Seconds} s at {options.Rate}/s ..."));
        var platform = await RunPlatformAsync(app, user, seats, targets, options.Rate, warmUpSlots, measuredSlots);

        return Report(label, options, seats, floor, platform);
    }

    /// <summary>Active elders of both streets' villages, in a fixed shuffled order: slot k changes <c>targets[k % count]</c>.</summary>
    private static async Task<List<Target>> LoadTargetsAsync(IServiceProvider services)
    {
        await using var db = await services.GetRequiredService<IDbContextFactory<EldercareDbContext>>().CreateDbContextAsync();
        var targets = await db.Elders
            .Where(e => Seats.Streets.Contains(e.StreetCode) && e.Status == ElderStatus.Active)
            .OrderBy(e => e.Id)
            .Select(e => new Target(e.Id, e.RegionCode))
            .ToListAsync();
        new Random(TargetSeed).Shuffle(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(targets));
        return targets.Count > 0 ? targets : throw new InvalidOperationException("No active elders in the bench's streets: was the demo data seeded?");
    }

    private static async Task<LiveResult> RunPlatformAsync(AppServer app, ClaimsPrincipal user, IReadOnlyList<Seat> seats, List<Target> targets, int rate, int warmUpSlots, int measuredSlots)
    {
        var tokens = await BenchAccounts.TokensAsync(app.BaseUrl, seats.Select(s => s.UserName).Distinct());
        var log = new ReceiptLog();
        await using var clients = await HubClientFleet.ConnectAsync(new Uri(app.BaseUrl, "/hubs/live"), seats, tokens, log);
        var statusDate = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(-1);

        // Each elder goes Active → MovedOut → Active ...: a real change every time, through the whole pipeline
        // (audit, authorization, validation, commit, then the platform's own LiveUpdate).
        var schedule = await FixedRate.RunAsync(rate, warmUpSlots + measuredSlots, async scheduled =>
        {
            var slot = scheduled.Index;
            var target = targets[slot % targets.Count];
            var status = slot / targets.Count % 2 == 0 ? ElderStatus.MovedOut : ElderStatus.Active;
            await using var scope = app.Services.CreateAsyncScope();
            scope.ServiceProvider.GetRequiredService<CurrentUser>().Set(user);
            var result = await scope.ServiceProvider.GetRequiredService<IMediator>().Send(new ChangeElderStatus.Command
            {
                Id = target.ElderId,
                Status = status,
                Date = status == ElderStatus.Active ? null : statusDate,
            });
            return result.IsSuccess;
        });
        await log.DrainAsync(TimeSpan.FromSeconds(15));

        // The platform makes the update's id; the stored feed says which updates were committed in the measured window.
        var measuredFrom = schedule.StartedUtc.AddSeconds((double)warmUpSlots / rate);
        List<Published> measured;
        await using (var db = await app.Services.GetRequiredService<IDbContextFactory<EldercareDbContext>>().CreateDbContextAsync())
        {
            measured = await db.LiveEvents
                .Where(e => e.AtUtc >= measuredFrom && e.Topic.StartsWith(Topic))
                .Select(e => new Published(e.Id, e.RegionCode))
                .ToListAsync();
        }

        return LiveResult.Analyse("platform: commit → /hubs/live", schedule, measured, log, seats, clients.Closed);
    }

    private static string Report(string label, LiveOptions options, IReadOnlyList<Seat> seats, LiveResult floor, LiveResult platform)
    {
        var ratio = platform.Latency.P99 / Math.Max(floor.Latency.P99, 0.001);
        var within = platform.Latency.P99 <= BudgetP99Ms && ratio <= BudgetRatio;
        Console.WriteLine();
        Console.WriteLine(Invariant(
            $"{label}: {options.Clients} clients ({Seats.Describe(seats)}), {options.Rate} updates/s, {options.Seconds} s measured after {WarmUpSeconds} s warm-up ({platform.Schedule.Fired} updates in all)"));
        Console.WriteLine("  platform updates: ChangeElderStatus commands through IMediator on elders in village groups; latency = receipt − LiveUpdate.AtUtc (stamped after the commit)");
        Console.WriteLine("  floor: bare ASP.NET Core + SignalR app in the same process, same clients/groups/rate, no database, no auth, no platform code");
        Console.WriteLine("  sent: updates in the measured window; failed: commands not successful (whole run); lag: p99 of how late the scheduled work was picked up");
        Console.WriteLine(Invariant($"  {"",-32}{"sent",7}{"failed",8}{"lag ms",8}{"expected",10}{"received",10}{"lost",7}{"closed",8}{"p50 ms",9}{"p95 ms",9}{"p99 ms",9}{"max ms",9}"));
        foreach (var r in new[] { floor, platform })
        {
            Console.WriteLine(Invariant(
                $"  {r.Name,-32}{r.Updates,7}{r.Schedule.Failed,8}{r.Schedule.Lag.P99,8:0}{r.Expected,10:N0}{r.Received,10:N0}{r.Lost,7:N0}{r.Closed,8}{r.Latency.P50,9:0.0}{r.Latency.P95,9:0.0}{r.Latency.P99,9:0.0}{r.Latency.Max,9:0.0}"));
        }

        Console.WriteLine(Invariant($"  p99 ratio platform/floor: {ratio:0.0}x"));
        Console.WriteLine(Invariant($"  within budget (p99 <= {BudgetP99Ms:0} ms and <= {BudgetRatio:0}x the floor): {(within ? "yes" : "no")}"));
        return Invariant(
            $"SUMMARY {label}: live p99 = {platform.Latency.P99:0.0} ms, floor p99 = {floor.Latency.P99:0.0} ms, ratio {ratio:0.0}x, lost {platform.Lost:N0}/{platform.Expected:N0} (budget p99 <= {BudgetP99Ms:0} ms and <= {BudgetRatio:0}x floor) {(within ? "PASS" : "OVER")}");
    }
}
