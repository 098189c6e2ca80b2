using System.Diagnostics;
using System.Security.Claims;
using Mediator;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using SmartEldercare.Platform.Elders;
using SmartEldercare.Platform.Features.Elders;
using SmartEldercare.Platform.Identity;
using SmartEldercare.Platform.Persistence;
using SmartEldercare.Platform.Regions;
using SmartEldercare.Platform.Seeding;
using SmartEldercare.Web.Hosting;

namespace SmartEldercare.Bench;

/// <summary>One search scenario: a label for the table and the query the elder registry page would send.</summary>
internal sealed record Scenario(string Name, SearchElders.Query Query);

/// <summary>Latencies in milliseconds over the measured runs, and the rows the query matched.</summary>
internal sealed record Measurement(string Name, double P50, double P95, double Max, int Matched);

/// <summary>Builds the real service container on one provider, seeds elders and times the elder search scenarios.</summary>
internal static class ElderSearchBench
{
    public const string PostgresDatabase = "eldercare_bench";
    public const double BudgetMs = 50;
    private const int WarmUpRuns = 5;
    private const int ElderSeed = 20_260_101;

    private static readonly ElderTag[] LivingAlone = [ElderTag.LivingAlone];
    private static readonly ElderTag[] VeryOld = [ElderTag.VeryOld];

    // Status = Active everywhere: the registry page's default filter.
    private static readonly Scenario[] Scenarios =
    [
        new("district, page 1, by name", new(Status: ElderStatus.Active)),
        new("name prefix 王", new(Text: "王", Status: ElderStatus.Active)),
        new("name prefix 张秀", new(Text: "张秀", Status: ElderStatus.Active)),
        new("street 120111100", new(RegionCode: RegionCatalog.YangliuqingCode, Status: ElderStatus.Active)),
        new("village 120111100001", new(RegionCode: RegionCatalog.YinglunMingyuanCode, Status: ElderStatus.Active)),
        new("key group LivingAlone", new(Tags: LivingAlone, Status: ElderStatus.Active)),
        new("key group VeryOld (80+)", new(Tags: VeryOld, Status: ElderStatus.Active)),
        new("district, page 100", new(Status: ElderStatus.Active, Page: 100, PageSize: 20)),
        new("street + LivingAlone + 80-89", new(RegionCode: RegionCatalog.YangliuqingCode, AgeBand: AgeBand.From80To89, Tags: LivingAlone, Status: ElderStatus.Active)),
        new("ID/phone tail 1234", new(Text: "1234", Status: ElderStatus.Active)),
    ];

    // A district operator: the widest non-admin scope, so scenarios without a region filter search the whole district.
    private static readonly ClaimsPrincipal DistrictOperator = new(new ClaimsIdentity(
        [
            new Claim(ClaimTypes.NameIdentifier, Guid.NewGuid().ToString()),
            new Claim(ClaimTypes.Name, "bench"),
            new Claim(ClaimTypes.Role, Roles.DistrictOperator),
            new Claim(EldercareClaims.Region, RegionCatalog.DistrictCode),
        ],
        "bench"));

    /// <summary>SQLite in a throw-away temp folder, deleted afterwards.</summary>
    public static async Task<string> RunSqliteAsync(SearchOptions options)
    {
        using var database = new TempSqliteDatabase();
        return await RunAsync("sqlite", DatabaseProvider.Sqlite, database.ConnectionString, options);
    }

    /// <summary>PostgreSQL in its own database on the given server, dropped first so every run starts empty.</summary>
    public static async Task<string> RunPostgresAsync(SearchOptions options, string serverConnectionString) =>
        await RunAsync("postgres", DatabaseProvider.PostgreSql, await PostgresDatabases.RecreateAsync(serverConnectionString, PostgresDatabase), options);

    private static async Task<string> RunAsync(string label, DatabaseProvider provider, string connectionString, SearchOptions options)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Database:Provider"] = provider.ToString(),
                ["Database:ConnectionString"] = connectionString,
            })
            .Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddEldercareCore(configuration, AppContext.BaseDirectory);
        // DemoData needs a UserManager, whose token providers need data protection: the web host gets it through
        // AddAuthentication, AddEldercareCore alone does not register it. In memory, so nothing is written to disk.
        services.AddDataProtection().UseEphemeralDataProtectionProvider();
        await using var root = services.BuildServiceProvider();

        await DatabaseSetup.MigrateAsync(root);
        await SeedAsync(label, root, options.Elders);
        var dbs = root.GetRequiredService<IDbContextFactory<EldercareDbContext>>();
        if (provider == DatabaseProvider.PostgreSql)
        {
            // Autovacuum would analyze the fresh table minutes later; do it now so plans are the steady-state ones.
            await using var db = await dbs.CreateDbContextAsync();
            await db.Database.ExecuteSqlRawAsync("VACUUM (ANALYZE) \"Platform_Elders\"");
        }
        else
        {
            // What the next start of the app does (DatabaseSetup runs PRAGMA optimize after migrating).
            await DatabaseSetup.MigrateAsync(root);
        }

        // One scope for all queries, as a Blazor circuit holds one; the handler still creates a DbContext per query.
        await using var scope = root.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<CurrentUser>().Set(DistrictOperator);
        var mediator = scope.ServiceProvider.GetRequiredService<IMediator>();

        // Baseline: the cheapest round trip through a fresh context, to tell query cost from per-query overhead.
        var baseline = await MeasureAsync("baseline: new context + Regions.Count", options.Iterations, async () =>
        {
            await using var db = await dbs.CreateDbContextAsync();
            return await db.Regions.CountAsync();
        });

        var measurements = new List<Measurement>(Scenarios.Length);
        foreach (var scenario in Scenarios)
        {
            measurements.Add(await MeasureAsync(scenario.Name, options.Iterations, async () =>
            {
                var result = await mediator.Send(scenario.Query);
                return result.IsSuccess && result.Value is { } page
                    ? page.Total
                    : throw new InvalidOperationException($"{scenario.Name}: {result.Status} {result.Message}");
            }));
        }

        PrintTable(label, options, baseline, measurements);
        var worst = measurements.Max(m => m.P95);
        return Invariant($"SUMMARY {label}: worst p95 = {worst:0.0} ms (budget {BudgetMs:0} ms) {Verdict(worst)}");
    }

    private static async Task SeedAsync(string label, IServiceProvider root, int elders)
    {
        Console.WriteLine(Invariant($"{label}: seeding {elders:N0} elders ..."));
        var started = Stopwatch.GetTimestamp();
        await using (var scope = root.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<DemoData>().SeedEldersAsync(elders, ElderSeed, CancellationToken.None);
        }

        var seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
        Console.WriteLine(Invariant($"{label}: seeded {elders:N0} elders in {seconds:0.0} s ({elders / seconds:N0} rows/s)"));
    }

    /// <summary>Warm-up runs (JIT, EF query compilation, connection pool, caches), then one stopwatch reading per call.</summary>
    private static async Task<Measurement> MeasureAsync(string name, int iterations, Func<Task<int>> run)
    {
        var matched = 0;
        for (var i = 0; i < WarmUpRuns; i++)
        {
            matched = await run();
        }

        var samples = new double[iterations];
        for (var i = 0; i < iterations; i++)
        {
            var started = Stopwatch.GetTimestamp();
            matched = await run();
            samples[i] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        }

        var percentiles = Percentiles.Of(samples);
        return new Measurement(name, percentiles.P50, percentiles.P95, percentiles.Max, matched);
    }

    private static void PrintTable(string label, SearchOptions options, Measurement baseline, List<Measurement> measurements)
    {
        const int nameWidth = 40;
        Console.WriteLine();
        Console.WriteLine(Invariant(
            $"{label}: {options.Elders:N0} elders, {options.Iterations} runs per scenario after {WarmUpRuns} warm-up runs, budget p95 <= {BudgetMs:0} ms"));
        Console.WriteLine(Invariant($"  {Pad("scenario", nameWidth)}{"p50 ms",9}{"p95 ms",9}{"max ms",9}{"matched",10}{"p95/base",10}  budget"));
        Console.WriteLine(Invariant($"  {Pad(baseline.Name, nameWidth)}{baseline.P50,9:0.00}{baseline.P95,9:0.00}{baseline.Max,9:0.00}{baseline.Matched,10:N0}{"1.0x",10}"));
        var basis = Math.Max(baseline.P95, 0.001);
        foreach (var m in measurements)
        {
            Console.WriteLine(Invariant(
                $"  {Pad(m.Name, nameWidth)}{m.P50,9:0.00}{m.P95,9:0.00}{m.Max,9:0.00}{m.Matched,10:N0}{m.P95 / basis,9:0.0}x  {Verdict(m.P95)}"));
        }
    }

    private static string Verdict(double p95) => p95 <= BudgetMs ? "PASS" : "OVER";

    /// <summary>Pads to a terminal width: CJK characters take two columns.</summary>
    private static string Pad(string text, int width)
    {
        var columns = text.Sum(c => c is >= '\u2E80' and <= '\uFFEF' ? 2 : 1);
        return text + new string(' ', Math.Max(1, width - columns));
    }

    private static string Invariant(FormattableString text) => FormattableString.Invariant(text);
}
