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

/// <summary>One kind's latencies in milliseconds, one per query of the sample.</summary>
internal sealed record KindMeasurement(string Kind, double[] Samples)
{
    public double P95 => Percentiles.Of(Samples).P95;
}

/// <summary>Latencies in milliseconds over the measured runs, and the rows the query matched.</summary>
internal sealed record Measurement(string Name, double P50, double P95, double Max, int Matched);

/// <summary>Builds the real service container on one provider, seeds elders and times the elder search scenarios.</summary>
internal static class ElderSearchBench
{
    public const string PostgresDatabase = "eldercare_bench";
    public const double BudgetMs = 50;
    private const int WarmUpRuns = 5;
    private const int ElderSeed = 20_260_101;

    private const int SampleSeed = 27;
    private const int PerKind = 20;

    private static readonly ElderTag[] AllTags = Enum.GetValues<ElderTag>();
    private static readonly AgeBand[] AllBands = Enum.GetValues<AgeBand>();
    private static readonly ElderSort[] AllSorts = Enum.GetValues<ElderSort>();

    /// <summary>The kinds of search a registry user makes; the sample draws <see cref="PerKind"/> of each with other values.</summary>
    private static readonly string[] Kinds =
    [
        "name: surname", "name: first two characters", "name: full", "ID number tail", "phone tail",
        "street", "village", "key group + street", "age band + care level", "deep page, other sort",
    ];

    /// <summary>Values taken from real rows (a fixed seed): what a user would type about elders that exist.</summary>
    private sealed record Row(string Name, string IdTail, string? PhoneTail, string Village, string Street);

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

        var sample = await SampleAsync(dbs);
        var (cold, steady, firstMs) = await MeasureSampleAsync(mediator, sample);
        PrintTable(label, options, baseline, sample.Count, firstMs, cold, steady);
        var worst = Math.Max(cold.Max(m => m.P95), steady.Max(m => m.P95));
        var all = Percentiles.Of(cold.SelectMany(m => m.Samples));
        var allSteady = Percentiles.Of(steady.SelectMany(m => m.Samples));
        return Invariant($"SUMMARY {label}: search of {sample.Count} varied queries ({Kinds.Length} kinds, seed {SampleSeed}) over {options.Elders:N0} elders: first run p95 {all.P95:0.0} ms, steady p95 {allSteady.P95:0.0} ms, worst kind p95 {worst:0.0} ms; first query after start {firstMs:0} ms (budget p95 <= {BudgetMs:0} ms per kind) {Verdict(worst)}");
    }

    /// <summary>
    /// <see cref="PerKind"/> queries of each kind, built from elders drawn with a fixed seed, shuffled so that no kind runs
    /// on the caches its previous query warmed.
    /// </summary>
    private static async Task<List<(string Kind, SearchElders.Query Query)>> SampleAsync(IDbContextFactory<EldercareDbContext> dbs)
    {
        var random = new Random(SampleSeed);
        List<Row> rows;
        await using (var db = await dbs.CreateDbContextAsync())
        {
            var total = await db.Elders.CountAsync(e => e.Status == ElderStatus.Active);
            var skips = Enumerable.Range(0, PerKind * 3).Select(_ => random.Next(total)).Order().ToList();
            rows = [];
            foreach (var skip in skips)
            {
                rows.Add(await db.Elders.Where(e => e.Status == ElderStatus.Active).OrderBy(e => e.Id).Skip(skip)
                    .Select(e => new Row(e.Name, e.IdNumberTail, e.PhoneTail, e.RegionCode, e.StreetCode)).FirstAsync());
            }
        }

        Row Pick() => rows[random.Next(rows.Count)];
        var queries = new List<(string, SearchElders.Query)>();
        for (var i = 0; i < PerKind; i++)
        {
            var row = Pick();
            queries.Add((Kinds[0], new(Text: row.Name[..1], Status: ElderStatus.Active)));
            row = Pick();
            queries.Add((Kinds[1], new(Text: row.Name[..Math.Min(2, row.Name.Length)], Status: ElderStatus.Active)));
            queries.Add((Kinds[2], new(Text: Pick().Name, Status: ElderStatus.Active)));
            queries.Add((Kinds[3], new(Text: Pick().IdTail, Status: ElderStatus.Active)));
            queries.Add((Kinds[4], new(Text: rows.Where(r => r.PhoneTail is not null).Skip(random.Next(PerKind)).Select(r => r.PhoneTail).FirstOrDefault() ?? Pick().IdTail, Status: ElderStatus.Active)));
            queries.Add((Kinds[5], new(RegionCode: Pick().Street, Status: ElderStatus.Active, Sort: AllSorts[random.Next(AllSorts.Length)])));
            queries.Add((Kinds[6], new(RegionCode: Pick().Village, Status: ElderStatus.Active)));
            queries.Add((Kinds[7], new(RegionCode: Pick().Street, Tags: [AllTags[random.Next(AllTags.Length)]], Status: ElderStatus.Active)));
            queries.Add((Kinds[8], new(AgeBand: AllBands[random.Next(AllBands.Length)], CareLevel: random.Next(Elder.MaxCareLevel + 1), Status: ElderStatus.Active)));
            queries.Add((Kinds[9], new(Status: ElderStatus.Active, Page: 1 + random.Next(500), Sort: AllSorts[random.Next(AllSorts.Length)], Descending: random.Next(2) == 0)));
        }

        return [.. queries.OrderBy(_ => random.Next())];
    }

    /// <summary>
    /// The sample twice: the first run of each query (nothing of it cached: other values each time, only the app's own
    /// one-time costs paid by <paramref name="mediator"/>'s first query, reported apart), then the same queries again.
    /// </summary>
    private static async Task<(List<KindMeasurement> Cold, List<KindMeasurement> Steady, double FirstMs)> MeasureSampleAsync(
        IMediator mediator, List<(string Kind, SearchElders.Query Query)> sample)
    {
        async Task<double> TimeAsync(SearchElders.Query query)
        {
            var started = Stopwatch.GetTimestamp();
            var result = await mediator.Send(query);
            var ms = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            return result.IsSuccess ? ms : throw new InvalidOperationException($"{query}: {result.Status} {result.Message}");
        }

        // The very first search after start pays JIT and EF's query compilation: a user meets it once per app start.
        var firstMs = await TimeAsync(new SearchElders.Query(Text: "赵", Status: ElderStatus.Active, Page: 3));
        var cold = new List<(string Kind, double Ms)>(sample.Count);
        foreach (var (kind, query) in sample)
        {
            cold.Add((kind, await TimeAsync(query)));
        }

        var steady = new List<(string Kind, double Ms)>(sample.Count);
        foreach (var (kind, query) in sample)
        {
            steady.Add((kind, await TimeAsync(query)));
        }

        static List<KindMeasurement> ByKind(List<(string Kind, double Ms)> samples) =>
            [.. Kinds.Select(k => new KindMeasurement(k, [.. samples.Where(s => s.Kind == k).Select(s => s.Ms)]))];
        return (ByKind(cold), ByKind(steady), firstMs);
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

    private static void PrintTable(string label, SearchOptions options, Measurement baseline, int queries, double firstMs,
        List<KindMeasurement> cold, List<KindMeasurement> steady)
    {
        const int nameWidth = 32;
        Console.WriteLine();
        Console.WriteLine(Invariant(
            $"{label}: {options.Elders:N0} elders; {queries} different queries ({PerKind} of each kind, values from elders drawn with seed {SampleSeed}, shuffled), each run once cold then once more (steady); budget p95 <= {BudgetMs:0} ms"));
        Console.WriteLine(Invariant($"  first search after start (JIT, EF compilation): {firstMs:0.0} ms"));
        Console.WriteLine(Invariant($"  baseline (new context + Regions.Count, {options.Iterations} runs): p50 {baseline.P50:0.00} ms, p95 {baseline.P95:0.00} ms"));
        Console.WriteLine(Invariant($"  {Pad("kind", nameWidth)}{"cold p50",10}{"cold p95",10}{"cold max",10}{"steady p50",12}{"steady p95",12}{"p95/base",10}  budget"));
        var basis = Math.Max(baseline.P95, 0.001);
        foreach (var (c, w) in cold.Zip(steady))
        {
            var (pc, pw) = (Percentiles.Of(c.Samples), Percentiles.Of(w.Samples));
            var worst = Math.Max(pc.P95, pw.P95);
            Console.WriteLine(Invariant(
                $"  {Pad(c.Kind, nameWidth)}{pc.P50,10:0.00}{pc.P95,10:0.00}{pc.Max,10:0.00}{pw.P50,12:0.00}{pw.P95,12:0.00}{worst / basis,9:0.0}x  {Verdict(worst)}"));
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
