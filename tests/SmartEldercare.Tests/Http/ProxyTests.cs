using System.Net.Http.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using SmartEldercare.Platform.Persistence;
using SmartEldercare.Tests.Infrastructure;

namespace SmartEldercare.Tests.Http;

/// <summary>Forwarded headers count only from a configured proxy: the audit trail records the real client behind nginx, and a forged header from anyone else is ignored.</summary>
public sealed class ProxyTests
{
    private const string RemoteHeader = "X-Test-Remote-Address";

    /// <summary>The test server has no sockets: this sets the connection's address, as a real connection would, before the app's pipeline.</summary>
    private sealed class RemoteAddressFromHeader : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((ctx, proceed) =>
            {
                ctx.Connection.RemoteIpAddress = System.Net.IPAddress.Parse(ctx.Request.Headers[RemoteHeader].ToString());
                ctx.Request.Headers.Remove(RemoteHeader);
                return proceed(ctx);
            });
            next(app);
        };
    }

    private sealed class App(string connectionString) : WebApplicationFactory<Program>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseEnvironment("Development");
            builder.ConfigureLogging(l => l.SetMinimumLevel(LogLevel.Critical));
            builder.UseSetting("Database:Provider", "Sqlite");
            builder.UseSetting("Database:ConnectionString", connectionString);
            builder.UseSetting("Seed:Demo", "true");
            builder.UseSetting("Seed:Elders", "20");
            builder.UseSetting("Proxy:KnownProxies", "10.0.0.2");
            builder.ConfigureServices(s => s.AddSingleton<IStartupFilter, RemoteAddressFromHeader>());
        }
    }

    private static async Task<string?> FailedSignInRecordedAddressAsync(App app, string remote, string forwardedFor)
    {
        var marker = "nobody-" + Guid.NewGuid().ToString("N")[..8];
        using var request = new HttpRequestMessage(HttpMethod.Post, "/account/login") { Content = JsonContent.Create(new { userName = marker, password = "wrong-password" }) };
        request.Headers.Add(RemoteHeader, remote);
        request.Headers.Add("X-Forwarded-For", forwardedFor);
        request.Headers.Add("X-Eldercare-Request", "1");
        var response = await app.CreateClient().SendAsync(request, TestContext.Current.CancellationToken);
        Assert.Equal(System.Net.HttpStatusCode.Unauthorized, response.StatusCode);
        await using var db = await app.Services.GetRequiredService<IDbContextFactory<EldercareDbContext>>().CreateDbContextAsync(TestContext.Current.CancellationToken);
        var entries = await db.AuditEntries.AsNoTracking().Where(e => e.Action == "Account.SignIn").OrderByDescending(e => e.Sequence).Take(5).ToListAsync(TestContext.Current.CancellationToken);
        return entries.First(e => e.UserName == marker).IpAddress;
    }

    [Fact]
    public async Task The_client_address_comes_from_a_known_proxy_and_never_from_anyone_else()
    {
        await using var app = new App(await TestDatabases.CreateAsync(TestProvider.Sqlite));
        Assert.Equal("203.0.113.7", await FailedSignInRecordedAddressAsync(app, "10.0.0.2", "203.0.113.7"));
        Assert.Equal("10.0.0.9", await FailedSignInRecordedAddressAsync(app, "10.0.0.9", "198.51.100.1"));
    }
}
