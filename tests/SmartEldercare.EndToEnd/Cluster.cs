using System.Diagnostics;
using System.Globalization;
using Npgsql;

namespace SmartEldercare.EndToEnd;

// Not alongside the journeys: both need the machine's two cores, and a fault would disturb a journey's timing.
[CollectionDefinition(nameof(ClusterFaults), DisableParallelization = true)]
public sealed class ClusterFaults : ICollectionFixture<Cluster>, ICollectionFixture<Browser>;

/// <summary>
/// The production shape that <c>deploy/local-cluster.sh up</c> brings up (PostgreSQL, Redis, two app instances, nginx
/// with sticky sessions), found through <c>ELDERCARE_TEST_CLUSTER</c> (its state directory, which holds
/// <c>cluster.env</c>). tests/run.sh brings one up for the run on free ports; the faults are injected with the same
/// script (<c>kill-app N</c>, <c>stop-redis</c>, <c>stop-postgres</c>, and <c>start</c> to bring a part back).
/// </summary>
public sealed class Cluster : IAsyncLifetime
{
    private readonly Dictionary<string, string> settings = new(StringComparer.Ordinal);

    public bool Available => settings.Count > 0;

    public string Nginx => Url("CLUSTER_PORT");

    public string Instance(int n) => Url(n == 1 ? "APP1_PORT" : "APP2_PORT");

    public string ConnectionString => $"Host=127.0.0.1;Port={settings["PG_PORT"]};Username=postgres;Password=postgres;Database=eldercare;Pooling=false";

    public ValueTask InitializeAsync()
    {
        if (Environment.GetEnvironmentVariable("ELDERCARE_TEST_CLUSTER") is { Length: > 0 } dir && File.Exists(Path.Combine(dir, "cluster.env")))
        {
            foreach (var line in File.ReadAllLines(Path.Combine(dir, "cluster.env")))
            {
                var at = line.IndexOf('=', StringComparison.Ordinal);
                if (at > 0)
                {
                    settings[line[..at]] = line[(at + 1)..];
                }
            }
        }

        return ValueTask.CompletedTask;
    }

    public void Require()
    {
        if (Available)
        {
            return;
        }

        if (CiEnvironment.IsCi)
        {
            Assert.Fail("No cluster under CI: tests/run.sh must bring one up (deploy/local-cluster.sh) and set ELDERCARE_TEST_CLUSTER.");
        }

        Assert.Skip("No cluster: run `bash deploy/local-cluster.sh up` and set ELDERCARE_TEST_CLUSTER to its directory (/tmp/eldercare-cluster), or run bash tests/run.sh.");
    }

    /// <summary>Which instance (1 or 2) an nginx <c>X-Upstream</c> header names.</summary>
    public int InstanceOf(string upstream) =>
        upstream.EndsWith(":" + settings["APP1_PORT"], StringComparison.Ordinal) ? 1
        : upstream.EndsWith(":" + settings["APP2_PORT"], StringComparison.Ordinal) ? 2
        : throw new InvalidOperationException($"Unknown upstream {upstream}");

    /// <summary>Runs <c>deploy/local-cluster.sh</c> with the cluster's ports; fails the test with its output if it fails.</summary>
    public async Task ScriptAsync(params string[] args)
    {
        var start = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(Path.Combine(settings["ROOT"], "deploy", "local-cluster.sh"));
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        foreach (var (key, value) in settings)
        {
            start.Environment[key] = value;
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(4));
        await process.WaitForExitAsync(timeout.Token);
        Assert.True(process.ExitCode == 0, $"local-cluster.sh {string.Join(' ', args)} failed ({process.ExitCode}):\n{await output}\n{await errors}");
    }

    /// <summary>Waits (bounded) until an instance's readiness check answers 200.</summary>
    public static async Task<bool> HealthyAsync(string baseUrl, TimeSpan within)
    {
        using var http = new HttpClient { BaseAddress = new Uri(baseUrl), Timeout = TimeSpan.FromSeconds(5) };
        using var tick = new PeriodicTimer(TimeSpan.FromMilliseconds(250));
        var until = DateTime.UtcNow + within;
        do
        {
            try
            {
                if ((await http.GetAsync(new Uri("/health", UriKind.Relative))).IsSuccessStatusCode)
                {
                    return true;
                }
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
            {
                // Not up yet.
            }
        }
        while (DateTime.UtcNow < until && await tick.WaitForNextTickAsync());

        return false;
    }

    /// <summary>What the database holds for these devices: each stored event (by event id) and its alarm, and the alarms.</summary>
    public async Task<(IReadOnlyList<(string EventId, Guid? AlarmId)> Events, IReadOnlyList<Guid> Alarms)> StoredAsync(IReadOnlyCollection<Guid> deviceIds)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        var events = new List<(string, Guid?)>();
        await using (var command = new NpgsqlCommand("""SELECT "EventId", "AlarmId" FROM "Emergency_DeviceEvents" WHERE "DeviceId" = ANY(@ids)""", connection))
        {
            command.Parameters.AddWithValue("ids", deviceIds.ToArray());
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                events.Add((reader.GetString(0), reader.IsDBNull(1) ? null : reader.GetGuid(1)));
            }
        }

        var alarms = new List<Guid>();
        await using (var command = new NpgsqlCommand("""SELECT "Id" FROM "Emergency_Alarms" WHERE "DeviceId" = ANY(@ids)""", connection))
        {
            command.Parameters.AddWithValue("ids", deviceIds.ToArray());
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                alarms.Add(reader.GetGuid(0));
            }
        }

        return (events, alarms);
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private string Url(string port) => string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{settings[port]}");
}
