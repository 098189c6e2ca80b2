using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace SmartEldercare.EndToEnd;

/// <summary>The whole app on a real Kestrel port over a fresh SQLite file with demo data, for a real browser.</summary>
public sealed class AppServer : WebApplicationFactory<Program>, IAsyncLifetime
{
    private readonly string folder = Path.Combine(Path.GetTempPath(), "eldercare-e2e", Guid.NewGuid().ToString("N"));

    public string BaseUrl { get; private set; } = string.Empty;

    public ValueTask InitializeAsync()
    {
        Directory.CreateDirectory(folder);
        UseKestrel(0);
        StartServer();
        BaseUrl = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses
            .First().Replace("[::]", "127.0.0.1", StringComparison.Ordinal).Replace("0.0.0.0", "127.0.0.1", StringComparison.Ordinal);
        return ValueTask.CompletedTask;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        builder.ConfigureLogging(l => l.SetMinimumLevel(LogLevel.Warning));
        builder.UseSetting("Database:Provider", "Sqlite");
        builder.UseSetting("Database:ConnectionString", $"Data Source={Path.Combine(folder, "e2e.db")}");
        builder.UseSetting("Seed:Demo", "true");
        builder.UseSetting("Seed:Elders", "400");
        builder.UseSetting("Facilities:EvidenceDirectory", Path.Combine(folder, "evidence"));
        builder.UseSetting("Security:SignInAttemptsPerMinute", "10000");
        // A short ladder, so the journey sees an unanswered alarm reach the district in seconds.
        builder.UseSetting("Emergency:CriticalEscalateAfterSeconds", "3");
        // Last month's automatic reports would load the shared server behind every journey's back.
        builder.UseSetting("Reports:AutoMonthly", "false");
        // Tests seed historical data after start: the trend warm-up would cache closed months read before it.
        builder.UseSetting("Dashboard:WarmUpAtStart", "false");
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open is left for the OS to clean from the temp folder.
        }
    }
}
