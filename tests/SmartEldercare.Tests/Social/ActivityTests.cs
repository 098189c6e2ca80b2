using Microsoft.EntityFrameworkCore;
using SmartEldercare.Platform.Common;
using SmartEldercare.Platform.Regions;
using SmartEldercare.Social.Activities;
using SmartEldercare.Social.Features.Activities;
using SmartEldercare.Tests.Infrastructure;

namespace SmartEldercare.Tests.Social;

public sealed class ActivityTests
{
    [Theory]
    [InlineData(TestProvider.Sqlite)]
    [InlineData(TestProvider.PostgreSql)]
    public async Task A_full_class_puts_elders_on_the_waiting_list_and_a_withdrawal_promotes_the_first_waiting(TestProvider provider)
    {
        await using var world = await SocialWorld.CreateAsync(provider);
        var activity = await world.ClassAsync(capacity: 2);
        var elders = new List<Guid>();
        foreach (var name in new[] { "甲", "乙", "丙", "丁" })
        {
            elders.Add(await world.ElderAsync(name));
        }

        var statuses = new List<EnrolmentStatus>();
        foreach (var elder in elders)
        {
            var enrolled = await world.As(TestUsers.Village, m => m.Send(new Enrol.Command(activity, elder)));
            Assert.True(enrolled.IsSuccess, enrolled.Message);
            statuses.Add(enrolled.Value);
        }

        Assert.Equal([EnrolmentStatus.Enrolled, EnrolmentStatus.Enrolled, EnrolmentStatus.Waiting, EnrolmentStatus.Waiting], statuses);
        var again = await world.As(TestUsers.Village, m => m.Send(new Enrol.Command(activity, elders[2])));
        Assert.Equal((ResultStatus.Conflict, "该老人已在候补名单中。"), (again.Status, again.Message));

        var details = (await world.As(TestUsers.Village, m => m.Send(new GetActivity.Query(activity)))).Value!;
        Assert.Equal((2, 2, 2), (details.Activity.Enrolled, details.Activity.Capacity, details.Activity.Waiting));
        var first = details.Enrolments.Single(e => e.ElderId == elders[0]);
        Assert.True((await world.As(TestUsers.Village, m => m.Send(new Withdraw.Command(first.Id)))).IsSuccess);

        details = (await world.As(TestUsers.Village, m => m.Send(new GetActivity.Query(activity)))).Value!;
        Assert.Equal((2, 1), (details.Activity.Enrolled, details.Activity.Waiting));
        Assert.Equal(EnrolmentStatus.Enrolled, details.Enrolments.Single(e => e.ElderId == elders[2]).Status);
        Assert.Equal(EnrolmentStatus.Waiting, details.Enrolments.Single(e => e.ElderId == elders[3]).Status);

        // Leaving the waiting list frees no place.
        Assert.True((await world.As(TestUsers.Village, m => m.Send(new Withdraw.Command(details.Enrolments.Single(e => e.ElderId == elders[3]).Id)))).IsSuccess);
        details = (await world.As(TestUsers.Village, m => m.Send(new GetActivity.Query(activity)))).Value!;
        Assert.Equal((2, 0), (details.Activity.Enrolled, details.Activity.Waiting));
    }

    [Theory]
    [InlineData(TestProvider.Sqlite)]
    [InlineData(TestProvider.PostgreSql)]
    public async Task Enrolments_at_the_same_moment_never_exceed_the_capacity(TestProvider provider)
    {
        await using var world = await SocialWorld.CreateAsync(provider);
        var activity = await world.ClassAsync(capacity: 3);
        var elders = new List<Guid>();
        for (var i = 0; i < 8; i++)
        {
            elders.Add(await world.ElderAsync($"老人{i}"));
        }

        var results = await Task.WhenAll(elders.Select(e => Task.Run(() => world.As(TestUsers.Village, m => m.Send(new Enrol.Command(activity, e))))));
        Assert.All(results, r => Assert.True(r.IsSuccess, r.Message));
        Assert.Equal(3, results.Count(r => r.Value == EnrolmentStatus.Enrolled));
        Assert.Equal(5, results.Count(r => r.Value == EnrolmentStatus.Waiting));
        var stored = await world.App.Db(db => db.Set<Enrolment>().Where(e => e.ActivityId == activity).ToListAsync());
        Assert.Equal(3, stored.Count(e => e.Status == EnrolmentStatus.Enrolled));
        Assert.Equal([1, 2, 3, 4, 5], stored.Where(e => e.Status == EnrolmentStatus.Waiting).Select(e => e.WaitNumber!.Value).Order());
        Assert.Equal(3, await world.App.Db(db => db.Set<Activity>().Where(a => a.Id == activity).Select(a => a.Enrolled).SingleAsync()));
    }

    [Fact]
    public async Task Attendance_is_refused_for_an_elder_not_enrolled_and_counts_once_towards_the_villages_digital_coverage()
    {
        await using var world = await SocialWorld.CreateAsync();
        var activity = await world.ClassAsync(capacity: 1);
        var session = await world.FirstSessionAsync(activity);
        var enrolled = await world.ElderAsync("报上了");
        var waiting = await world.ElderAsync("候补的");
        var stranger = await world.ElderAsync("没报名");
        await world.As(TestUsers.Village, m => m.Send(new Enrol.Command(activity, enrolled)));
        await world.As(TestUsers.Village, m => m.Send(new Enrol.Command(activity, waiting)));

        foreach (var elder in new[] { waiting, stranger })
        {
            var refused = await world.As(TestUsers.Village, m => m.Send(new RecordAttendance.Command(session, elder)));
            Assert.Equal((ResultStatus.Conflict, "该老人未报名此课程（或仍在候补），不能签到。"), (refused.Status, refused.Message));
        }

        Assert.Equal(0, await world.App.Db(db => db.Set<Attendance>().CountAsync()));
        var before = await world.As(TestUsers.Village, m => m.Send(new GetDigitalCoverage.Query()));
        Assert.Equal((3, 0), (before.Villages.Single().Elders, before.Villages.Single().Attended));

        Assert.True((await world.As(TestUsers.Village, m => m.Send(new RecordAttendance.Command(session, enrolled)))).IsSuccess);
        var twice = await world.As(TestUsers.Village, m => m.Send(new RecordAttendance.Command(session, enrolled)));
        Assert.Equal(ResultStatus.Conflict, twice.Status);
        var sessions = (await world.As(TestUsers.Village, m => m.Send(new GetActivity.Query(activity)))).Value!.Sessions;
        var future = await world.As(TestUsers.Village, m => m.Send(new RecordAttendance.Command(sessions[1].Id, enrolled)));
        Assert.Equal((ResultStatus.Conflict, "课程尚未开始，不能签到。"), (future.Status, future.Message));

        var after = await world.As(TestUsers.Street, m => m.Send(new GetDigitalCoverage.Query()));
        var mine = after.Villages.Single(v => v.RegionCode == RegionCatalog.YinglunMingyuanCode);
        Assert.Equal((3, 1), (mine.Elders, mine.Attended));
        Assert.Equal(1d / 3, mine.Share, 6);
    }

    [Fact]
    public async Task A_village_neither_sees_nor_changes_another_villages_classes_enrolments_or_elders()
    {
        await using var world = await SocialWorld.CreateAsync();
        var mine = await world.ClassAsync(capacity: 5);
        var theirs = await world.ClassAsync(capacity: 5, region: TestUsers.YangliuqingVillage2);
        var streetWide = await world.ClassAsync(capacity: 5, region: RegionCatalog.YangliuqingCode);
        var myElder = await world.ElderAsync("本村");
        var theirElder = await world.ElderAsync("邻村", TestUsers.YangliuqingVillage2);

        var visible = await world.As(TestUsers.Village, m => m.Send(new ListActivities.Query()));
        Assert.Equal([mine, streetWide], visible.Select(a => a.Id).Order());
        Assert.Equal(ResultStatus.NotFound, (await world.As(TestUsers.Village, m => m.Send(new GetActivity.Query(theirs)))).Status);
        Assert.Equal(ResultStatus.NotFound, (await world.As(TestUsers.Village, m => m.Send(new Enrol.Command(theirs, myElder)))).Status);
        Assert.Equal(ResultStatus.NotFound, (await world.As(TestUsers.Village, m => m.Send(new Enrol.Command(streetWide, theirElder)))).Status);

        // Both villages enrol in the street's class; each sees only its own elders.
        Assert.True((await world.As(TestUsers.Village, m => m.Send(new Enrol.Command(streetWide, myElder)))).IsSuccess);
        Assert.True((await world.As(TestUsers.OtherVillage, m => m.Send(new Enrol.Command(streetWide, theirElder)))).IsSuccess);
        var seen = (await world.As(TestUsers.Village, m => m.Send(new GetActivity.Query(streetWide)))).Value!;
        Assert.Equal([myElder], seen.Enrolments.Select(e => e.ElderId));
        Assert.Equal(2, seen.Activity.Enrolled);
        var theirEnrolment = (await world.As(TestUsers.OtherVillage, m => m.Send(new GetActivity.Query(streetWide)))).Value!.Enrolments.Single().Id;
        Assert.Equal(ResultStatus.NotFound, (await world.As(TestUsers.Village, m => m.Send(new Withdraw.Command(theirEnrolment)))).Status);
        Assert.Empty(await world.As(TestUsers.Village, m => m.Send(new FindElders.Query("邻村"))));

        var outOfScope = await world.As(TestUsers.Street2, m => m.Send(new CreateActivity.Command
        {
            Title = "越权", RegionCode = RegionCatalog.YangliuqingCode, VenueName = "x", Capacity = 5, FirstSession = new DateTime(2026, 12, 1, 9, 0, 0),
        }));
        Assert.Equal(ResultStatus.Invalid, outOfScope.Status);
    }
}
