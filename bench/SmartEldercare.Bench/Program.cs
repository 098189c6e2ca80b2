using System.Globalization;
using System.Text;

namespace SmartEldercare.Bench;

/// <summary>
/// Seeds N elders and measures the elder search (the real <c>SearchElders</c> slice through the Mediator pipeline)
/// on SQLite and PostgreSQL: p50/p95/max per scenario against a 50 ms p95 budget.
/// A measurement, not a test: the exit code is 0 even over budget, 1 when a provider failed, 2 on bad arguments.
/// </summary>
internal static class Program
{
    private static readonly string[] PostgresVariables = ["ELDERCARE_BENCH_POSTGRES", "ELDERCARE_TEST_POSTGRES"];

    private const string Usage =
        "usage: SmartEldercare.Bench [--elders N] [--iterations N] [--provider sqlite|postgres|both]\n" +
        "  --elders N       elders to seed (default 200000)\n" +
        "  --iterations N   measured runs per scenario, after 5 warm-up runs (default 50)\n" +
        "  --provider P     sqlite, postgres or both (default both)\n" +
        "PostgreSQL: connection string from ELDERCARE_BENCH_POSTGRES or ELDERCARE_TEST_POSTGRES;\n" +
        "the bench drops and recreates its own database '" + ElderSearchBench.PostgresDatabase + "' on that server.";

    private static async Task<int> Main(string[] args)
    {
        Console.OutputEncoding = Encoding.UTF8;
        if (args.Any(a => a is "--help" or "-h" or "-?"))
        {
            Console.WriteLine(Usage);
            return 0;
        }

        BenchOptions options;
        try
        {
            options = BenchOptions.Parse(args);
        }
        catch (ArgumentException ex)
        {
            Console.Error.WriteLine(ex.Message);
            Console.Error.WriteLine(Usage);
            return 2;
        }

        var postgres = PostgresConnectionString();
        if (options.Provider == "postgres" && postgres is null)
        {
            Console.Error.WriteLine("--provider postgres, but neither ELDERCARE_BENCH_POSTGRES nor ELDERCARE_TEST_POSTGRES is set.");
            return 2;
        }

        var summaries = new List<string>();
        var exitCode = 0;
        if (options.Provider is "sqlite" or "both")
        {
            exitCode |= await RunGuardedAsync("sqlite", () => ElderSearchBench.RunSqliteAsync(options), summaries);
        }

        if (options.Provider is "postgres" or "both")
        {
            if (postgres is null)
            {
                const string why = "neither ELDERCARE_BENCH_POSTGRES nor ELDERCARE_TEST_POSTGRES is set (bash tests/run.sh exports the latter)";
                Console.WriteLine($"PostgreSQL skipped: {why}.");
                summaries.Add($"SUMMARY postgres: skipped ({why})");
            }
            else
            {
                exitCode |= await RunGuardedAsync("postgres", () => ElderSearchBench.RunPostgresAsync(options, postgres), summaries);
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

/// <summary>Command line: <c>--elders N</c>, <c>--iterations N</c>, <c>--provider sqlite|postgres|both</c>.</summary>
internal sealed record BenchOptions(int Elders, int Iterations, string Provider)
{
    public static BenchOptions Parse(string[] args)
    {
        var options = new BenchOptions(Elders: 200_000, Iterations: 50, Provider: "both");
        for (var i = 0; i < args.Length; i += 2)
        {
            var name = args[i];
            var value = i + 1 < args.Length ? args[i + 1] : throw new ArgumentException($"{name} needs a value.");
            options = name switch
            {
                "--elders" => options with { Elders = PositiveNumber(name, value) },
                "--iterations" => options with { Iterations = PositiveNumber(name, value) },
                "--provider" => options with { Provider = ProviderName(value) },
                _ => throw new ArgumentException($"Unknown argument '{name}'."),
            };
        }

        return options;
    }

    private static int PositiveNumber(string name, string value) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0
            ? n
            : throw new ArgumentException($"{name} must be a positive whole number, not '{value}'.");

    private static string ProviderName(string value) => value.ToLowerInvariant() switch
    {
        "sqlite" => "sqlite",
        "postgres" or "postgresql" => "postgres",
        "both" => "both",
        _ => throw new ArgumentException($"--provider must be sqlite, postgres or both, not '{value}'."),
    };
}
