using System.Net.Http.Headers;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;

namespace SmartEldercare.Tests.Infrastructure;

/// <summary>The real app over a fresh SQLite database with demo accounts and a small demo data set.</summary>
public sealed class EldercareWebFactory : WebApplicationFactory<Program>, IAsyncLifetime
{
    private string connectionString = string.Empty;

    public async ValueTask InitializeAsync()
    {
        connectionString = await TestDatabases.CreateAsync(TestProvider.Sqlite);
        _ = Server; // start now, so seeding is not charged to the first test's time
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        builder.ConfigureLogging(l => l.SetMinimumLevel(LogLevel.Warning));
        builder.UseSetting("Database:Provider", "Sqlite");
        builder.UseSetting("Database:ConnectionString", connectionString);
        builder.UseSetting("Seed:Demo", "true");
        builder.UseSetting("Seed:Elders", "300");
        builder.UseSetting("Facilities:EvidenceDirectory", Path.Combine(Path.GetTempPath(), "eldercare-evidence", Guid.NewGuid().ToString("N")));
        // Every test signs in several times from the same (test-host) address.
        builder.UseSetting("Security:SignInAttemptsPerMinute", "10000");
        builder.UseSetting("Metrics:ScrapeToken", MetricsToken);
        builder.UseSetting("Metrics:CacheMilliseconds", "0");
        // Last month's 77 automatic reports would be generated behind every test class's back; ReportGenerationTests cover them.
        builder.UseSetting("Reports:AutoMonthly", "false");
        // Tests seed historical data after start: the trend warm-up would cache closed months read before it.
        builder.UseSetting("Dashboard:WarmUpAtStart", "false");
    }

    public const string MetricsToken = "test-scrape-token";

    public async Task<HttpClient> ClientFor(string userName)
    {
        var client = CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var response = await client.PostAsJsonAsync("/api/v1/auth/token", new { userName, password = "Eldercare#2026" });
        response.EnsureSuccessStatusCode();
        var token = await response.Content.ReadFromJsonAsync<TokenResponse>();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token!.AccessToken);
        return client;
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        SqliteConnection.ClearAllPools();
    }

    public sealed record TokenResponse(string TokenType, string AccessToken, int ExpiresIn, string RefreshToken);
}
