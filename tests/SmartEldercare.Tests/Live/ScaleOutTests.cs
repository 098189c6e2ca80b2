using System.Collections.Concurrent;
using System.Net.Http.Json;
using Mediator;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using SmartEldercare.Platform.Identity;
using SmartEldercare.Platform.Live;
using SmartEldercare.Platform.Regions;
using SmartEldercare.Tests.Infrastructure;

namespace SmartEldercare.Tests.Live;

/// <summary>Two real instances of the app on one database and a real redis-server (started by tests/run.sh).</summary>
public sealed class ScaleOutTests
{
    private sealed class Instance(string connectionString, string redis) : WebApplicationFactory<Program>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseEnvironment("Development");
            builder.ConfigureLogging(l => l.SetMinimumLevel(LogLevel.Warning));
            builder.UseSetting("Database:Provider", "Sqlite");
            builder.UseSetting("Database:ConnectionString", connectionString);
            builder.UseSetting("Seed:Demo", "true");
            builder.UseSetting("Seed:Elders", "60");
            builder.UseSetting("Security:SignInAttemptsPerMinute", "10000");
            builder.UseSetting("Live:Redis", redis);
        }
    }

    private static string RequireRedis()
    {
        var redis = Environment.GetEnvironmentVariable("ELDERCARE_TEST_REDIS");
        if (string.IsNullOrEmpty(redis))
        {
            if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
            {
                Assert.Fail("ELDERCARE_TEST_REDIS is not set under CI: tests/run.sh must start redis-server.");
            }

            Assert.Skip("Redis not available (ELDERCARE_TEST_REDIS unset); run bash tests/run.sh.");
        }

        return redis;
    }

    [Fact]
    public async Task An_update_committed_on_one_instance_reaches_subscribers_and_hub_clients_on_the_other()
    {
        var redis = RequireRedis();
        var connectionString = await TestDatabases.CreateAsync(TestProvider.Sqlite);
        await using var a = new Instance(connectionString, redis);
        _ = a.Server; // seeds the shared database before the second instance starts
        await using var b = new Instance(connectionString, redis);
        _ = b.Server;

        var onB = new ConcurrentQueue<LiveUpdate>();
        using var subscription = b.Services.GetRequiredService<ILiveUpdates>().Subscribe(RegionCatalog.DistrictCode, u =>
        {
            onB.Enqueue(u);
            return Task.CompletedTask;
        });
        var hubOnB = new ConcurrentQueue<LiveUpdate>();
        var client = b.CreateClient();
        var token = await (await client.PostAsJsonAsync("/api/v1/auth/token", new { userName = "district", password = "Eldercare#2026" }, TestContext.Current.CancellationToken))
            .Content.ReadFromJsonAsync<EldercareWebFactory.TokenResponse>(TestContext.Current.CancellationToken);
        await using var hub = new HubConnectionBuilder()
            .WithUrl(new Uri(b.Server.BaseAddress, "/hubs/live"), o =>
            {
                o.Transports = HttpTransportType.LongPolling;
                o.HttpMessageHandlerFactory = _ => b.Server.CreateHandler();
                o.AccessTokenProvider = () => Task.FromResult<string?>(token!.AccessToken);
            })
            .Build();
        hub.On<LiveUpdate>("update", hubOnB.Enqueue);
        await hub.StartAsync(TestContext.Current.CancellationToken);
        await hub.InvokeAsync("Join", RegionCatalog.DistrictCode, TestContext.Current.CancellationToken);

        Guid id;
        await using (var scope = a.Services.CreateAsyncScope())
        {
            scope.ServiceProvider.GetRequiredService<CurrentUser>().Set(TestUsers.Village);
            id = (await scope.ServiceProvider.GetRequiredService<IMediator>().Send(NewElder.Command(), TestContext.Current.CancellationToken)).Value;
        }

        // A bounded poll for delivery across processes' worth of plumbing (Redis pub/sub and the backplane).
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        using var tick = new PeriodicTimer(TimeSpan.FromMilliseconds(50));
        while ((onB.IsEmpty || hubOnB.IsEmpty) && await tick.WaitForNextTickAsync(timeout.Token).AsTask().ContinueWith(t => !t.IsCanceled, TaskScheduler.Default))
        {
        }

        Assert.Equal(id.ToString(), Assert.Single(onB).RecordId);
        Assert.Equal(id.ToString(), Assert.Single(hubOnB).RecordId);
    }
}
