using FluentValidation;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SmartEldercare.Emergency.Alarms;
using SmartEldercare.Emergency.Features.Alarms;
using SmartEldercare.HomeService.Features.Elders;
using SmartEldercare.Platform.Common;
using SmartEldercare.Platform.Elders;
using SmartEldercare.Platform.Identity;
using SmartEldercare.Platform.Live;
using SmartEldercare.Platform.Regions;
using SmartEldercare.Tests.Infrastructure;
using SmartEldercare.Welfare.Features.Away;
using SmartEldercare.Welfare.Features.Visits;
using SmartEldercare.Welfare.Visits;

namespace SmartEldercare.Tests.Welfare;

public sealed class VisitTests
{
    private static RecordVisit.Command Done(Guid visit, DateOnly on) =>
        new(visit, on, VisitMode.Home, Wellbeing.Good, Wellbeing.Fair, Wellbeing.Good, "需要助浴", FollowUps.HomeServiceOrder, "精神尚可");

    private static Task<List<Visit>> Planned(WelfareWorld world, Guid elder) =>
        world.App.Db(db => db.Set<Visit>().Where(v => v.ElderId == elder && v.Status == VisitStatus.Planned).ToListAsync());

    private static async Task<Guid> VillageStaffAsync(WelfareWorld world, string name, string region = RegionCatalog.YinglunMingyuanCode) =>
        await world.App.Db(async db =>
        {
            var role = await db.Roles.SingleOrDefaultAsync(r => r.Name == Roles.VillageStaff) ?? db.Roles.Add(new AppRole(Roles.VillageStaff) { NormalizedName = Roles.VillageStaff.ToUpperInvariant() }).Entity;
            var user = new AppUser { UserName = name, NormalizedUserName = name.ToUpperInvariant(), DisplayName = name, RegionCode = region };
            db.Users.Add(user);
            db.UserRoles.Add(new() { UserId = user.Id, RoleId = role.Id });
            await db.SaveChangesAsync();
            return user.Id;
        });

    [Theory]
    [InlineData(TestProvider.Sqlite)]
    [InlineData(TestProvider.PostgreSql)]
    public async Task Each_elder_gets_a_visit_at_their_tiers_rhythm_assigned_to_village_staff_and_the_next_follows_a_recorded_visit(TestProvider provider)
    {
        await using var world = await WelfareWorld.CreateAsync(provider);
        var today = world.Today;
        var staff = await VillageStaffAsync(world, "英伦名苑 张丽");
        var alone = await world.App.As(TestUsers.District, m => m.Send(NewElder.Command(name: "独居失能", birth: new DateOnly(1940, 1, 1), living: LivingSituation.Alone, careLevel: 1)));
        var emptyNest = await world.App.As(TestUsers.District, m => m.Send(NewElder.Command(name: "空巢", birth: new DateOnly(1941, 1, 1), living: LivingSituation.WithSpouseOnly)));
        var regular = await world.ElderAsync(new DateOnly(1942, 1, 1), name: "一般");
        var alarmed = await world.ElderAsync(new DateOnly(1943, 1, 1), name: "近期报警");
        Assert.True((await world.As(TestUsers.District, m => m.Send(new RaiseAlarm.Command(alarmed, AlarmType.Fall, "跌倒")))).IsSuccess);
        await world.ElderAsync(new DateOnly(1950, 1, 1), name: "七十六"); // not 80: no plan

        Assert.Equal(4, await world.As(TestUsers.Village, m => m.Send(new ScheduleVisits.Command())));
        var tiers = new Dictionary<Guid, (RiskTier Tier, int Every)> { [alone.Value] = (RiskTier.High, 7), [emptyNest.Value] = (RiskTier.Key, 30), [regular] = (RiskTier.Regular, 90), [alarmed] = (RiskTier.High, 7) };
        foreach (var (elder, (tier, every)) in tiers)
        {
            var visit = Assert.Single(await Planned(world, elder));
            Assert.Equal((tier, VisitReason.Routine, staff), (visit.Tier, visit.Reason, visit.AssignedToId));
            Assert.InRange(visit.DueDate, today, today.AddDays(every - 1)); // first visits are spread over the first interval
        }

        Assert.Equal(0, await world.As(TestUsers.Village, m => m.Send(new ScheduleVisits.Command()))); // planned once

        foreach (var (elder, (_, every)) in tiers)
        {
            var visit = Assert.Single(await Planned(world, elder));
            Assert.True((await world.As(TestUsers.Village, m => m.Send(Done(visit.Id, today)))).IsSuccess);
            var next = Assert.Single(await Planned(world, elder));
            Assert.Equal(today.AddDays(every), next.DueDate);
        }

        var recorded = await world.App.Db(db => db.Set<Visit>().SingleAsync(v => v.ElderId == regular && v.Status == VisitStatus.Done));
        Assert.Equal((VisitMode.Home, Wellbeing.Fair, FollowUps.HomeServiceOrder, "需要助浴"), (recorded.Mode!.Value, recorded.Mood!.Value, recorded.FollowUps, recorded.Needs));
    }

    [Fact]
    public async Task Overdue_visits_leave_out_elders_away_or_in_hospital_and_a_recorded_visit_leaves_the_street_count_live()
    {
        await using var world = await WelfareWorld.CreateAsync();
        var away = await world.ElderAsync(new DateOnly(1940, 1, 1), name: "外出");
        var hospital = await world.ElderAsync(new DateOnly(1940, 1, 2), name: "住院");
        var home = await world.ElderAsync(new DateOnly(1940, 1, 3), name: "在家");
        await world.As(TestUsers.Village, m => m.Send(new ScheduleVisits.Command()));
        world.App.Clock.Advance(TimeSpan.FromDays(100)); // every first visit is now overdue
        var today = world.Today;
        Assert.Equal(3, await world.As(TestUsers.Street, m => m.Send(new CountOverdueVisits.Query())));

        Assert.True((await world.As(TestUsers.Village, m => m.Send(new RecordAway.Command(away, today.AddDays(-3), today.AddDays(4), "住女儿家")))).IsSuccess);
        Assert.True((await world.As(TestUsers.Village, m => m.Send(new RecordHospitalStay.Command(hospital, today.AddDays(-1), null, "肺炎")))).IsSuccess);
        var overdue = await world.As(TestUsers.Street, m => m.Send(new ListOverdueVisits.Query()));
        Assert.Equal([home], overdue.Items.Select(v => v.ElderId));
        Assert.Equal(0, (await world.As(TestUsers.Street2, m => m.Send(new ListOverdueVisits.Query()))).Total);

        var pushed = new List<LiveUpdate>();
        using var _ = world.App.Services.GetRequiredService<ILiveUpdates>().Subscribe(RegionCatalog.YangliuqingCode, u =>
        {
            lock (pushed)
            {
                pushed.Add(u);
            }

            return Task.CompletedTask;
        });
        Assert.True((await world.As(TestUsers.Village, m => m.Send(Done(overdue.Items[0].Id, today)))).IsSuccess);
        await Eventually.Until(() => { lock (pushed) { return pushed.Any(u => u.Topic == "welfare.visit.done"); } }, "the street console hearing of the visit");
        Assert.Equal(0, await world.As(TestUsers.Street, m => m.Send(new CountOverdueVisits.Query())));

        // Away over: the warning is back.
        world.App.Clock.Advance(TimeSpan.FromDays(5));
        Assert.Equal([away], (await world.As(TestUsers.Street, m => m.Send(new ListOverdueVisits.Query()))).Items.Select(v => v.ElderId));

        // Coverage of the month the recorded visit was due in: it counts as done, the others due then as not.
        var due = overdue.Items[0].DueDate;
        var dueThen = await world.App.Db(db => db.Set<Visit>().CountAsync(v => v.DueDate >= new DateOnly(due.Year, due.Month, 1) && v.DueDate < new DateOnly(due.Year, due.Month, 1).AddMonths(1)));
        var coverage = await world.As(TestUsers.District, m => m.Send(new GetVisitCoverage.Query(YearMonth.Of(due))));
        Assert.Equal([(RegionCatalog.YangliuqingCode, dueThen, 1), (RegionCatalog.YinglunMingyuanCode, dueThen, 1)], coverage.Select(r => (r.Code, r.Due, r.Done)));
    }

    [Fact]
    public async Task A_discharge_asks_for_a_visit_the_next_day()
    {
        await using var world = await WelfareWorld.CreateAsync();
        var today = world.Today;
        var elder = await world.ElderAsync(new DateOnly(1938, 5, 5));
        Assert.True((await world.As(TestUsers.Village, m => m.Send(new RecordHospitalStay.Command(elder, today.AddDays(-6), null, null)))).IsSuccess);
        var stay = await world.App.Db(db => db.Set<SmartEldercare.HomeService.Orders.HospitalStay>().SingleAsync());
        Assert.True((await world.As(TestUsers.Village, m => m.Send(new EndHospitalStay.Command(stay.Id, today)))).IsSuccess);

        await world.As(TestUsers.Village, m => m.Send(new ScheduleVisits.Command()));
        var discharge = Assert.Single(await Planned(world, elder), v => v.Reason == VisitReason.Discharge);
        Assert.Equal((today.AddDays(1), RiskTier.High), (discharge.DueDate, discharge.Tier));
        Assert.Equal(0, await world.As(TestUsers.Village, m => m.Send(new ScheduleVisits.Command())));
    }

    [Fact]
    public async Task A_visit_dated_in_the_future_or_recorded_twice_is_refused_and_nothing_is_written()
    {
        await using var world = await WelfareWorld.CreateAsync();
        var elder = await world.ElderAsync(new DateOnly(1938, 5, 5));
        await world.As(TestUsers.Village, m => m.Send(new ScheduleVisits.Command()));
        var visit = Assert.Single(await Planned(world, elder));

        var future = await Assert.ThrowsAsync<ValidationException>(async () => await world.As(TestUsers.Village, m => m.Send(Done(visit.Id, world.Today.AddDays(1)))));
        Assert.Equal("探访日期不能晚于今天", future.Errors.Single().ErrorMessage);
        Assert.Equal(VisitStatus.Planned, Assert.Single(await Planned(world, elder)).Status);

        Assert.Equal(ResultStatus.NotFound, (await world.As(TestUsers.OtherVillage, m => m.Send(Done(visit.Id, world.Today)))).Status);
        Assert.True((await world.As(TestUsers.Village, m => m.Send(Done(visit.Id, world.Today)))).IsSuccess);
        var twice = await world.As(TestUsers.Village, m => m.Send(Done(visit.Id, world.Today)));
        Assert.Equal((ResultStatus.Conflict, "该探访已登记"), (twice.Status, twice.Message));
    }

    [Fact]
    public async Task Away_periods_may_not_end_before_they_start_nor_overlap_another_or_a_hospital_stay()
    {
        await using var world = await WelfareWorld.CreateAsync();
        var today = world.Today;
        var elder = await world.ElderAsync(new DateOnly(1938, 5, 5));

        var backwards = await Assert.ThrowsAsync<ValidationException>(async () => await world.As(TestUsers.Village, m => m.Send(new RecordAway.Command(elder, today, today.AddDays(-1), null))));
        Assert.Equal("结束日期不能早于开始日期", backwards.Errors.Single().ErrorMessage);
        var first = await world.As(TestUsers.Village, m => m.Send(new RecordAway.Command(elder, today.AddDays(-10), today.AddDays(-5), "探亲")));
        Assert.True(first.IsSuccess);
        var overlapping = await world.As(TestUsers.Village, m => m.Send(new RecordAway.Command(elder, today.AddDays(-5), null, null)));
        Assert.Equal((ResultStatus.Invalid, "与已有的外出报备或住院记录时间重叠"), (overlapping.Status, overlapping.Message));

        Assert.True((await world.As(TestUsers.Village, m => m.Send(new RecordHospitalStay.Command(elder, today.AddDays(-2), null, null)))).IsSuccess);
        Assert.Equal(ResultStatus.Invalid, (await world.As(TestUsers.Village, m => m.Send(new RecordAway.Command(elder, today.AddDays(-4), today.AddDays(-2), null)))).Status);
        var secondStay = await world.As(TestUsers.Village, m => m.Send(new RecordHospitalStay.Command(elder, today.AddDays(-1), today, null)));
        Assert.Equal((ResultStatus.Invalid, "与已登记的住院记录时间重叠"), (secondStay.Status, secondStay.Message));
        Assert.True((await world.As(TestUsers.Village, m => m.Send(new RecordAway.Command(elder, today.AddDays(-4), today.AddDays(-3), null)))).IsSuccess);

        var list = (await world.As(TestUsers.Village, m => m.Send(new ListAbsences.Query(elder)))).Value!;
        Assert.Equal([(AbsenceKind.Hospital, today.AddDays(-2)), (AbsenceKind.Away, today.AddDays(-4)), (AbsenceKind.Away, today.AddDays(-10))], list.Select(a => (a.Kind, a.From)));
        Assert.Equal(2, await world.App.Db(db => db.Set<SmartEldercare.Welfare.Away.AwayPeriod>().CountAsync()));
        Assert.Equal(ResultStatus.NotFound, (await world.As(TestUsers.Street2, m => m.Send(new ListAbsences.Query(elder)))).Status);
        var endBefore = await world.As(TestUsers.Village, m => m.Send(new EndAway.Command(first.Value, today.AddDays(-20))));
        Assert.Equal(ResultStatus.Invalid, endBefore.Status);
    }
}
