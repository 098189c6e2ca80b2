using System.Globalization;
using System.Text;

namespace SmartEldercare.Bench;

/// <summary>
/// Measurements, not tests: <c>search</c> (default) times the elder search on SQLite and PostgreSQL, <c>live</c> the
/// latency from commit to receipt over <c>/hubs/live</c> against a bare SignalR floor, <c>circuits</c> the managed
/// memory per idle Blazor console circuit, <c>ingest</c> signed device events/s against a bare-insert floor,
/// <c>alarms</c> the latency from a device's SOS to its receipt by in-scope hub clients. The exit code is 0 even over
/// budget, 1 when a run failed, 2 on bad arguments or a missing prerequisite.
/// </summary>
internal static class Program
{
    private static readonly string[] PostgresVariables = ["ELDERCARE_BENCH_POSTGRES", "ELDERCARE_TEST_POSTGRES"];

    private const string Usage =
        "usage: SmartEldercare.Bench [search|live|circuits|ingest|alarms|card|dashboard|storm] [options]   (no sub-command: search)\n" +
        "\n" +
        "search: elder search p50/p95 per kind over a varied sample (fixed seed), first run and steady state (budget p95 <= 50 ms)\n" +
        "  --elders N       elders to seed (default 200000)\n" +
        "  --iterations N   runs of the baseline round trip (default 50)\n" +
        "  --provider P     sqlite, postgres or both (default both)\n" +
        "\n" +
        "live: latency from commit to receipt over /hubs/live, against a bare SignalR floor measured in the same run\n" +
        "      (budget p99 <= 500 ms and <= 3x the floor's p99)\n" +
        "  --clients N      hub clients, spread over district, streets and villages (default 200)\n" +
        "  --rate R         updates per second, on a fixed schedule (default 50)\n" +
        "  --seconds S      measured seconds, after a warm-up (default 20)\n" +
        "  --provider P     sqlite, postgres or both (default both)\n" +
        "\n" +
        "circuits: managed memory per idle Blazor console circuit, K consoles in headless chromium (budget <= 500 KB)\n" +
        "  --consoles K     consoles to open (default 30)\n" +
        "  chromium: /usr/bin/chromium or ELDERCARE_TEST_CHROMIUM\n" +
        "\n" +
        "ingest: signed device events/s over HTTP (98% heartbeats, 2% sos/fall), single and batched, alternating with a floor\n" +
        "        (the same work minus the platform: group commit, idempotency check and rows by bare ADO.NET) on the same database;\n" +
        "        every event checked in the database, a sample replayed\n" +
        "        (budget >= 1,000 events/s, zero lost, zero duplicated)\n" +
        "  --devices N      devices to register, spread over the villages (default 200, at least --concurrency)\n" +
        "  --concurrency C  concurrent senders, each with its own devices (default 16)\n" +
        "  --batch B        events per request in the second run; 1 runs single events only (default 20, at most 100)\n" +
        "  --seconds S      measured seconds per run, after a 3 s warm-up (default 10)\n" +
        "  --alternations N platform/floor alternations per batch size (default 3)\n" +
        "  --provider P     sqlite, postgres or both (default both)\n" +
        "\n" +
        "alarms: end to end, a device's signed SOS POST sent -> alarm.raised received by every in-scope hub client, at a fixed\n" +
        "        rate; lost, duplicated and out-of-scope receipts counted (budget p99 <= 500 ms, zero lost, zero duplicated)\n" +
        "  --clients N      hub clients, spread over district, streets and villages as in live (default 200)\n" +
        "  --devices N      SOS buttons, on elders in the villages of the clients' two streets (default 100)\n" +
        "  --rate R         SOS per second, on a fixed schedule (default 50)\n" +
        "  --seconds S      measured seconds, after a 3 s warm-up (default 20)\n" +
        "  --provider P     sqlite, postgres or both (default both)\n" +
        "\n" +
        "card: card payments/s through POST /api/v1/card-payments (the demo terminal) from random cards, p50/p95/p99;\n" +
        "      the ledger checked afterwards (budget >= 200 payments/s, p95 <= 100 ms)\n" +
        "  --cards N        cards to seed, each credited 1,000 yuan (default 20000; the issue's figure is 200000)\n" +
        "  --concurrency C  concurrent terminals (default 16)\n" +
        "  --seconds S      measured seconds, after a 2 s warm-up (default 20)\n" +
        "  --provider P     sqlite, postgres or both (default both)\n" +
        "\n" +
        "dashboard: time to first render of /dashboard as the district user (headless chromium, the page prerendered; cold and\n" +
        "           median/p95), the query handler alone, and server CPU per live alarm update with 11 dashboards open\n" +
        "           (budget first render <= 1 s)\n" +
        "  --elders N       elders to seed (default 200000)\n" +
        "  --alarms N       historical alarms over 13 months, bulk-inserted (default 1000000)\n" +
        "  --runs N         measured renders and handler runs (default 15)\n" +
        "  --updates N      alarms raised and published for the CPU figure (default 30)\n" +
        "  --provider P     sqlite, postgres or both (default both)\n" +
        "\n" +
        "storm: 50 SOS/s with 200 hub clients, the district's and the ten streets' dashboards and 30 consoles open (in the app's\n" +
        "       process), after a reference storm with hub clients only (budgets: alarm p99 <= 500 ms from the schedule, every\n" +
        "       dashboard current <= 2 s after the last alarm, process CPU < 80 %, dashboards' and consoles' CPU <= 20 ms per alarm)\n" +
        "  --rate R             SOS per second (default 50)\n" +
        "  --seconds S          measured seconds of the storm, after a 3 s warm-up (default 60)\n" +
        "  --reference-seconds S  seconds of the reference storm (default 20)\n" +
        "  --clients N          hub clients (default 200)\n" +
        "  --devices N          SOS buttons, spread over every village (default 300)\n" +
        "  --consoles K         consoles (default 30: a third each at district, street and village scope)\n" +
        "  --elders N           elders to seed (default 200000)\n" +
        "  --alarms N           historical alarms over 13 months (default 1000000)\n" +
        "  --provider P         sqlite, postgres or both (default both)\n" +
        "\n" +
        "PostgreSQL: connection string from ELDERCARE_BENCH_POSTGRES or ELDERCARE_TEST_POSTGRES; the bench drops and\n" +
        "recreates its own database on that server ('" + ElderSearchBench.PostgresDatabase + "' for search, '" +
        LiveLatencyBench.PostgresDatabase + "' for live,\n'" +
        IngestBench.PostgresDatabase + "' for ingest, '" + AlarmLatencyBench.PostgresDatabase + "' for alarms, '" + CardBench.PostgresDatabase + "' for card, '" + DashboardBench.PostgresDatabase + "' for dashboard, '" + StormBench.PostgresDatabase + "' for storm).";

    private static async Task<int> Main(string[] args)
    {
        Console.OutputEncoding = Encoding.UTF8;
        if (args.Any(a => a is "--help" or "-h" or "-?" or "help"))
        {
            Console.WriteLine(Usage);
            return 0;
        }

        var (command, options) = args is [var first, .. var rest] && !first.StartsWith('-') ? (first, rest) : ("search", args);
        Func<Task<int>> run;
        try
        {
            run = command switch
            {
                "search" => Bind(SearchOptions.Parse(options), o => RunProvidersAsync(o.Provider, () => ElderSearchBench.RunSqliteAsync(o), pg => ElderSearchBench.RunPostgresAsync(o, pg))),
                "live" => Bind(LiveOptions.Parse(options), o => RunProvidersAsync(o.Provider, () => LiveLatencyBench.RunSqliteAsync(o), pg => LiveLatencyBench.RunPostgresAsync(o, pg))),
                "circuits" => Bind(CircuitOptions.Parse(options), CircuitMemoryBench.RunAsync),
                "alarms" => Bind(AlarmOptions.Parse(options), o => RunProvidersAsync(o.Provider, () => AlarmLatencyBench.RunSqliteAsync(o), pg => AlarmLatencyBench.RunPostgresAsync(o, pg))),
                "ingest" => Bind(IngestOptions.Parse(options), o => RunProvidersAsync(o.Provider, () => IngestBench.RunSqliteAsync(o), pg => IngestBench.RunPostgresAsync(o, pg))),
                "card" => Bind(CardOptionsBench.Parse(options), o => RunProvidersAsync(o.Provider, () => CardBench.RunSqliteAsync(o), pg => CardBench.RunPostgresAsync(o, pg))),
                "dashboard" => Bind(DashboardOptions.Parse(options), o => RunProvidersAsync(o.Provider, () => DashboardBench.RunSqliteAsync(o), pg => DashboardBench.RunPostgresAsync(o, pg))),
                "storm" => Bind(StormOptions.Parse(options), o => RunProvidersAsync(o.Provider, () => StormBench.RunSqliteAsync(o), pg => StormBench.RunPostgresAsync(o, pg))),
                _ => throw new ArgumentException($"Unknown sub-command '{command}'."),
            };
        }
        catch (ArgumentException ex)
        {
            Console.Error.WriteLine(ex.Message);
            Console.Error.WriteLine(Usage);
            return 2;
        }

        return await run();
    }

    private static Func<Task<int>> Bind<T>(T options, Func<T, Task<int>> run) => () => run(options);

    /// <summary>SQLite, PostgreSQL or both, then the SUMMARY lines; PostgreSQL is skipped (with a line saying so) when no server is configured.</summary>
    private static async Task<int> RunProvidersAsync(string provider, Func<Task<string>> sqlite, Func<string, Task<string>> postgres)
    {
        var server = PostgresConnectionString();
        if (provider == "postgres" && server is null)
        {
            Console.Error.WriteLine("--provider postgres, but neither ELDERCARE_BENCH_POSTGRES nor ELDERCARE_TEST_POSTGRES is set.");
            return 2;
        }

        var summaries = new List<string>();
        var exitCode = 0;
        if (provider is "sqlite" or "both")
        {
            exitCode |= await RunGuardedAsync("sqlite", sqlite, summaries);
        }

        if (provider is "postgres" or "both")
        {
            if (server is null)
            {
                const string why = "neither ELDERCARE_BENCH_POSTGRES nor ELDERCARE_TEST_POSTGRES is set (bash tests/run.sh exports the latter)";
                Console.WriteLine($"PostgreSQL skipped: {why}.");
                summaries.Add($"SUMMARY postgres: skipped ({why})");
            }
            else
            {
                exitCode |= await RunGuardedAsync("postgres", () => postgres(server), summaries);
            }
        }

        Console.WriteLine();
        foreach (var summary in summaries)
        {
            Console.WriteLine(summary);
        }

        return exitCode;
    }

    /// <summary>One provider's failure is reported and the next provider still runs; the process then exits 1.</summary>
    private static async Task<int> RunGuardedAsync(string provider, Func<Task<string>> run, List<string> summaries)
    {
        try
        {
            summaries.Add(await run());
            return 0;
        }
        catch (Exception ex)
        {
            Console.Error.WriteLine($"{provider} failed: {ex}");
            summaries.Add($"SUMMARY {provider}: ERROR ({ex.GetType().Name}: {ex.Message})");
            return 1;
        }
    }

    private static string? PostgresConnectionString()
    {
        foreach (var name in PostgresVariables)
        {
            var value = Environment.GetEnvironmentVariable(name);
            if (!string.IsNullOrWhiteSpace(value))
            {
                return value;
            }
        }

        return null;
    }
}

/// <summary><c>search</c>: <c>--elders N</c>, <c>--iterations N</c>, <c>--provider sqlite|postgres|both</c>.</summary>
internal sealed record SearchOptions(int Elders, int Iterations, string Provider)
{
    public static SearchOptions Parse(string[] args) => CommandLine.Parse(args, new SearchOptions(Elders: 200_000, Iterations: 50, Provider: "both"), (o, name, value) => name switch
    {
        "--elders" => o with { Elders = CommandLine.PositiveNumber(name, value) },
        "--iterations" => o with { Iterations = CommandLine.PositiveNumber(name, value) },
        "--provider" => o with { Provider = CommandLine.ProviderName(value) },
        _ => throw CommandLine.Unknown(name),
    });
}

/// <summary><c>live</c>: <c>--clients N</c>, <c>--rate R</c> per second, <c>--seconds S</c>, <c>--provider sqlite|postgres|both</c>.</summary>
internal sealed record LiveOptions(int Clients, int Rate, int Seconds, string Provider)
{
    public static LiveOptions Parse(string[] args) => CommandLine.Parse(args, new LiveOptions(Clients: 200, Rate: 50, Seconds: 20, Provider: "both"), (o, name, value) => name switch
    {
        "--clients" => o with { Clients = CommandLine.PositiveNumber(name, value) },
        "--rate" => o with { Rate = CommandLine.PositiveNumber(name, value) },
        "--seconds" => o with { Seconds = CommandLine.PositiveNumber(name, value) },
        "--provider" => o with { Provider = CommandLine.ProviderName(value) },
        _ => throw CommandLine.Unknown(name),
    });
}

/// <summary><c>ingest</c>: <c>--devices N</c>, <c>--concurrency C</c>, <c>--batch B</c>, <c>--seconds S</c>, <c>--provider sqlite|postgres|both</c>.</summary>
internal sealed record IngestOptions(int Devices, int Concurrency, int Batch, int Seconds, string Provider, int Alternations = 3)
{
    public static IngestOptions Parse(string[] args)
    {
        var options = CommandLine.Parse(args, new IngestOptions(Devices: 200, Concurrency: 16, Batch: 20, Seconds: 10, Provider: "both"), (o, name, value) => name switch
        {
            "--alternations" => o with { Alternations = CommandLine.PositiveNumber(name, value) },
            "--devices" => o with { Devices = CommandLine.PositiveNumber(name, value) },
            "--concurrency" => o with { Concurrency = CommandLine.PositiveNumber(name, value) },
            "--batch" => o with { Batch = CommandLine.PositiveNumber(name, value) },
            "--seconds" => o with { Seconds = CommandLine.PositiveNumber(name, value) },
            "--provider" => o with { Provider = CommandLine.ProviderName(value) },
            _ => throw CommandLine.Unknown(name),
        });
        return options.Devices < options.Concurrency ? throw new ArgumentException("--devices must be at least --concurrency (each sender has its own devices).")
            : options.Batch > Emergency.Features.Ingest.DeviceEventsEndpoint.MaxBatch ? throw new ArgumentException("--batch must be at most 100 (the endpoint's limit).")
            : options;
    }
}

/// <summary><c>alarms</c>: <c>--clients N</c>, <c>--devices N</c>, <c>--rate R</c> per second, <c>--seconds S</c>, <c>--provider sqlite|postgres|both</c>.</summary>
internal sealed record AlarmOptions(int Clients, int Devices, int Rate, int Seconds, string Provider)
{
    public static AlarmOptions Parse(string[] args) => CommandLine.Parse(args, new AlarmOptions(Clients: 200, Devices: 100, Rate: 50, Seconds: 20, Provider: "both"), (o, name, value) => name switch
    {
        "--clients" => o with { Clients = CommandLine.PositiveNumber(name, value) },
        "--devices" => o with { Devices = CommandLine.PositiveNumber(name, value) },
        "--rate" => o with { Rate = CommandLine.PositiveNumber(name, value) },
        "--seconds" => o with { Seconds = CommandLine.PositiveNumber(name, value) },
        "--provider" => o with { Provider = CommandLine.ProviderName(value) },
        _ => throw CommandLine.Unknown(name),
    });
}

/// <summary><c>circuits</c>: <c>--consoles K</c>.</summary>
internal sealed record CircuitOptions(int Consoles)
{
    public static CircuitOptions Parse(string[] args) => CommandLine.Parse(args, new CircuitOptions(Consoles: 30), (o, name, value) => name switch
    {
        "--consoles" => o with { Consoles = CommandLine.PositiveNumber(name, value) },
        _ => throw CommandLine.Unknown(name),
    });
}

/// <summary><c>--name value</c> pairs; any mistake is an <see cref="ArgumentException"/> (exit code 2 and the usage).</summary>
internal static class CommandLine
{
    public static T Parse<T>(string[] args, T defaults, Func<T, string, string, T> apply)
    {
        var options = defaults;
        for (var i = 0; i < args.Length; i += 2)
        {
            var name = args[i];
            var value = i + 1 < args.Length ? args[i + 1] : throw new ArgumentException($"{name} needs a value.");
            options = apply(options, name, value);
        }

        return options;
    }

    public static int PositiveNumber(string name, string value) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0
            ? n
            : throw new ArgumentException($"{name} must be a positive whole number, not '{value}'.");

    public static string ProviderName(string value) => value.ToLowerInvariant() switch
    {
        "sqlite" => "sqlite",
        "postgres" or "postgresql" => "postgres",
        "both" => "both",
        _ => throw new ArgumentException($"--provider must be sqlite, postgres or both, not '{value}'."),
    };

    public static ArgumentException Unknown(string name) => new($"Unknown argument '{name}'.");
}
