using FluentValidation;
using Microsoft.EntityFrameworkCore;
using SmartEldercare.HomeService.Entitlements;
using SmartEldercare.HomeService.Features.Elders;
using SmartEldercare.HomeService.Features.Orders;
using SmartEldercare.HomeService.Features.Worker;
using SmartEldercare.HomeService.Orders;
using SmartEldercare.Platform.Common;
using SmartEldercare.Platform.Elders;
using SmartEldercare.Tests.Infrastructure;

namespace SmartEldercare.Tests.HomeService;

public sealed class EntitlementTests
{
    private static readonly EntitlementRule[] DemoRules =
    [
        new() { Name = "80+", Group = EntitlementGroup.VeryOld, MinCareLevel = 0, MaxCareLevel = 4, UnitsPerMonth = 1, SubsidyPercent = 50 },
        new() { Name = "低保·部分失能", Group = EntitlementGroup.LowIncome, MinCareLevel = 1, MaxCareLevel = 3, UnitsPerMonth = 6, SubsidyPercent = 80 },
        new() { Name = "低保·完全失能", Group = EntitlementGroup.LowIncome, MinCareLevel = 4, MaxCareLevel = 4, UnitsPerMonth = 9, SubsidyPercent = 80 },
        new() { Name = "特困·能自理", Group = EntitlementGroup.Destitute, MinCareLevel = 0, MaxCareLevel = 0, UnitsPerMonth = 3, SubsidyPercent = 100 },
        new() { Name = "特困·部分失能", Group = EntitlementGroup.Destitute, MinCareLevel = 1, MaxCareLevel = 3, UnitsPerMonth = 12, SubsidyPercent = 100 },
        new() { Name = "特困·完全失能", Group = EntitlementGroup.Destitute, MinCareLevel = 4, MaxCareLevel = 4, UnitsPerMonth = 18, SubsidyPercent = 100 },
        new() { Name = "停用", Group = EntitlementGroup.VeryOld, MinCareLevel = 0, MaxCareLevel = 4, UnitsPerMonth = 50, SubsidyPercent = 100, Active = false },
    ];

    [Theory]
    [InlineData(70, KeyGroups.None, 0, 0, 0)]
    [InlineData(85, KeyGroups.None, 0, 1, 50)]
    [InlineData(70, KeyGroups.LowIncome, 0, 0, 0)]       // low income but self-caring: no rule
    [InlineData(70, KeyGroups.LowIncome, 2, 6, 80)]
    [InlineData(70, KeyGroups.LowIncome, 4, 9, 80)]
    [InlineData(70, KeyGroups.Destitute, 0, 3, 100)]
    [InlineData(88, KeyGroups.Destitute, 0, 3, 100)]     // 80+ and destitute: the more generous rule
    [InlineData(70, KeyGroups.Destitute, 3, 12, 100)]
    [InlineData(92, KeyGroups.Destitute, 4, 18, 100)]
    [InlineData(79, KeyGroups.None, 4, 0, 0)]            // disabled alone grants nothing in the demo rules
    public void The_most_generous_matching_active_rule_gives_the_month(int age, KeyGroups groups, int careLevel, int units, int percent)
    {
        var grant = Grant.For(DemoRules, age, groups, careLevel);
        Assert.Equal((units, percent), (grant.Units, grant.SubsidyPercent));
    }

    [Fact]
    public async Task Ordering_beyond_the_month_without_self_pay_consent_is_refused_and_writes_nothing()
    {
        await using var world = await HomeWorld.CreateAsync();
        var elder = await world.VeryOldElderAsync(); // one unit a month
        var first = await world.App.As(TestUsers.Village, m => m.Send(new RequestOrder.Command(elder, world.Items["MEAL-LUNCH"], 1, world.Shanghai(1))));
        Assert.True(first.IsSuccess, first.Message);

        var beyond = await world.App.As(TestUsers.Village, m => m.Send(new RequestOrder.Command(elder, world.Items["MEAL-LUNCH"], 1, world.Shanghai(25))));
        Assert.Equal(ResultStatus.Invalid, beyond.Status);
        Assert.Equal(nameof(RequestOrder.Command.SelfPayConsent), Assert.Single(beyond.Errors).Field);
        Assert.Contains("自付", beyond.Message, StringComparison.Ordinal);
        Assert.Equal(1, await world.App.Db(db => db.Set<ServiceOrder>().CountAsync(o => o.ElderId == elder)));

        var consented = await world.App.As(TestUsers.Village, m => m.Send(new RequestOrder.Command(elder, world.Items["MEAL-LUNCH"], 1, world.Shanghai(25), SelfPayConsent: true)));
        Assert.True(consented.IsSuccess, consented.Message);
        Assert.Equal(2, await world.App.Db(db => db.Set<ServiceOrder>().CountAsync(o => o.ElderId == elder)));
    }

    [Fact]
    public async Task A_window_in_the_past_is_refused_with_a_localized_message_and_nothing_written()
    {
        await using var world = await HomeWorld.CreateAsync();
        var elder = await world.VeryOldElderAsync();
        var refused = await Assert.ThrowsAsync<ValidationException>(async () =>
            await world.App.As(TestUsers.Village, m => m.Send(new RequestOrder.Command(elder, world.Items["MEAL-LUNCH"], 1, world.Shanghai(-2), SelfPayConsent: true))));
        Assert.Equal("服务时间不能早于现在。", Assert.Single(refused.Errors).ErrorMessage);
        Assert.Equal(0, await world.App.Db(db => db.Set<ServiceOrder>().CountAsync()));
    }

    [Fact]
    public async Task Only_a_verified_visit_draws_the_balance_and_it_is_priced_with_the_subsidy_share()
    {
        await using var world = await HomeWorld.CreateAsync();
        var command = NewElder.Command(name: "赵淑珍", careLevel: 2);
        command.LowIncome = true; // 低保·部分失能: 6 units at 80 %
        var elder = await world.ElderAsync(command);
        var id = await world.AssignedAsync(elder, "CLEAN-HOME", quantity: 2); // 2 hours at 35.00
        Balance(await Services(world, elder), granted: 6, used: 0, held: 2);

        world.App.Clock.Advance(TimeSpan.FromMinutes(65));
        Assert.True((await world.App.As(world.Worker, m => m.Send(new CheckIn.Command(id, HomeWorld.HomeLatitude, HomeWorld.HomeLongitude)))).IsSuccess);
        world.App.Clock.Advance(TimeSpan.FromMinutes(118));
        Assert.True((await world.App.As(world.Worker, m => m.Send(new CheckOut.Command(id, ["清扫拖地", "不存在的任务"])))).IsSuccess);
        Balance(await Services(world, elder), granted: 6, used: 0, held: 2); // checked out is not yet drawn

        Assert.True((await world.App.As(TestUsers.Street, m => m.Send(new VerifyOrder.Command(id)))).IsSuccess);
        Balance(await Services(world, elder), granted: 6, used: 2, held: 0);
        var order = await world.OrderOf(id);
        Assert.Equal((70_00L, 56_00L, 14_00L, 2), (order.Amount, order.SubsidyAmount, order.SelfPayAmount, order.SubsidisedUnits));
        Assert.Equal(["清扫拖地"], order.TasksDone);
        Assert.Equal(ResultStatus.Conflict, (await world.App.As(TestUsers.Street, m => m.Send(new VerifyOrder.Command(id)))).Status);
        Balance(await Services(world, elder), granted: 6, used: 2, held: 0);
    }

    [Fact]
    public async Task Units_beyond_the_balance_are_self_paid_when_verified()
    {
        await using var world = await HomeWorld.CreateAsync();
        var elder = await world.VeryOldElderAsync(); // 1 unit at 50 %
        var id = await world.AssignedAsync(elder, "JOY-COMPANY", quantity: 3); // 3 hours at 30.00, consent given
        world.App.Clock.Advance(TimeSpan.FromMinutes(60));
        await world.App.As(world.Worker, m => m.Send(new CheckIn.Command(id, HomeWorld.HomeLatitude, HomeWorld.HomeLongitude)));
        world.App.Clock.Advance(TimeSpan.FromMinutes(180));
        Assert.True((await world.App.As(world.Worker, m => m.Send(new CheckOut.Command(id)))).IsSuccess);
        Assert.True((await world.App.As(TestUsers.Street, m => m.Send(new VerifyOrder.Command(id)))).IsSuccess);
        var order = await world.OrderOf(id);
        Assert.Equal((90_00L, 15_00L, 75_00L, 1), (order.Amount, order.SubsidyAmount, order.SelfPayAmount, order.SubsidisedUnits));
        Assert.Equal(0, order.Balance.Remaining);
    }

    private static async Task<ElderServices> Services(HomeWorld world, Guid elder) =>
        (await world.App.As(TestUsers.Village, m => m.Send(new GetElderServices.Query(elder)))).Value!;

    private static void Balance(ElderServices services, int granted, int used, int held) =>
        Assert.Equal((granted, used, held), (services.ThisMonth.Granted, services.ThisMonth.Used, services.ThisMonth.Held));
}
