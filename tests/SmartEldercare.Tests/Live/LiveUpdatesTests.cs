using System.Collections.Concurrent;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using SmartEldercare.Platform.Live;
using SmartEldercare.Platform.Regions;
using SmartEldercare.Tests.Infrastructure;

namespace SmartEldercare.Tests.Live;

public sealed class InProcessLiveUpdatesTests
{
    [Fact]
    public void Update_ids_made_in_one_instant_keep_the_order_they_were_made_in()
    {
        var ids = Enumerable.Range(0, 5000).Select(_ => LiveUpdate.NewId()).ToList();
        Assert.Equal(ids, ids.Order());
        Assert.Equal(ids.Count, ids.Distinct().Count());
        Assert.All(ids, id => Assert.Equal(7, id.Version));
    }

    [Fact]
    public async Task A_village_change_reaches_the_village_its_street_and_the_district_and_no_other_scope()
    {
        await using var app = await SliceFixture.CreateAsync();
        var live = app.Services.GetRequiredService<ILiveUpdates>();
        var received = new ConcurrentDictionary<string, List<LiveUpdate>>();
        var subscriptions = new[] { RegionCatalog.YinglunMingyuanCode, RegionCatalog.YangliuqingCode, RegionCatalog.DistrictCode, RegionCatalog.ZhongbeiCode, TestUsers.YangliuqingVillage2 }
            .Select(scope => live.Subscribe(scope, u =>
            {
                received.GetOrAdd(scope, _ => []).Add(u);
                return Task.CompletedTask;
            }))
            .ToList();

        var id = (await app.As(TestUsers.Village, m => m.Send(NewElder.Command()))).Value;

        foreach (var scope in new[] { RegionCatalog.YinglunMingyuanCode, RegionCatalog.YangliuqingCode, RegionCatalog.DistrictCode })
        {
            var update = Assert.Single(received[scope]);
            Assert.Equal(("elder.registered", id.ToString(), RegionCatalog.YinglunMingyuanCode), (update.Topic, update.RecordId, update.RegionCode));
        }

        Assert.False(received.ContainsKey(RegionCatalog.ZhongbeiCode));
        Assert.False(received.ContainsKey(TestUsers.YangliuqingVillage2));

        subscriptions[0].Dispose();
        app.Clock.Advance(TimeSpan.FromSeconds(1));
        await app.As(TestUsers.Village, m => m.Send(NewElder.Command(name: "李四")));
        Assert.Single(received[RegionCatalog.YinglunMingyuanCode]); // unsubscribed: nothing more
        Assert.Equal(2, received[RegionCatalog.DistrictCode].Count);
        subscriptions.ForEach(s => s.Dispose());

        // The feed a console reloads after a reconnect comes from the database, in scope, newest first.
        var streetFeed = await app.As(TestUsers.Street, m => m.Send(new SmartEldercare.Platform.Features.Console.GetLiveFeed.Query()));
        var street2Feed = await app.As(TestUsers.Street2, m => m.Send(new SmartEldercare.Platform.Features.Console.GetLiveFeed.Query()));
        Assert.Equal(2, streetFeed.Count);
        Assert.Equal(received[RegionCatalog.DistrictCode].Select(u => u.Id).Reverse(), streetFeed.Select(u => u.Id));
        Assert.Empty(street2Feed);
    }
}

public sealed class LiveHubTests(EldercareWebFactory factory) : IClassFixture<EldercareWebFactory>
{
    private async Task<HubConnection> Connect(string user, ConcurrentQueue<LiveUpdate> inbox)
    {
        var client = await factory.ClientFor(user);
        var token = client.DefaultRequestHeaders.Authorization!.Parameter!;
        var connection = new HubConnectionBuilder()
            .WithUrl(new Uri(factory.Server.BaseAddress, "/hubs/live"), o =>
            {
                o.Transports = HttpTransportType.LongPolling;
                o.HttpMessageHandlerFactory = _ => factory.Server.CreateHandler();
                o.AccessTokenProvider = () => Task.FromResult<string?>(token);
            })
            .Build();
        connection.On<LiveUpdate>("update", inbox.Enqueue);
        await connection.StartAsync(TestContext.Current.CancellationToken);
        return connection;
    }

    private static async Task Until(Func<bool> condition)
    {
        // A bounded poll for a real network event, not a timed sleep standing in for one.
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        using var tick = new PeriodicTimer(TimeSpan.FromMilliseconds(50));
        while (!condition())
        {
            Assert.True(await tick.WaitForNextTickAsync(timeout.Token).AsTask().ContinueWith(t => !t.IsCanceled, TaskScheduler.Default), "timed out waiting for live updates");
        }
    }

    [Fact]
    public async Task Hub_clients_get_updates_of_their_scope_only()
    {
        var inboxes = new Dictionary<string, ConcurrentQueue<LiveUpdate>>();
        var connections = new List<HubConnection>();
        foreach (var (user, scope) in new[] { ("village", RegionCatalog.YinglunMingyuanCode), ("street", RegionCatalog.YangliuqingCode), ("district", RegionCatalog.DistrictCode), ("street2", RegionCatalog.ZhongbeiCode) })
        {
            inboxes[user] = new ConcurrentQueue<LiveUpdate>();
            var connection = await Connect(user, inboxes[user]);
            await connection.InvokeAsync("Join", scope, TestContext.Current.CancellationToken);
            connections.Add(connection);
        }

        var village = await factory.ClientFor("village");
        var created = await village.PostAsJsonAsync("/api/v1/elders", new
        {
            name = "实时测试", idNumber = NewElder.IdNumber(new DateOnly(1943, 1, 2)), regionCode = RegionCatalog.YinglunMingyuanCode,
            emergencyContacts = new[] { new { name = "家属", relation = "儿子", phone = "13912345678" } },
        }, TestContext.Current.CancellationToken);
        created.EnsureSuccessStatusCode();
        var district = await factory.ClientFor("district");
        var other = await district.PostAsJsonAsync("/api/v1/elders", new
        {
            name = "中北测试", idNumber = NewElder.IdNumber(new DateOnly(1943, 1, 3)), regionCode = RegionCatalog.XihuayuanCode,
            emergencyContacts = new[] { new { name = "家属", relation = "女儿", phone = "13912345679" } },
        }, TestContext.Current.CancellationToken);
        other.EnsureSuccessStatusCode();

        await Until(() => !inboxes["village"].IsEmpty && !inboxes["street"].IsEmpty && inboxes["district"].Count >= 2 && !inboxes["street2"].IsEmpty);

        Assert.Equal(RegionCatalog.YinglunMingyuanCode, Assert.Single(inboxes["village"]).RegionCode);
        Assert.Equal(RegionCatalog.YinglunMingyuanCode, Assert.Single(inboxes["street"]).RegionCode);
        Assert.Equal(RegionCatalog.XihuayuanCode, Assert.Single(inboxes["street2"]).RegionCode);
        foreach (var connection in connections)
        {
            await connection.DisposeAsync();
        }
    }

    [Fact]
    public async Task Joining_a_region_outside_the_scope_is_refused_and_audited()
    {
        var anonymous = await factory.CreateClient().PostAsync(new Uri("/hubs/live/negotiate?negotiateVersion=1", UriKind.Relative), null, TestContext.Current.CancellationToken);
        Assert.Equal(System.Net.HttpStatusCode.Unauthorized, anonymous.StatusCode);

        var connection = await Connect("village", new ConcurrentQueue<LiveUpdate>());

        await Assert.ThrowsAsync<HubException>(() => connection.InvokeAsync("Join", RegionCatalog.ZhongbeiCode, TestContext.Current.CancellationToken));
        await Assert.ThrowsAsync<HubException>(() => connection.InvokeAsync("Join", RegionCatalog.DistrictCode, TestContext.Current.CancellationToken));

        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SmartEldercare.Platform.Persistence.EldercareDbContext>();
        Assert.Contains(db.AuditEntries.Where(a => a.Action == "Live.Join" && a.UserName == "village").ToList(),
            a => a.RecordId == RegionCatalog.ZhongbeiCode && a.Outcome == SmartEldercare.Platform.Auditing.AuditOutcome.Refused);
        await connection.DisposeAsync();
    }
}
