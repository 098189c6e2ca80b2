using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace SmartEldercare.Tests.Infrastructure;

/// <summary>
/// A redis-server of the test's own on a free loopback port, which the test may stop and start again on the same
/// port (the shared one from tests/run.sh must stay up for the other tests).
/// </summary>
public sealed class RedisServerProcess : IDisposable
{
    private readonly string binary;
    private Process? process;

    private RedisServerProcess(string binary)
    {
        this.binary = binary;
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        Port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
    }

    public int Port { get; }

    public string Configuration => $"127.0.0.1:{Port}";

    /// <summary>Skips (or fails under CI) when redis-server is not installed; tests/run.sh installs it.</summary>
    public static async Task<RedisServerProcess> StartAsync()
    {
        var binary = (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator)
            .Select(d => Path.Combine(d, "redis-server")).FirstOrDefault(File.Exists);
        if (binary is null)
        {
            if (CiEnvironment.IsCi)
            {
                Assert.Fail("redis-server is not installed under CI: tests/run.sh must install it.");
            }

            Assert.Skip("redis-server is not installed; run bash tests/run.sh.");
        }

        var server = new RedisServerProcess(binary);
        await server.StartAgainAsync();
        return server;
    }

    public async Task StartAgainAsync()
    {
        process = Process.Start(new ProcessStartInfo(binary, ["--port", Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"])
        {
            RedirectStandardOutput = true,
            UseShellExecute = false,
        })!;
        process.OutputDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        await Eventually.Until(Accepts, $"redis-server on port {Port}", seconds: 10);
    }

    public void Stop()
    {
        if (process is { HasExited: false })
        {
            process.Kill();
            process.WaitForExit();
        }

        process?.Dispose();
        process = null;
    }

    private bool Accepts()
    {
        try
        {
            using var client = new TcpClient();
            client.Connect(IPAddress.Loopback, Port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    public void Dispose() => Stop();
}
