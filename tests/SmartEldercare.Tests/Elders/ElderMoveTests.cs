using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SmartEldercare.Card.Cards;
using SmartEldercare.Card.Features.Cards;
using SmartEldercare.Emergency.Devices;
using SmartEldercare.Emergency.Features.Devices;
using SmartEldercare.HealthLink.Partners;
using SmartEldercare.HomeService.Features.Elders;
using SmartEldercare.HomeService.Orders;
using SmartEldercare.Platform.Features.Elders;
using SmartEldercare.Platform.Persistence;
using SmartEldercare.Platform.Privacy;
using SmartEldercare.Platform.Regions;
using SmartEldercare.Social.Activities;
using SmartEldercare.Social.Features.Activities;
using SmartEldercare.Tests.Infrastructure;
using SmartEldercare.Welfare.Away;
using SmartEldercare.Welfare.Features.Away;

namespace SmartEldercare.Tests.Elders;

/// <summary>
/// Records follow the elder (issue 25.2): an elder moved from 杨柳青镇 (英伦名苑) to 中北镇 (西华园) takes each module's
/// records of the elder along in the move's transaction, and the old street no longer sees them. Run on both providers.
/// </summary>
public abstract class ElderMoveTests(TestProvider provider) : IAsyncLifetime
{
    private const string From = RegionCatalog.YinglunMingyuanCode;
    private const string To = RegionCatalog.XihuayuanCode;
    private SliceFixture app = null!;

    public async ValueTask InitializeAsync() => app = await SliceFixture.CreateAsync(provider);

    public async ValueTask DisposeAsync()
    {
        await app.DisposeAsync();
        GC.SuppressFinalize(this);
    }

    private async Task<Guid> ElderAsync()
    {
        var saved = await app.As(TestUsers.District, m => m.Send(NewElder.Command(region: From)));
        Assert.True(saved.IsSuccess, saved.Message);
        return saved.Value;
    }

    private async Task MoveAsync(Guid elderId, string to = To)
    {
        var details = (await app.As(TestUsers.District, m => m.Send(new GetElder.Query(elderId)))).Value!;
        var moved = await app.As(TestUsers.District, m => m.Send(new SaveElder.Command
        {
            Id = elderId, Version = details.Version, Name = details.Name, RegionCode = to, CareLevel = details.CareLevel, LivingSituation = details.LivingSituation,
            EmergencyContacts = [.. details.EmergencyContacts.Select(c => new SaveElder.ContactInput { Id = c.Id, Name = c.Name, Relation = c.Relation })],
        }));
        Assert.True(moved.IsSuccess, moved.Message);
    }

    private Task<T> Db<T>(Func<EldercareDbContext, Task<T>> query) => app.Db(query);

    [Fact]
    public async Task The_elders_devices_move_so_the_next_alarm_is_the_new_villages()
    {
        var elder = await ElderAsync();
        var registered = await app.As(TestUsers.District, m => m.Send(new RegisterDevice.Command("MOVE-SOS-1", DeviceKind.SosButton, elder, null)));
        Assert.True(registered.IsSuccess, registered.Message);

        await MoveAsync(elder);

        Assert.Equal(To, await Db(db => db.Set<Device>().Where(d => d.ElderId == elder).Select(d => d.RegionCode).SingleAsync(TestContext.Current.CancellationToken)));
        Assert.False(await Db(db => db.Set<Device>().InRegion(RegionCatalog.YangliuqingCode).AnyAsync(d => d.ElderId == elder, TestContext.Current.CancellationToken)));
    }

    [Fact]
    public async Task The_elders_cards_move_and_the_paid_ledger_stays_where_it_was_paid()
    {
        var elder = await ElderAsync();
        var issued = await app.As(TestUsers.District, m => m.Send(new IssueCard.Command(elder)));
        Assert.True(issued.IsSuccess, issued.Message);

        await MoveAsync(elder);

        Assert.Equal(To, await Db(db => db.Set<ServiceCard>().Where(c => c.ElderId == elder).Select(c => c.RegionCode).SingleAsync(TestContext.Current.CancellationToken)));
    }

    [Fact]
    public async Task The_elders_hospital_stays_move_with_the_home_services()
    {
        var elder = await ElderAsync();
        var today = DateOnly.FromDateTime(app.Clock.GetUtcNow().UtcDateTime);
        var recorded = await app.As(TestUsers.District, m => m.Send(new RecordHospitalStay.Command(elder, today.AddDays(-2), null, "肺炎")));
        Assert.True(recorded.IsSuccess, recorded.Message);

        await MoveAsync(elder);

        Assert.Equal(To, await Db(db => db.Set<HospitalStay>().Where(h => h.ElderId == elder).Select(h => h.RegionCode).SingleAsync(TestContext.Current.CancellationToken)));
    }

    [Fact]
    public async Task The_elders_away_periods_move_with_the_welfare_records()
    {
        var elder = await ElderAsync();
        var today = DateOnly.FromDateTime(app.Clock.GetUtcNow().UtcDateTime);
        var recorded = await app.As(TestUsers.District, m => m.Send(new RecordAway.Command(elder, today.AddDays(-1), null, "住女儿家")));
        Assert.True(recorded.IsSuccess, recorded.Message);

        await MoveAsync(elder);

        Assert.Equal(To, await Db(db => db.Set<AwayPeriod>().Where(a => a.ElderId == elder).Select(a => a.RegionCode).SingleAsync(TestContext.Current.CancellationToken)));
    }

    [Fact]
    public async Task The_elders_enrolments_move_and_the_old_village_no_longer_sees_them()
    {
        var elder = await ElderAsync();
        var created = await app.As(TestUsers.District, m => m.Send(new CreateActivity.Command
        {
            Title = "智能手机入门", Track = ActivityTrack.SmartphoneBasics, RegionCode = RegionCatalog.YangliuqingCode, VenueName = "社区活动室", Capacity = 10,
            FirstSession = new DateTime(2026, 12, 28, 9, 0, 0), DurationMinutes = 90, Sessions = 2,
        }));
        Assert.True(created.IsSuccess, created.Message);
        Assert.True((await app.As(TestUsers.District, m => m.Send(new Enrol.Command(created.Value, elder)))).IsSuccess);

        await MoveAsync(elder);

        Assert.Equal(To, await Db(db => db.Set<Enrolment>().Where(e => e.ElderId == elder).Select(e => e.RegionCode).SingleAsync(TestContext.Current.CancellationToken)));
        Assert.False(await Db(db => db.Set<Enrolment>().InRegion(From).AnyAsync(e => e.ElderId == elder, TestContext.Current.CancellationToken)));
    }

    [Fact]
    public async Task The_hospitals_events_about_the_elder_move_with_the_elder()
    {
        var elder = await ElderAsync();
        var hash = app.Services.GetRequiredService<PersonalDataProtector>().Hash(await Db(db => db.Elders.Where(e => e.Id == elder).Select(e => e.IdNumber).SingleAsync(TestContext.Current.CancellationToken)));
        await Db(async db =>
        {
            db.Add(new PartnerEvent
            {
                ClientId = "health-test", EventId = "MOVE-1", Type = PartnerEventType.Admission, IdNumberHash = hash, IdNumberTail = "0000", ElderId = elder, RegionCode = From,
                OccurredOn = new DateOnly(2026, 12, 1), Facility = "西青医院", Status = PartnerEventStatus.Applied, ReceivedAtUtc = app.Clock.GetUtcNow().UtcDateTime,
            });
            return await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        });

        await MoveAsync(elder);

        Assert.Equal(To, await Db(db => db.Set<PartnerEvent>().Where(e => e.ElderId == elder).Select(e => e.RegionCode).SingleAsync(TestContext.Current.CancellationToken)));
    }

    [Fact]
    public async Task A_move_that_fails_moves_nothing()
    {
        var elder = await ElderAsync();
        Assert.True((await app.As(TestUsers.District, m => m.Send(new RegisterDevice.Command("MOVE-SOS-2", DeviceKind.SosButton, elder, null)))).IsSuccess);
        var details = (await app.As(TestUsers.District, m => m.Send(new GetElder.Query(elder)))).Value!;

        // A stale edit (someone else saved the elder in between) is refused: neither the elder nor its device moves.
        var stale = await app.As(TestUsers.District, m => m.Send(new SaveElder.Command
        {
            Id = elder, Version = details.Version - 1, Name = details.Name, RegionCode = To, CareLevel = details.CareLevel, LivingSituation = details.LivingSituation,
            EmergencyContacts = [.. details.EmergencyContacts.Select(c => new SaveElder.ContactInput { Id = c.Id, Name = c.Name, Relation = c.Relation })],
        }));

        Assert.False(stale.IsSuccess);
        Assert.Equal(From, await Db(db => db.Elders.Where(e => e.Id == elder).Select(e => e.RegionCode).SingleAsync(TestContext.Current.CancellationToken)));
        Assert.Equal(From, await Db(db => db.Set<Device>().Where(d => d.ElderId == elder).Select(d => d.RegionCode).SingleAsync(TestContext.Current.CancellationToken)));
    }
}

public sealed class SqliteElderMoveTests() : ElderMoveTests(TestProvider.Sqlite);

public sealed class PostgresElderMoveTests() : ElderMoveTests(TestProvider.PostgreSql);
