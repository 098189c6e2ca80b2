using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Mediator;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using SmartEldercare.Emergency.Alarms;
using SmartEldercare.Emergency.Devices;
using SmartEldercare.Emergency.Features.Devices;
using SmartEldercare.Platform.Identity;
using SmartEldercare.Platform.Persistence;
using SmartEldercare.Platform.Regions;
using SmartEldercare.Tests.Infrastructure;

namespace SmartEldercare.Tests.Emergency;

public sealed class DeviceEventsTests(EldercareWebFactory factory) : IClassFixture<EldercareWebFactory>
{
    private static int serial;

    internal static async Task<(DeviceSecret Secret, Guid ElderId)> RegisterAsync(IServiceProvider services, DeviceKind kind = DeviceKind.SosButton, string village = RegionCatalog.YinglunMingyuanCode)
    {
        await using var scope = services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<CurrentUser>().Set(TestUsers.District);
        var dbs = scope.ServiceProvider.GetRequiredService<IDbContextFactory<EldercareDbContext>>();
        await using var db = await dbs.CreateDbContextAsync(TestContext.Current.CancellationToken);
        var elderId = await db.Elders.Where(e => e.RegionCode == village).Select(e => e.Id).FirstAsync(TestContext.Current.CancellationToken);
        var code = $"T-{Interlocked.Increment(ref serial):D4}-{Guid.NewGuid():N}"[..30];
        var result = await scope.ServiceProvider.GetRequiredService<IMediator>().Send(new RegisterDevice.Command(code, kind, elderId, null, 60), TestContext.Current.CancellationToken);
        Assert.True(result.IsSuccess, result.Message);
        return (result.Value!, elderId);
    }

    private async Task<T> Db<T>(Func<EldercareDbContext, Task<T>> query)
    {
        await using var db = await factory.Services.GetRequiredService<IDbContextFactory<EldercareDbContext>>().CreateDbContextAsync(TestContext.Current.CancellationToken);
        return await query(db);
    }

    private async Task<SignedDevice> NewDeviceAsync()
    {
        var (secret, _) = await RegisterAsync(factory.Services);
        return new SignedDevice(factory.CreateClient(), secret.Code, secret.Secret);
    }

    [Fact]
    public async Task A_signed_sos_is_committed_before_202_and_a_replay_returns_the_first_result_and_creates_nothing()
    {
        var device = await NewDeviceAsync();
        var response = await device.SendAsync(SignedDevice.Event("e-1", "sos"));
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var first = (await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken)).GetProperty("results")[0];
        var alarmId = first.GetProperty("alarmId").GetGuid();
        Assert.False(first.GetProperty("duplicate").GetBoolean());

        var alarm = await Db(db => db.Set<Alarm>().Include(a => a.Steps).SingleAsync(a => a.Id == alarmId));
        Assert.Equal((AlarmType.Sos, AlarmPriority.Critical, AlarmStatus.Raised, RegionCatalog.YinglunMingyuanCode), (alarm.Type, alarm.Priority, alarm.Status, alarm.RegionCode));

        var replay = await device.SendAsync(SignedDevice.Event("e-1", "sos"));
        Assert.Equal(HttpStatusCode.Accepted, replay.StatusCode);
        var again = (await replay.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken)).GetProperty("results")[0];
        Assert.True(again.GetProperty("duplicate").GetBoolean());
        Assert.Equal(alarmId, again.GetProperty("alarmId").GetGuid());
        Assert.Equal(1, await Db(db => db.Set<Alarm>().CountAsync(a => a.DeviceId == alarm.DeviceId)));
    }

    [Fact]
    public async Task A_device_registered_in_lower_case_is_accepted_as_the_installer_typed_its_code()
    {
        await using var scope = factory.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<CurrentUser>().Set(TestUsers.District);
        var elderId = await Db(db => db.Elders.Where(e => e.RegionCode == RegionCatalog.YinglunMingyuanCode).Select(e => e.Id).FirstAsync(TestContext.Current.CancellationToken));
        var typed = $"h2-{Guid.NewGuid():N}"[..20];
        var registered = await scope.ServiceProvider.GetRequiredService<IMediator>().Send(new RegisterDevice.Command(typed, DeviceKind.SosButton, elderId, null, 60), TestContext.Current.CancellationToken);
        Assert.True(registered.IsSuccess, registered.Message);
        Assert.Equal(typed.ToUpperInvariant(), registered.Value!.Code);

        // The device says its code as printed on its label, in any case, with stray spaces.
        var device = new SignedDevice(factory.CreateClient(), typed, registered.Value.Secret);
        Assert.Equal(HttpStatusCode.Accepted, (await device.SendAsync(SignedDevice.Event("lower-1", "heartbeat"))).StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, (await device.SendAsync(SignedDevice.Event("lower-2", "heartbeat"), codeOverride: " " + typed.ToUpperInvariant() + " ")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await device.SendAsync(SignedDevice.Event("lower-3", "heartbeat"), codeOverride: typed + "x")).StatusCode);
    }

    [Fact]
    public async Task A_flood_from_one_address_is_refused_429_before_the_database_and_the_device_is_accepted_again_after()
    {
        var (secret, _) = await RegisterAsync(factory.Services);
        await using var limited = factory.WithWebHostBuilder(b => b.UseSetting("Security:MachineRequestsPerSecond", "2"));
        var device = new SignedDevice(limited.CreateClient(), secret.Code, secret.Secret);
        var answers = new List<HttpResponseMessage>();
        for (var i = 0; i < 12; i++)
        {
            answers.Add(await device.SendAsync(SignedDevice.Event($"flood-{i}", "heartbeat")));
        }

        var refused = answers.Where(a => a.StatusCode == HttpStatusCode.TooManyRequests).ToList();
        Assert.NotEmpty(refused);
        Assert.All(refused, a => Assert.Equal("1", a.Headers.RetryAfter?.ToString()));
        // What was refused was never read or stored: exactly the accepted events are in the database.
        var code = secret.Code;
        Assert.Equal(answers.Count(a => a.StatusCode == HttpStatusCode.Accepted),
            await Db(db => db.Set<DeviceEvent>().CountAsync(e => db.Set<Device>().Any(d => d.Id == e.DeviceId && d.Code == code) && e.EventId.StartsWith("flood-"))));
    }

    [Fact]
    public async Task The_same_event_sent_concurrently_raises_one_alarm()
    {
        var device = await NewDeviceAsync();
        var responses = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => device.SendAsync(SignedDevice.Event("same", "fall"))));
        Assert.All(responses, r => Assert.Equal(HttpStatusCode.Accepted, r.StatusCode));
        var code = device.Code;
        Assert.Equal(1, await Db(db => db.Set<Alarm>().CountAsync(a => db.Set<Device>().Any(d => d.Id == a.DeviceId && d.Code == code))));
        Assert.Equal(1, await Db(db => db.Set<DeviceEvent>().CountAsync(e => db.Set<Device>().Any(d => d.Id == e.DeviceId && d.Code == code))));
    }

    [Fact]
    public async Task Heartbeats_and_readings_update_device_health_without_alarms_and_a_batch_is_one_request()
    {
        var device = await NewDeviceAsync();
        var batch = $$"""{"events":[{{SignedDevice.Event("h-1", "heartbeat", """{"battery":80}""")}},{{SignedDevice.Event("h-2", "heartbeat", """{"battery":7,"temperature":21.5}""")}},{{SignedDevice.Event("t-1", "test")}}]}""";
        Assert.Equal(HttpStatusCode.Accepted, (await device.SendAsync(batch)).StatusCode);
        var code = device.Code;
        var stored = await Db(db => db.Set<Device>().AsNoTracking().SingleAsync(d => d.Code == code));
        Assert.Equal(7, stored.BatteryPercent);
        Assert.True(stored.LastSeenUtc is not null && stored.LastPressUtc is not null);
        Assert.Equal(0, await Db(db => db.Set<Alarm>().CountAsync(a => a.DeviceId == stored.Id)));
    }

    [Fact]
    public async Task Plain_heartbeats_bring_offline_devices_back_and_push_their_silence_deadline_and_an_unchanged_battery_stays()
    {
        var devices = new[] { await NewDeviceAsync(), await NewDeviceAsync(), await NewDeviceAsync() };
        var codes = devices.Select(d => d.Code).ToArray();
        await Db(db => db.Set<Device>().Where(d => codes.Contains(d.Code)).ExecuteUpdateAsync(set => set.SetProperty(d => d.Offline, true).SetProperty(d => d.BatteryPercent, 40), TestContext.Current.CancellationToken));
        var before = DateTime.UtcNow.AddSeconds(-1);
        var responses = await Task.WhenAll(devices.Select((d, i) => d.SendAsync(SignedDevice.Event("p-1", "heartbeat", i == 2 ? """{"battery":40}""" : null))));
        Assert.All(responses, r => Assert.Equal(HttpStatusCode.Accepted, r.StatusCode));
        var stored = await Db(db => db.Set<Device>().AsNoTracking().Where(d => codes.Contains(d.Code)).ToListAsync(TestContext.Current.CancellationToken));
        Assert.Equal(3, stored.Count);
        Assert.All(stored, d =>
        {
            Assert.False(d.Offline);
            Assert.True(d.LastSeenUtc >= before);
            Assert.Equal(d.LastSeenUtc + TimeSpan.FromSeconds(2 * d.HeartbeatSeconds), d.SilentAfterUtc);
            Assert.Equal(40, d.BatteryPercent);
        });
    }

    [Fact]
    public async Task Door_and_water_meter_events_are_signs_of_life_for_the_wellbeing_watch_and_raise_no_alarm()
    {
        var (door, elderId) = await RegisterAsync(factory.Services, DeviceKind.DoorSensor);
        var (meter, meterElder) = await RegisterAsync(factory.Services, DeviceKind.WaterMeter);
        var before = DateTime.UtcNow.AddMinutes(-1);
        Assert.Equal(HttpStatusCode.Accepted, (await new SignedDevice(factory.CreateClient(), door.Code, door.Secret).SendAsync(SignedDevice.Event("d-1", "door"))).StatusCode);
        var water = $$"""{"events":[{{SignedDevice.Event("w-1", "water_usage", """{"litres":12.5}""")}},{{SignedDevice.Event("w-2", "water_usage", """{"litres":3}""")}}]}""";
        Assert.Equal(HttpStatusCode.Accepted, (await new SignedDevice(factory.CreateClient(), meter.Code, meter.Secret).SendAsync(water)).StatusCode);

        var activity = await factory.Services.GetRequiredService<SmartEldercare.Platform.Elders.IElderActivitySource>()
            .ActivityAsync(RegionCatalog.YinglunMingyuanCode, before, before, TestContext.Current.CancellationToken);
        Assert.Contains(activity, a => a.ElderId == elderId && a.LastActivityUtc >= before);
        Assert.Contains(activity, a => a.ElderId == meterElder && a.WaterLitres >= 15.5);
        var codes = new[] { door.Code, meter.Code };
        Assert.Equal(0, await Db(db => db.Set<Alarm>().CountAsync(a => db.Set<Device>().Any(d => d.Id == a.DeviceId && codes.Contains(d.Code)))));
    }

    [Fact]
    public async Task Bad_requests_are_refused_with_the_right_status_and_never_create_anything()
    {
        var device = await NewDeviceAsync();
        var anonymous = factory.CreateClient();
        var stranger = new SignedDevice(anonymous, "NO-SUCH-DEVICE", "whatever");
        var code = device.Code;
        async Task Expect(HttpStatusCode status, Task<HttpResponseMessage> send, string what)
        {
            var response = await send;
            Assert.True(status == response.StatusCode, $"{what}: {response.StatusCode}");
            if (status != HttpStatusCode.Accepted)
            {
                Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            }
        }

        await Expect(HttpStatusCode.Unauthorized, device.SendAsync(SignedDevice.Event("b-1", "sos"), signatureOverride: new string('a', 64)), "wrong signature");
        await Expect(HttpStatusCode.Unauthorized, device.SendAsync(SignedDevice.Event("b-2", "sos"), signatureOverride: string.Empty), "missing signature");
        await Expect(HttpStatusCode.Unauthorized, device.SendAsync(SignedDevice.Event("b-3", "sos"), at: DateTimeOffset.UtcNow.AddMinutes(-6)), "stale timestamp");
        await Expect(HttpStatusCode.Unauthorized, stranger.SendAsync(SignedDevice.Event("b-4", "sos")), "unknown device");
        await Expect(HttpStatusCode.BadRequest, device.SendAsync("{not json"), "malformed JSON");
        await Expect(HttpStatusCode.BadRequest, device.SendAsync(SignedDevice.Event("b-5", "explosion")), "unknown type");
        await Expect(HttpStatusCode.BadRequest, device.SendAsync("""{"type":"sos"}"""), "missing eventId");
        await Expect(HttpStatusCode.BadRequest, device.SendAsync(SignedDevice.Event("b-6", "heartbeat", """{"battery":140}""")), "battery out of range");
        var tooMany = $$"""{"events":[{{string.Join(',', Enumerable.Range(0, 101).Select(i => SignedDevice.Event($"m-{i}", "heartbeat")))}}]}""";
        await Expect(HttpStatusCode.BadRequest, device.SendAsync(tooMany), "batch over 100");
        var huge = SignedDevice.Event("b-7", "heartbeat", $$"""{"note":"{{new string('x', 70 * 1024)}}"}""");
        await Expect(HttpStatusCode.RequestEntityTooLarge, device.SendAsync(huge), "body over 64 KB");
        Assert.Equal(0, await Db(db => db.Set<DeviceEvent>().CountAsync(e => db.Set<Device>().Any(d => d.Id == e.DeviceId && d.Code == code))));

        // Disabled: refused exactly like an unknown device.
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            scope.ServiceProvider.GetRequiredService<CurrentUser>().Set(TestUsers.District);
            var id = await Db(db => db.Set<Device>().Where(d => d.Code == code).Select(d => d.Id).SingleAsync());
            Assert.True((await scope.ServiceProvider.GetRequiredService<IMediator>().Send(new SetDeviceEnabled.Command(id, false), TestContext.Current.CancellationToken)).IsSuccess);
        }

        var disabled = await device.SendAsync(SignedDevice.Event("b-8", "sos"));
        var unknown = await stranger.SendAsync(SignedDevice.Event("b-8", "sos"));
        Assert.Equal((HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized), (disabled.StatusCode, unknown.StatusCode));
        static async Task<string> Title(HttpResponseMessage r) => (await r.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken)).GetProperty("title").GetString()!;
        Assert.Equal(await Title(unknown), await Title(disabled));
    }

    private static async Task SendAsDistrictAsync<T>(IServiceProvider services, Mediator.ICommand<T> command)
    {
        await using var scope = services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<CurrentUser>().Set(TestUsers.District);
        var result = await scope.ServiceProvider.GetRequiredService<IMediator>().Send(command, TestContext.Current.CancellationToken);
        Assert.True(result is SmartEldercare.Platform.Common.Result { IsSuccess: true }, (result as SmartEldercare.Platform.Common.Result)?.Message);
    }

    private async Task<int> StoredEventsAsync(string code, string eventId) =>
        await Db(db => db.Set<DeviceEvent>().CountAsync(e => e.EventId == eventId && db.Set<Device>().Any(d => d.Id == e.DeviceId && d.Code == code)));

    [Fact]
    public async Task A_rotated_secret_is_honoured_at_once_though_the_old_credentials_were_kept()
    {
        var (secret, _) = await RegisterAsync(factory.Services);
        var old = new SignedDevice(factory.CreateClient(), secret.Code, secret.Secret);
        Assert.Equal(HttpStatusCode.Accepted, (await old.SendAsync(SignedDevice.Event("r-1", "heartbeat"))).StatusCode); // now kept

        DeviceSecret? rotated = null;
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            scope.ServiceProvider.GetRequiredService<CurrentUser>().Set(TestUsers.District);
            var result = await scope.ServiceProvider.GetRequiredService<IMediator>().Send(new RotateDeviceSecret.Command(secret.Id), TestContext.Current.CancellationToken);
            Assert.True(result.IsSuccess, result.Message);
            rotated = result.Value;
        }

        var renewed = new SignedDevice(factory.CreateClient(), secret.Code, rotated!.Secret);
        Assert.Equal(HttpStatusCode.Accepted, (await renewed.SendAsync(SignedDevice.Event("r-2", "sos"))).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await old.SendAsync(SignedDevice.Event("r-3", "sos"))).StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, (await renewed.SendAsync(SignedDevice.Event("r-4", "heartbeat"))).StatusCode);
        Assert.Equal((1, 0), (await StoredEventsAsync(secret.Code, "r-2"), await StoredEventsAsync(secret.Code, "r-3")));
    }

    [Fact]
    public async Task A_device_rebound_while_its_credentials_were_kept_raises_its_next_alarm_in_the_new_region()
    {
        var (secret, _) = await RegisterAsync(factory.Services);
        var device = new SignedDevice(factory.CreateClient(), secret.Code, secret.Secret);
        Assert.Equal(HttpStatusCode.Accepted, (await device.SendAsync(SignedDevice.Event("m-1", "heartbeat"))).StatusCode); // now kept

        var elsewhere = await Db(db => db.Elders.Where(e => e.RegionCode == RegionCatalog.XihuayuanCode && e.Status == SmartEldercare.Platform.Elders.ElderStatus.Active).Select(e => e.Id).FirstAsync(TestContext.Current.CancellationToken));
        await SendAsDistrictAsync(factory.Services, new BindDevice.Command(secret.Id, elsewhere, null));

        // The commit sees the version moved, the endpoint checks the signature again (same secret) and commits.
        var response = await device.SendAsync(SignedDevice.Event("m-2", "sos"));
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var alarmId = (await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken)).GetProperty("results")[0].GetProperty("alarmId").GetGuid();
        var alarm = await Db(db => db.Set<Alarm>().AsNoTracking().SingleAsync(a => a.Id == alarmId));
        Assert.Equal((RegionCatalog.XihuayuanCode, (Guid?)elsewhere), (alarm.RegionCode, alarm.ElderId));
        Assert.Equal(1, await StoredEventsAsync(secret.Code, "m-2"));
    }

    [Fact]
    public async Task A_device_disabled_on_another_instance_is_refused_by_one_that_kept_its_credentials()
    {
        var (secret, _) = await RegisterAsync(factory.Services);
        var device = new SignedDevice(factory.CreateClient(), secret.Code, secret.Secret);
        Assert.Equal(HttpStatusCode.Accepted, (await device.SendAsync(SignedDevice.Event("i-1", "heartbeat"))).StatusCode);
        Assert.True(factory.Services.GetRequiredService<SmartEldercare.Emergency.Features.Ingest.DeviceAuthenticator>().Kept > 0);

        // A second instance of the app on the same database (nothing is sent between the two).
        await using var other = factory.WithWebHostBuilder(_ => { });
        await SendAsDistrictAsync(other.Services, new SetDeviceEnabled.Command(secret.Id, false));

        var refused = await device.SendAsync(SignedDevice.Event("i-2", "sos"));
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.Equal(0, await StoredEventsAsync(secret.Code, "i-2"));
        Assert.Equal(0, await Db(db => db.Set<Alarm>().CountAsync(a => a.DeviceId == secret.Id && a.Type == AlarmType.Sos, TestContext.Current.CancellationToken)));

        // Enabled again (there too): accepted again.
        await SendAsDistrictAsync(other.Services, new SetDeviceEnabled.Command(secret.Id, true));
        Assert.Equal(HttpStatusCode.Accepted, (await device.SendAsync(SignedDevice.Event("i-3", "heartbeat"))).StatusCode);
    }

    [Fact]
    public async Task A_dispatcher_sends_a_responder_who_covers_the_region_and_no_one_else()
    {
        var ct = TestContext.Current.CancellationToken;
        var street = await factory.ClientFor("street");
        var elders = await street.GetFromJsonAsync<JsonElement>($"/api/v1/elders?region={RegionCatalog.YinglunMingyuanCode}&pageSize=1", ct);
        var created = await street.PostAsJsonAsync("/api/v1/alarms", new { elderId = elders.GetProperty("items")[0].GetProperty("id").GetGuid(), type = "Fall", note = "家属来电" }, ct);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var alarmId = (await created.Content.ReadFromJsonAsync<JsonElement>(ct)).GetProperty("id").GetGuid();

        var responders = await street.GetFromJsonAsync<JsonElement>($"/api/v1/alarms/{alarmId}/responders", ct);
        await using var scope = factory.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<AppUser>>();
        var responder = (await users.FindByNameAsync("responder"))!;
        var outsider = (await users.FindByNameAsync("street2"))!;
        var ids = responders.EnumerateArray().Select(r => r.GetProperty("id").GetGuid()).ToList();
        Assert.Contains(responder.Id, ids);
        Assert.DoesNotContain(outsider.Id, ids);

        var refused = await street.PostAsJsonAsync($"/api/v1/alarms/{alarmId}/dispatch", new { responderId = outsider.Id }, ct);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var sent = await street.PostAsJsonAsync($"/api/v1/alarms/{alarmId}/dispatch", new { responderId = responder.Id, note = "就近" }, ct);
        Assert.True(sent.IsSuccessStatusCode, await sent.Content.ReadAsStringAsync(ct));
        var alarm = await street.GetFromJsonAsync<JsonElement>($"/api/v1/alarms/{alarmId}", ct);
        Assert.Equal(responder.DisplayName, alarm.GetProperty("responderName").GetString());
        Assert.Equal("Dispatched", alarm.GetProperty("status").GetString());

        // The responder sees it as theirs.
        var mine = await (await factory.ClientFor("responder")).GetFromJsonAsync<JsonElement>("/api/v1/alarms?mine=true", ct);
        Assert.Contains(mine.EnumerateArray(), a => a.GetProperty("id").GetGuid() == alarmId);
    }
}


/// <summary>The database goes away under a device: 503 with Retry-After, and the device's retry later lands exactly once.</summary>
public sealed class DeviceEventsOutageTests
{
    /// <summary>The app on a SQLite file of the test's own, so the test can lock the database under it.</summary>
    internal sealed class App(string connectionString) : WebApplicationFactory<Program>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseEnvironment("Development");
            builder.ConfigureLogging(l => l.SetMinimumLevel(LogLevel.Critical));
            builder.UseSetting("Database:Provider", "Sqlite");
            builder.UseSetting("Database:ConnectionString", connectionString);
            builder.UseSetting("Seed:Demo", "true");
            builder.UseSetting("Seed:Elders", "60");
        }
    }

    [Fact]
    public async Task While_the_database_is_locked_a_device_gets_503_and_its_retry_succeeds_once()
    {
        var connectionString = await TestDatabases.CreateAsync(TestProvider.Sqlite) + ";Default Timeout=1";
        await using var app = new App(connectionString);
        var (secret, _) = await DeviceEventsTests.RegisterAsync(app.Services);
        var device = new SignedDevice(app.CreateClient(), secret.Code, secret.Secret);

        await using (var holder = new SqliteConnection(connectionString))
        {
            await holder.OpenAsync(TestContext.Current.CancellationToken);
            await using var lockIt = holder.CreateCommand();
            lockIt.CommandText = "BEGIN EXCLUSIVE";
            await lockIt.ExecuteNonQueryAsync(TestContext.Current.CancellationToken);

            var refused = await device.SendAsync(SignedDevice.Event("o-1", "sos"));
            Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
            Assert.NotNull(refused.Headers.RetryAfter);
        }

        var retried = await device.SendAsync(SignedDevice.Event("o-1", "sos"));
        Assert.Equal(HttpStatusCode.Accepted, retried.StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, (await device.SendAsync(SignedDevice.Event("o-1", "sos"))).StatusCode);
        await using var db = await app.Services.GetRequiredService<IDbContextFactory<EldercareDbContext>>().CreateDbContextAsync(TestContext.Current.CancellationToken);
        var code = secret.Code;
        Assert.Equal(1, await db.Set<Alarm>().CountAsync(a => db.Set<Device>().Any(d => d.Id == a.DeviceId && d.Code == code), TestContext.Current.CancellationToken));
    }
}
