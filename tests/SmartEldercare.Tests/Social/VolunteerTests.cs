using FluentValidation;
using Microsoft.EntityFrameworkCore;
using SmartEldercare.Platform.Common;
using SmartEldercare.Platform.Regions;
using SmartEldercare.Social.Features.Volunteers;
using SmartEldercare.Social.Volunteers;
using SmartEldercare.Tests.Infrastructure;

namespace SmartEldercare.Tests.Social;

public sealed class VolunteerTests
{
    // The fixture's clock is 2026-11-28 10:00 in Shanghai: services are recorded on the morning before.
    private static readonly DateTime Day = new(2026, 11, 27, 0, 0, 0);

    private static async Task<Guid> VolunteerAsync(SocialWorld world, string name = "李志强", string region = RegionCatalog.YinglunMingyuanCode)
    {
        var id = await world.As(TestUsers.District, m => m.Send(new RegisterVolunteer.Command { Name = name, Phone = "13900001111", Skills = "陪同就医", RegionCode = region }));
        Assert.True(id.IsSuccess, id.Message);
        return id.Value;
    }

    /// <summary>Records and confirms <paramref name="minutes"/> starting at <paramref name="hour"/> on <see cref="Day"/>.</summary>
    private static async Task EarnAsync(SocialWorld world, Guid volunteer, int hour, int minutes)
    {
        var recorded = await world.As(TestUsers.Village, m => m.Send(new RecordHours.Command { VolunteerId = volunteer, Description = "上门陪伴", Start = Day.AddHours(hour), End = Day.AddHours(hour).AddMinutes(minutes) }));
        Assert.True(recorded.IsSuccess, recorded.Message);
        Assert.True((await world.As(TestUsers.Street, m => m.Send(new ConfirmHours.Command(recorded.Value)))).IsSuccess);
    }

    private static Task<(long Balance, long LedgerSum)> AccountAsync(SocialWorld world, Guid volunteer) =>
        world.App.Db(async db => (
            await db.Set<Volunteer>().Where(v => v.Id == volunteer).Select(v => v.BalanceMinutes).SingleAsync(),
            (await db.Set<TimeBankEntry>().Where(e => e.VolunteerId == volunteer).Select(e => e.Minutes).ToListAsync()).Sum()));

    [Fact]
    public async Task Hours_count_only_once_confirmed_and_the_balance_is_always_the_sum_of_the_ledger()
    {
        await using var world = await SocialWorld.CreateAsync();
        var me = await VolunteerAsync(world);
        var daughter = await VolunteerAsync(world, "李小红", RegionCatalog.XihuayuanCode);

        var recorded = await world.As(TestUsers.Village, m => m.Send(new RecordHours.Command { VolunteerId = me, Description = "陪同就医", Start = Day.AddHours(8), End = Day.AddHours(10) }));
        Assert.Equal((0L, 0L), await AccountAsync(world, me));
        Assert.Equal(ResultStatus.Ok, (await world.As(TestUsers.Street, m => m.Send(new ConfirmHours.Command(recorded.Value)))).Status);
        var twice = await world.As(TestUsers.Street, m => m.Send(new ConfirmHours.Command(recorded.Value)));
        Assert.Equal((ResultStatus.Conflict, "该服务时长已审核。"), (twice.Status, twice.Message));
        Assert.Equal((120L, 120L), await AccountAsync(world, me));

        Assert.True((await world.As(TestUsers.Village, m => m.Send(new RedeemTime.Command(me, 30, "理发")))).IsSuccess);
        var tooMuch = await world.As(TestUsers.Village, m => m.Send(new RedeemTime.Command(me, 91, "超额")));
        Assert.Equal((ResultStatus.Conflict, "时间银行余额不足。"), (tooMuch.Status, tooMuch.Message));
        await Assert.ThrowsAsync<ValidationException>(async () => await world.As(TestUsers.Village, m => m.Send(new RedeemTime.Command(me, -10, null))));

        // The daughter's account is in another street but in the district.
        Assert.True((await world.As(TestUsers.Village, m => m.Send(new TransferTime.Command(me, daughter, 60, "女儿")))).IsSuccess);
        var overdraw = await world.As(TestUsers.Village, m => m.Send(new TransferTime.Command(me, daughter, 31, "女儿")));
        Assert.Equal(ResultStatus.Conflict, overdraw.Status);
        Assert.Equal((30L, 30L), await AccountAsync(world, me));
        Assert.Equal((60L, 60L), await AccountAsync(world, daughter));

        var details = (await world.As(TestUsers.Village, m => m.Send(new GetVolunteer.Query(me)))).Value!;
        Assert.Equal([LedgerKind.TransferOut, LedgerKind.Redeemed, LedgerKind.Earned], details.Ledger.Select(e => e.Kind));
        Assert.Equal([30L, 90L, 120L], details.Ledger.Select(e => e.RunningBalance));
        Assert.Equal("139****1111", details.Volunteer.PhoneMasked);

        var rejected = await world.As(TestUsers.Village, m => m.Send(new RecordHours.Command { VolunteerId = me, Description = "x", Start = Day.AddHours(12), End = Day.AddHours(13) }));
        Assert.True((await world.As(TestUsers.Street, m => m.Send(new ConfirmHours.Command(rejected.Value, Accept: false)))).IsSuccess);
        Assert.Equal((30L, 30L), await AccountAsync(world, me));
    }

    [Theory]
    [InlineData(TestProvider.Sqlite)]
    [InlineData(TestProvider.PostgreSql)]
    public async Task Concurrent_redemptions_never_overdraw_the_account(TestProvider provider)
    {
        await using var world = await SocialWorld.CreateAsync(provider);
        var me = await VolunteerAsync(world);
        await EarnAsync(world, me, 8, 150);
        await EarnAsync(world, me, 13, 150); // 300 minutes

        var results = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => Task.Run(() => world.As(TestUsers.Village, m => m.Send(new RedeemTime.Command(me, 60, "并发兑换"))))));
        Assert.Equal(5, results.Count(r => r.IsSuccess));
        Assert.All(results.Where(r => !r.IsSuccess), r => Assert.Equal((ResultStatus.Conflict, "时间银行余额不足。"), (r.Status, r.Message)));
        Assert.Equal((0L, 0L), await AccountAsync(world, me));
        Assert.Equal(5, await world.App.Db(db => db.Set<TimeBankEntry>().CountAsync(e => e.Kind == LedgerKind.Redeemed)));
    }

    [Fact]
    public async Task Zero_negative_overlong_future_and_overlapping_hours_are_refused_and_nothing_is_written()
    {
        await using var world = await SocialWorld.CreateAsync();
        var me = await VolunteerAsync(world);
        await EarnAsync(world, me, 9, 120); // 09:00–11:00

        foreach (var (start, end) in new[] { (Day.AddHours(14), Day.AddHours(14)), (Day.AddHours(15), Day.AddHours(14)), (Day.AddHours(1), Day.AddHours(14)) })
        {
            await Assert.ThrowsAsync<ValidationException>(async () => await world.As(TestUsers.Village, m => m.Send(new RecordHours.Command { VolunteerId = me, Description = "x", Start = start, End = end })));
        }

        var refused = await Assert.ThrowsAsync<ValidationException>(async () => await world.As(TestUsers.Village, m => m.Send(new RecordHours.Command { VolunteerId = me, Description = "x", Start = Day.AddHours(15), End = Day.AddHours(14) })));
        Assert.Equal("结束时间必须晚于开始时间（服务时长必须大于零）。", refused.Errors.Single().ErrorMessage);
        var overlap = await world.As(TestUsers.Village, m => m.Send(new RecordHours.Command { VolunteerId = me, Description = "x", Start = Day.AddHours(10), End = Day.AddHours(12) }));
        Assert.Equal((ResultStatus.Conflict, "该志愿者在这段时间已有服务记录，时间不能重叠。"), (overlap.Status, overlap.Message));
        var future = await world.As(TestUsers.Village, m => m.Send(new RecordHours.Command { VolunteerId = me, Description = "x", Start = Day.AddDays(1).AddHours(11), End = Day.AddDays(1).AddHours(12) }));
        Assert.Equal(ResultStatus.Invalid, future.Status);
        Assert.Equal(1, await world.App.Db(db => db.Set<ServiceRecord>().CountAsync()));

        // Back to back is not an overlap.
        Assert.True((await world.As(TestUsers.Village, m => m.Send(new RecordHours.Command { VolunteerId = me, Description = "x", Start = Day.AddHours(11), End = Day.AddHours(12) }))).IsSuccess);
    }

    [Fact]
    public async Task A_village_neither_sees_nor_acts_on_another_villages_volunteers_and_the_leaderboard_is_per_street()
    {
        await using var world = await SocialWorld.CreateAsync();
        var mine = await VolunteerAsync(world, "本村");
        var neighbour = await VolunteerAsync(world, "邻村", TestUsers.YangliuqingVillage2);
        var zhongbei = await VolunteerAsync(world, "中北", RegionCatalog.XihuayuanCode);
        await EarnAsync(world, mine, 8, 60);
        var recorded = await world.As(TestUsers.OtherVillage, m => m.Send(new RecordHours.Command { VolunteerId = neighbour, Description = "x", Start = Day.AddHours(8), End = Day.AddHours(11) }));
        Assert.True((await world.As(TestUsers.Street, m => m.Send(new ConfirmHours.Command(recorded.Value)))).IsSuccess);

        Assert.Equal([mine], (await world.As(TestUsers.Village, m => m.Send(new ListVolunteers.Query()))).Select(v => v.Id));
        Assert.Equal(ResultStatus.NotFound, (await world.As(TestUsers.Village, m => m.Send(new GetVolunteer.Query(neighbour)))).Status);
        Assert.Equal(ResultStatus.NotFound, (await world.As(TestUsers.Village, m => m.Send(new RedeemTime.Command(neighbour, 10, null)))).Status);
        Assert.Equal(ResultStatus.NotFound, (await world.As(TestUsers.Village, m => m.Send(new RecordHours.Command { VolunteerId = neighbour, Description = "x", Start = Day.AddHours(13), End = Day.AddHours(14) }))).Status);
        Assert.Equal(ResultStatus.NotFound, (await world.As(TestUsers.Street2, m => m.Send(new ConfirmHours.Command(recorded.Value)))).Status);
        Assert.Equal(ResultStatus.NotFound, (await world.As(TestUsers.Village, m => m.Send(new TransferTime.Command(neighbour, mine, 10, "父亲")))).Status);

        var board = await world.As(TestUsers.District, m => m.Send(new GetLeaderboard.Query()));
        var yangliuqing = board.Single(s => s.StreetCode == RegionCatalog.YangliuqingCode);
        Assert.Equal([("邻村", 180L, 1), ("本村", 60L, 2)], yangliuqing.Leaders.Select(l => (l.Name, l.EarnedMinutes, l.Rank)));
        Assert.DoesNotContain(board, s => s.Leaders.Any(l => l.VolunteerId == zhongbei)); // nothing earned yet
        Assert.DoesNotContain(await world.As(TestUsers.Street2, m => m.Send(new GetLeaderboard.Query())), s => s.StreetCode == RegionCatalog.YangliuqingCode);
    }
}
