using System.Collections.Concurrent;
using System.Net.Http.Json;
using Mediator;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using SmartEldercare.Platform.Features.Console;
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
            builder.UseSetting("Live:FallbackReloadSeconds", "1");
        }
    }

    private static string RequireRedis()
    {
        var redis = Environment.GetEnvironmentVariable("ELDERCARE_TEST_REDIS");
        if (string.IsNullOrEmpty(redis))
        {
            if (CiEnvironment.IsCi)
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

        await Eventually.Until(() => !onB.IsEmpty && !hubOnB.IsEmpty, "the update on instance B");
        Assert.Equal(id.ToString(), Assert.Single(onB).RecordId);
        Assert.Equal(id.ToString(), Assert.Single(hubOnB).RecordId);
    }

    [Fact]
    public async Task While_redis_is_down_the_console_on_the_other_instance_catches_up_from_the_database_and_pushes_resume_after_restart()
    {
        RequireRedis();
        using var redis = await RedisServerProcess.StartAsync();
        var connectionString = await TestDatabases.CreateAsync(TestProvider.Sqlite);
        await using var a = new Instance(connectionString, redis.Configuration);
        _ = a.Server;
        await using var b = new Instance(connectionString, redis.Configuration);
        _ = b.Server;
        var liveA = a.Services.GetRequiredService<ILiveUpdates>();
        var liveB = b.Services.GetRequiredService<ILiveUpdates>();
        await Eventually.Until(() => !liveA.IsDegraded && !liveB.IsDegraded, "both instances on Redis");

        // The district console on B, its work serialized the way a circuit serializes a component's.
        await using var consoleScope = b.Services.CreateAsyncScope();
        consoleScope.ServiceProvider.GetRequiredService<CurrentUser>().Set(TestUsers.District);
        var mediatorB = consoleScope.ServiceProvider.GetRequiredService<IMediator>();
        var console = consoleScope.ServiceProvider.GetRequiredService<LiveConsole>();
        using var gate = new SemaphoreSlim(1, 1);
        async Task Serially(Func<Task> work)
        {
            await gate.WaitAsync();
            try
            {
                await work();
            }
            finally
            {
                gate.Release();
            }
        }

        await Serially(() => console.StartAsync(RegionCatalog.DistrictCode, new ConsoleLoaders(
            async ct => await mediatorB.Send(new GetLiveFeed.Query(LiveConsole.FeedSize), ct),
            async ct => await mediatorB.Send(new GetScopeOverview.Query(), ct)), Serially, () => { }));
        var active = console.Figures!.ActiveElders;
        bool Shows(Guid id) => console.Feed.Any(f => f.RecordId == id.ToString());

        var first = await RegisterOn(a);
        await Eventually.Until(() => Shows(first), "the push from A");

        redis.Stop();
        await Eventually.Until(() => liveA.IsDegraded && liveB.IsDegraded, "both instances to notice the outage");
        var duringOutage = await RegisterOn(a); // A keeps working; nothing crosses to B by push
        await Eventually.Until(() => Shows(duringOutage), "B's console to reload from the database");
        Assert.True(console.Degraded);
        Assert.Equal(active + 2, console.Figures!.ActiveElders);

        await redis.StartAgainAsync();
        await Eventually.Until(() => !liveA.IsDegraded && !liveB.IsDegraded, "both instances back on Redis", seconds: 60);
        var pushedOnB = new ConcurrentQueue<LiveUpdate>();
        using var subscription = liveB.Subscribe(RegionCatalog.DistrictCode, u =>
        {
            pushedOnB.Enqueue(u);
            return Task.CompletedTask;
        });
        var afterRestart = await RegisterOn(a);
        await Eventually.Until(() => pushedOnB.Any(u => u.RecordId == afterRestart.ToString()) && Shows(afterRestart), "pushes across instances again");
        Assert.True(Shows(first) && Shows(duringOutage));
        await Eventually.Until(() => console.Figures!.ActiveElders == active + 3, "the figures to hold all three");
        await Serially(() =>
        {
            console.Dispose();
            return Task.CompletedTask;
        });
    }

    private static async Task<Guid> RegisterOn(Instance instance)
    {
        await using var scope = instance.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<CurrentUser>().Set(TestUsers.Village);
        var saved = await scope.ServiceProvider.GetRequiredService<IMediator>().Send(NewElder.Command(), TestContext.Current.CancellationToken);
        Assert.True(saved.IsSuccess);
        return saved.Value;
    }
}
