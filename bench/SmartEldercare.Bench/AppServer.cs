using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using SmartEldercare.Web.Hosting;

namespace SmartEldercare.Bench;

/// <summary>
/// The whole app (the web project's <c>Program</c>) on a real Kestrel port in this process, with demo data and accounts,
/// as <c>tests/SmartEldercare.EndToEnd/AppServer.cs</c> runs it for the browser tests. <paramref name="settings"/> are
/// further configuration keys (e.g. <c>Emergency:CriticalEscalateAfterSeconds</c>).
/// </summary>
internal sealed class AppServer(DatabaseProvider provider, string connectionString, int elders, IReadOnlyDictionary<string, string>? settings = null)
    : WebApplicationFactory<global::Program>
{
    public const string Password = "Eldercare#2026";

    public Uri BaseUrl { get; private set; } = null!;

    /// <summary>Starts the host (migrations and demo seed included) and returns once Kestrel listens.</summary>
    public AppServer Start()
    {
        UseKestrel(0);
        StartServer();
        var address = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First()
            .Replace("[::]", "127.0.0.1", StringComparison.Ordinal).Replace("0.0.0.0", "127.0.0.1", StringComparison.Ordinal);
        BaseUrl = new Uri(address);
        return this;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        // The factory looks for its manifest in the current directory, which under `dotnet run` is not the output folder.
        builder.UseSolutionRelativeContentRoot("src/SmartEldercare.Web");
        builder.UseEnvironment("Development");
        // As published: fingerprinted assets are cached by the browser for good (Development otherwise answers no-cache,
        // and every page load revalidates each script and style sheet).
        builder.UseSetting("EnableStaticAssetsDevelopmentCaching", "true");
        builder.ConfigureLogging(l => l.SetMinimumLevel(LogLevel.Warning));
        builder.UseSetting("Logging:LogLevel:Default", "Warning");
        builder.UseSetting("Database:Provider", provider.ToString());
        builder.UseSetting("Database:ConnectionString", connectionString);
        builder.UseSetting("Seed:Demo", "true");
        builder.UseSetting("Seed:Elders", elders.ToString(System.Globalization.CultureInfo.InvariantCulture));
        builder.UseSetting("Security:SignInAttemptsPerMinute", "100000");
        // The load generator is one source address sending for a whole district's devices and terminals.
        builder.UseSetting("Security:MachineRequestsPerSecond", "1000000");
        // The 77 automatic monthly reports would be generated while the bench measures.
        builder.UseSetting("Reports:AutoMonthly", "false");
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            builder.UseSetting(key, value);
        }
    }
}
