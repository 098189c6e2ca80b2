using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SmartEldercare.Emergency.Alarms;
using SmartEldercare.Emergency.Devices;
using SmartEldercare.Emergency.Features.Ingest;
using SmartEldercare.Platform.Persistence;
using SmartEldercare.Tests.Infrastructure;

namespace SmartEldercare.Tests.Emergency;

/// <summary>
/// Requests that arrive while a commit runs are committed together by the next one, and each is still answered only
/// after its own events are stored, with its own results.
/// </summary>
public sealed class GroupCommitTests
{
    private static async Task<SqliteConnection> LockAsync(string connectionString)
    {
        var holder = new SqliteConnection(connectionString);
        await holder.OpenAsync(TestContext.Current.CancellationToken);
        await using var lockIt = holder.CreateCommand();
        lockIt.CommandText = "BEGIN EXCLUSIVE";
        await lockIt.ExecuteNonQueryAsync(TestContext.Current.CancellationToken);
        return holder;
    }

    private static async Task<List<SignedDevice>> RegisterDevicesAsync(DeviceEventsOutageTests.App app, int count)
    {
        var devices = new List<SignedDevice>();
        for (var i = 0; i < count; i++)
        {
            var (secret, _) = await DeviceEventsTests.RegisterAsync(app.Services);
            devices.Add(new SignedDevice(app.CreateClient(), secret.Code, secret.Secret));
        }

        return devices;
    }

    private static async Task<JsonElement> ResultsOf(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken)).GetProperty("results");
    }

    [Fact]
    public async Task Requests_queued_behind_a_commit_are_committed_together_each_with_its_own_answer()
    {
        var connectionString = await TestDatabases.CreateAsync(TestProvider.Sqlite) + ";Default Timeout=120";
        await using var app = new DeviceEventsOutageTests.App(connectionString);
        var devices = await RegisterDevicesAsync(app, 4);

        var ingestor = app.Services.GetRequiredService<DeviceEventIngestor>();
        var commitsBefore = ingestor.Commits;
        Task<HttpResponseMessage> first;
        var queued = new List<(SignedDevice Device, string EventId, Task<HttpResponseMessage> Response)>();
        await using (var holder = await LockAsync(connectionString))
        {
            // The first request takes the writer's turn and waits for the lock; everything after it queues.
            first = devices[0].SendAsync(SignedDevice.Event("g-0", "heartbeat", """{"battery":55}"""));
            await Eventually.Until(() => ingestor.Writing == 1 && ingestor.Queued == 0 && !first.IsCompleted, "the first request is committing");
            foreach (var (device, index) in devices.Select((d, i) => (d, i)))
            {
                queued.Add((device, "g-sos", device.SendAsync(SignedDevice.Event("g-sos", "sos"))));
                queued.Add((device, "g-hb", device.SendAsync(SignedDevice.Event("g-hb", "heartbeat", $$"""{"battery":{{20 + index}}}"""))));
            }

            // The same event twice from one device, in the same group: stored once, the second answered as a replay.
            queued.Add((devices[1], "g-sos", devices[1].SendAsync(SignedDevice.Event("g-sos", "sos"))));
            await Eventually.Until(() => ingestor.Queued == queued.Count, "every other request is queued");
            Assert.False(first.IsCompleted, "answered before its events could be committed");
            Assert.All(queued, q => Assert.False(q.Response.IsCompleted));
        }

        await ResultsOf(await first);
        var answers = new List<(SignedDevice Device, string EventId, JsonElement Result)>();
        foreach (var (device, eventId, response) in queued)
        {
            answers.Add((device, eventId, (await ResultsOf(await response))[0]));
        }

        // One commit for the first request, one for all the others.
        Assert.Equal(commitsBefore + 2, ingestor.Commits);

        await using var db = await app.Services.GetRequiredService<IDbContextFactory<EldercareDbContext>>().CreateDbContextAsync(TestContext.Current.CancellationToken);
        foreach (var (device, index) in devices.Select((d, i) => (d, i)))
        {
            var code = device.Code;
            var stored = await db.Set<Device>().AsNoTracking().SingleAsync(d => d.Code == code, TestContext.Current.CancellationToken);
            Assert.Equal(20 + index, stored.BatteryPercent);
            Assert.NotNull(stored.LastPressUtc);
            var alarms = await db.Set<Alarm>().Where(a => a.DeviceId == stored.Id).Select(a => a.Id).ToListAsync(TestContext.Current.CancellationToken);
            var alarm = Assert.Single(alarms);
            var sos = answers.Where(a => a.Device == device && a.EventId == "g-sos").Select(a => a.Result).ToList();
            Assert.All(sos, r => Assert.Equal(alarm, r.GetProperty("alarmId").GetGuid()));
            Assert.Equal(1, sos.Count(r => !r.GetProperty("duplicate").GetBoolean()));
            Assert.Equal(device == devices[1] ? 1 : 0, sos.Count(r => r.GetProperty("duplicate").GetBoolean()));
            Assert.Equal(index == 0 ? 3 : 2, await db.Set<DeviceEvent>().CountAsync(e => e.DeviceId == stored.Id, TestContext.Current.CancellationToken));
        }
    }

    [Fact]
    public async Task A_replay_committed_with_new_events_is_answered_with_its_first_alarm_and_the_others_are_stored_once()
    {
        // The group's one read finds the stored event (per device, by its index range) among new events of other devices.
        var connectionString = await TestDatabases.CreateAsync(TestProvider.Sqlite) + ";Default Timeout=120";
        await using var app = new DeviceEventsOutageTests.App(connectionString);
        var devices = await RegisterDevicesAsync(app, 3);

        var firstAlarm = (await ResultsOf(await devices[0].SendAsync(SignedDevice.Event("r-1", "sos")))).EnumerateArray().Single().GetProperty("alarmId").GetGuid();
        var ingestor = app.Services.GetRequiredService<DeviceEventIngestor>();
        var commitsBefore = ingestor.Commits;
        Task<HttpResponseMessage> opener, replay, fall, heartbeat;
        await using (var holder = await LockAsync(connectionString))
        {
            opener = devices[2].SendAsync(SignedDevice.Event("r-0", "heartbeat"));
            await Eventually.Until(() => ingestor.Writing == 1 && ingestor.Queued == 0 && !opener.IsCompleted, "the first request is committing");
            replay = devices[0].SendAsync(SignedDevice.Event("r-1", "sos"));
            fall = devices[1].SendAsync(SignedDevice.Event("r-2", "fall"));
            heartbeat = devices[2].SendAsync(SignedDevice.Event("r-3", "heartbeat", """{"battery":42}"""));
            await Eventually.Until(() => ingestor.Queued == 3, "the replay and two new events are queued together");
        }

        await ResultsOf(await opener);
        var replayed = (await ResultsOf(await replay))[0];
        Assert.True(replayed.GetProperty("duplicate").GetBoolean());
        Assert.Equal(firstAlarm, replayed.GetProperty("alarmId").GetGuid());
        var fallen = (await ResultsOf(await fall))[0];
        Assert.False(fallen.GetProperty("duplicate").GetBoolean());
        Assert.False((await ResultsOf(await heartbeat))[0].GetProperty("duplicate").GetBoolean());
        // The opener, then the group in one transaction: the replay did not make it fail.
        Assert.Equal(commitsBefore + 2, ingestor.Commits);

        await using var db = await app.Services.GetRequiredService<IDbContextFactory<EldercareDbContext>>().CreateDbContextAsync(TestContext.Current.CancellationToken);
        var stored = new List<Device>();
        foreach (var device in devices)
        {
            var code = device.Code;
            stored.Add(await db.Set<Device>().AsNoTracking().SingleAsync(d => d.Code == code, TestContext.Current.CancellationToken));
        }

        var ids = stored.Select(d => d.Id).ToList();
        var events = await db.Set<DeviceEvent>().AsNoTracking().Where(e => ids.Contains(e.DeviceId)).ToListAsync(TestContext.Current.CancellationToken);
        Assert.Equal(["r-1"], events.Where(e => e.DeviceId == ids[0]).Select(e => e.EventId));
        Assert.Equal(["r-2"], events.Where(e => e.DeviceId == ids[1]).Select(e => e.EventId));
        Assert.Equal(["r-0", "r-3"], events.Where(e => e.DeviceId == ids[2]).Select(e => e.EventId).Order(StringComparer.Ordinal));
        var nullableIds = ids.Select(id => (Guid?)id).ToList();
        var alarms = await db.Set<Alarm>().Where(a => nullableIds.Contains(a.DeviceId)).Select(a => a.Id).ToListAsync(TestContext.Current.CancellationToken);
        Assert.Equal(new[] { firstAlarm, fallen.GetProperty("alarmId").GetGuid() }.Order(), alarms.Order());
        Assert.Equal(42, stored[2].BatteryPercent);
    }

    [Fact]
    public async Task Two_instances_sending_the_same_event_at_once_store_it_once_and_both_answer_it()
    {
        // Two app instances on one database: their queues are separate, so only the unique index decides.
        var connectionString = await TestDatabases.CreateAsync(TestProvider.Sqlite) + ";Default Timeout=120";
        await using var one = new DeviceEventsOutageTests.App(connectionString);
        var (secret, _) = await DeviceEventsTests.RegisterAsync(one.Services);
        var (other, _) = await DeviceEventsTests.RegisterAsync(one.Services);
        await using var two = new DeviceEventsOutageTests.App(connectionString);
        var viaOne = new SignedDevice(one.CreateClient(), secret.Code, secret.Secret);
        var viaTwo = new SignedDevice(two.CreateClient(), secret.Code, secret.Secret);
        var otherViaOne = new SignedDevice(one.CreateClient(), other.Code, other.Secret);
        var ingestorOne = one.Services.GetRequiredService<DeviceEventIngestor>();
        var ingestorTwo = two.Services.GetRequiredService<DeviceEventIngestor>();

        Task<HttpResponseMessage> opener, same1, same2, bystander;
        await using (var holder = await LockAsync(connectionString))
        {
            opener = otherViaOne.SendAsync(SignedDevice.Event("x-0", "heartbeat"));
            await Eventually.Until(() => ingestorOne.Writing == 1 && ingestorOne.Queued == 0 && !opener.IsCompleted, "instance one is committing");
            // Instance one groups the duplicate with a bystander's event; instance two commits it alone.
            same1 = viaOne.SendAsync(SignedDevice.Event("x-1", "fall"));
            bystander = otherViaOne.SendAsync(SignedDevice.Event("x-2", "smoke"));
            same2 = viaTwo.SendAsync(SignedDevice.Event("x-1", "fall"));
            await Eventually.Until(() => ingestorOne.Queued == 2 && ingestorTwo.Writing == 1 && ingestorTwo.Queued == 0, "both instances hold the event");
        }

        await ResultsOf(await opener);
        var a = (await ResultsOf(await same1))[0];
        var b = (await ResultsOf(await same2))[0];
        var smoke = (await ResultsOf(await bystander))[0];
        Assert.Equal(a.GetProperty("alarmId").GetGuid(), b.GetProperty("alarmId").GetGuid());
        Assert.Equal(1, new[] { a, b }.Count(r => r.GetProperty("duplicate").GetBoolean()));
        Assert.False(smoke.GetProperty("duplicate").GetBoolean());

        await using var db = await one.Services.GetRequiredService<IDbContextFactory<EldercareDbContext>>().CreateDbContextAsync(TestContext.Current.CancellationToken);
        var code = secret.Code;
        Assert.Equal(1, await db.Set<Alarm>().CountAsync(x => db.Set<Device>().Any(d => d.Id == x.DeviceId && d.Code == code), TestContext.Current.CancellationToken));
        var otherCode = other.Code;
        Assert.Equal(1, await db.Set<Alarm>().CountAsync(x => db.Set<Device>().Any(d => d.Id == x.DeviceId && d.Code == otherCode), TestContext.Current.CancellationToken));
    }
}
