using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SmartEldercare.HomeService.Features.Orders;
using SmartEldercare.HomeService.Features.Worker;
using SmartEldercare.HomeService.Orders;
using SmartEldercare.Platform.Common;
using SmartEldercare.Platform.Live;
using SmartEldercare.Platform.Regions;
using SmartEldercare.Tests.Infrastructure;

namespace SmartEldercare.Tests.HomeService;

public sealed class OrderLifecycleTests
{
    [Fact]
    public async Task Late_in_the_evening_the_workers_day_shows_the_visits_just_after_midnight_but_not_the_mornings()
    {
        await using var world = await HomeWorld.CreateAsync();
        world.App.Clock.SetUtcNow(new DateTimeOffset(2026, 11, 28, 15, 0, 0, TimeSpan.Zero)); // 23:00 in Shanghai
        var elder = await world.VeryOldElderAsync();
        var afterMidnight = await world.OrderAsync(elder, hoursFromNow: 2); // 01:00 tomorrow
        var morning = await world.OrderAsync(elder, item: "MEAL-LUNCH", hoursFromNow: 9); // 08:00 tomorrow
        await world.DispatchAsync(afterMidnight);
        await world.DispatchAsync(morning);

        var day = await world.App.As(world.Worker, m => m.Send(new GetMyVisits.Query()));
        Assert.Equal(new DateOnly(2026, 11, 28), day.Day);
        Assert.Equal(afterMidnight, Assert.Single(day.Mine).Id);
    }

    [Theory]
    [InlineData(TestProvider.Sqlite)]
    [InlineData(TestProvider.PostgreSql)]
    public async Task A_meal_goes_from_request_to_verified_with_every_step_timed_and_signed_and_pushed_live(TestProvider provider)
    {
        await using var world = await HomeWorld.CreateAsync(provider);
        var elder = await world.VeryOldElderAsync();
        var street = new List<LiveUpdate>();
        using var subscription = world.App.Services.GetRequiredService<ILiveUpdates>().Subscribe(RegionCatalog.YangliuqingCode, u => { street.Add(u); return Task.CompletedTask; });

        var id = await world.OrderAsync(elder, consent: false);
        Assert.Contains((await world.BoardAsync()).ToDispatch, o => o.Id == id);
        Assert.True((await world.App.As(TestUsers.Street, m => m.Send(new DispatchOrder.Command(id, world.ProviderId)))).IsSuccess);
        var offered = await world.App.As(world.Worker, m => m.Send(new GetMyVisits.Query()));
        Assert.Contains(offered.Offered, v => v.Id == id);
        Assert.True((await world.App.As(world.Worker, m => m.Send(new AcceptOrder.Command(id)))).IsSuccess);
        Assert.Equal(ResultStatus.Conflict, (await world.App.As(world.Worker, m => m.Send(new AcceptOrder.Command(id)))).Status);
        var mine = await world.App.As(world.Worker, m => m.Send(new GetMyVisits.Query()));
        var visit = Assert.Single(mine.Mine);
        Assert.Equal((id, OrderStatus.Assigned, 20), (visit.Id, visit.Status, visit.StandardMinutes));
        Assert.Contains("*", visit.MaskedAddress, StringComparison.Ordinal);
        Assert.StartsWith("天津市西青区", (await world.App.As(world.Worker, m => m.Send(new RevealVisitAddress.Command(id)))).Value, StringComparison.Ordinal);

        world.App.Clock.Advance(TimeSpan.FromMinutes(62));
        Assert.True((await world.App.As(world.Worker, m => m.Send(new CheckIn.Command(id, HomeWorld.HomeLatitude + 0.0005, HomeWorld.HomeLongitude)))).IsSuccess);
        world.App.Clock.Advance(TimeSpan.FromMinutes(22));
        Assert.True((await world.App.As(world.Worker, m => m.Send(new CheckOut.Command(id, ["核对老人身份", "餐食送达并确认温度"], "老人胃口很好")))).IsSuccess);
        Assert.Equal(ResultStatus.Conflict, (await world.App.As(world.Worker, m => m.Send(new RevealVisitAddress.Command(id)))).Status); // the visit is over
        Assert.True((await world.App.As(TestUsers.Street, m => m.Send(new VerifyOrder.Command(id)))).IsSuccess);

        var order = await world.OrderOf(id);
        Assert.Equal(OrderStatus.Verified, order.Status);
        Assert.Equal(VisitFlags.None, order.Flags);
        Assert.Equal(56, order.CheckInDistanceMeters);
        Assert.Equal(CheckInMethod.Location, order.CheckInMethod);
        Assert.Equal(["requested", "dispatched", "assigned", "checkedin", "checkedout", "verified"], order.Steps.Select(s => s.Action));
        Assert.Equal(["village", "street", "服务人员 孙梅", "服务人员 孙梅", "服务人员 孙梅", "street"], order.Steps.Select(s => s.Actor));
        Assert.Equal((14_00L, 7_00L, 7_00L), (order.Amount, order.SubsidyAmount, order.SelfPayAmount)); // the demo provider's lunch, 80+ at 50 %
        Assert.Equal(0, order.Balance.Remaining);
        Assert.Equal(["homeservice.requested", "homeservice.dispatched", "homeservice.assigned", "homeservice.checkedin", "homeservice.checkedout", "homeservice.verified"],
            street.Where(u => u.RecordId == id.ToString()).Select(u => u.Topic));
        Assert.True(await world.App.Db(db => db.LiveEvents.AnyAsync(e => e.Topic == "homeservice.verified" && e.RecordId == id.ToString())));
    }

    [Theory]
    [InlineData(TestProvider.Sqlite)]
    [InlineData(TestProvider.PostgreSql)]
    public async Task Of_two_dispatchers_at_once_one_wins_and_the_other_is_told_who(TestProvider provider)
    {
        await using var world = await HomeWorld.CreateAsync(provider);
        var id = await world.OrderAsync(await world.VeryOldElderAsync());
        var seen = (await world.BoardAsync()).ToDispatch.Single(o => o.Id == id).Version;
        var other = HomeWorld.Principal(Guid.NewGuid(), "杨柳青镇 王芳", RegionCatalog.YangliuqingCode, SmartEldercare.Platform.Identity.Roles.StreetStaff);

        var results = await Task.WhenAll(
            world.App.As(TestUsers.Street, m => m.Send(new DispatchOrder.Command(id, world.ProviderId, world.WorkerId, seen))),
            world.App.As(other, m => m.Send(new DispatchOrder.Command(id, world.ProviderId, null, seen))));
        Assert.Single(results, r => r.IsSuccess);
        var loser = Assert.Single(results, r => !r.IsSuccess);
        Assert.Equal(ResultStatus.Conflict, loser.Status);
        var order = await world.OrderOf(id);
        Assert.Contains(order.Steps[^1].Actor, loser.Message, StringComparison.Ordinal);
        Assert.Single(order.Steps, s => s.Action == "dispatched");

        // Later, from the same stale row: still refused.
        var stale = await world.App.As(other, m => m.Send(new DispatchOrder.Command(id, world.ProviderId, null, seen)));
        Assert.Equal(ResultStatus.Conflict, stale.Status);
    }

    [Fact]
    public async Task Bad_visit_input_is_refused_with_localized_messages_and_nothing_written()
    {
        await using var world = await HomeWorld.CreateAsync();
        var elder = await world.VeryOldElderAsync();
        var neighbour = await world.ElderAsync(NewElder.Command(name: "孙玉梅"));
        var id = await world.OrderAsync(elder);

        // A worker of another provider.
        var notEmployed = await world.App.As(TestUsers.District, m => m.Send(new DispatchOrder.Command(id, world.ProviderId, world.ZhongbeiWorkerId)));
        Assert.Equal(ResultStatus.Invalid, notEmployed.Status);
        Assert.Equal("该服务人员不属于所选服务商。", notEmployed.Message);
        Assert.Equal(OrderStatus.Requested, (await world.OrderOf(id)).Status);

        await world.DispatchAsync(id);
        // Check-out before check-in.
        var early = await world.App.As(world.Worker, m => m.Send(new CheckOut.Command(id)));
        Assert.Equal((ResultStatus.Conflict, "尚未签到，不能签退。"), (early.Status, early.Message));

        // The QR code of another elder's home.
        var neighbourToken = await world.App.Db(db => db.Set<ElderHome>().Where(h => h.ElderId == neighbour).Select(h => h.QrToken).SingleAsync());
        var wrongQr = await world.App.As(world.Worker, m => m.Send(new CheckIn.Command(id, QrToken: neighbourToken)));
        Assert.Equal((ResultStatus.Invalid, "二维码不属于该老人，签到未记录。"), (wrongQr.Status, wrongQr.Message));
        Assert.Equal(OrderStatus.Assigned, (await world.OrderOf(id)).Status);

        // The right code (as scanned: the check-in address), then again.
        var token = await world.App.Db(db => db.Set<ElderHome>().Where(h => h.ElderId == elder).Select(h => h.QrToken).SingleAsync());
        var found = await world.App.As(world.Worker, m => m.Send(new FindVisitByQr.Query($"https://eldercare.example/home-service/worker?qr={token}")));
        Assert.Equal(id, found.Value);
        Assert.True((await world.App.As(world.Worker, m => m.Send(new CheckIn.Command(id, QrToken: token)))).IsSuccess);
        var twice = await world.App.As(world.Worker, m => m.Send(new CheckIn.Command(id, QrToken: token)));
        Assert.Equal((ResultStatus.Conflict, "该服务已签到，不能重复签到。"), (twice.Status, twice.Message));
        Assert.Single((await world.OrderOf(id)).Steps, s => s.Action == "checkedin");

        // Four minutes for a 20-minute lunch: a reason is needed, and "other" needs words.
        world.App.Clock.Advance(TimeSpan.FromMinutes(4));
        var noReason = await world.App.As(world.Worker, m => m.Send(new CheckOut.Command(id)));
        Assert.Equal(ResultStatus.Invalid, noReason.Status);
        Assert.Equal(nameof(ServiceOrder.DurationReason), Assert.Single(noReason.Errors).Field);
        var otherWithoutText = await world.App.As(world.Worker, m => m.Send(new CheckOut.Command(id, Reason: DurationReason.Other)));
        Assert.Equal(ResultStatus.Invalid, otherWithoutText.Status);
        Assert.Equal(OrderStatus.CheckedIn, (await world.OrderOf(id)).Status);
        Assert.True((await world.App.As(world.Worker, m => m.Send(new CheckOut.Command(id, Reason: DurationReason.ElderRequest)))).IsSuccess);
        var order = await world.OrderOf(id);
        Assert.Equal((OrderStatus.CheckedOut, VisitFlags.TooShort, DurationReason.ElderRequest, CheckInMethod.QrCode), (order.Status, order.Flags, order.DurationReason, order.CheckInMethod));
    }

    [Fact]
    public async Task Another_workers_visit_is_invisible_and_untouchable()
    {
        await using var world = await HomeWorld.CreateAsync();
        var id = await world.AssignedAsync(await world.VeryOldElderAsync());
        var colleague = HomeWorld.Principal(Guid.NewGuid(), "服务人员 钱芳", RegionCatalog.YangliuqingCode);
        Assert.Empty((await world.App.As(colleague, m => m.Send(new GetMyVisits.Query()))).Mine);
        Assert.Equal(ResultStatus.NotFound, (await world.App.As(colleague, m => m.Send(new CheckIn.Command(id, QrToken: "x")))).Status);
        Assert.Equal(ResultStatus.NotFound, (await world.App.As(colleague, m => m.Send(new RevealVisitAddress.Command(id)))).Status);
        Assert.Equal(ResultStatus.NotFound, (await world.App.As(world.ZhongbeiWorker, m => m.Send(new CheckIn.Command(id, QrToken: "x")))).Status);
    }

    [Fact]
    public async Task Street2_can_neither_see_nor_dispatch_yangliuqing_orders()
    {
        await using var world = await HomeWorld.CreateAsync();
        var id = await world.OrderAsync(await world.VeryOldElderAsync());

        Assert.Equal(ResultStatus.NotFound, (await world.App.As(TestUsers.Street2, m => m.Send(new GetOrder.Query(id)))).Status);
        Assert.Empty(await world.App.As(TestUsers.Street2, m => m.Send(new ListOrders.Query())));
        Assert.Empty((await world.BoardAsync(TestUsers.Street2)).ToDispatch);
        Assert.DoesNotContain((await world.BoardAsync(TestUsers.Street2)).Providers, p => p.Id == world.ProviderId);
        Assert.Equal(ResultStatus.NotFound, (await world.App.As(TestUsers.Street2, m => m.Send(new DispatchOrder.Command(id, world.ZhongbeiProviderId)))).Status);
        Assert.Equal(ResultStatus.NotFound, (await world.App.As(TestUsers.Street2, m => m.Send(new CancelOrder.Command(id, "误操作")))).Status);
        // Nor can 杨柳青镇 send its order to a provider outside its area.
        var outside = await world.App.As(TestUsers.Street, m => m.Send(new DispatchOrder.Command(id, world.ZhongbeiProviderId)));
        Assert.Equal(ResultStatus.Invalid, outside.Status);
        Assert.Equal(OrderStatus.Requested, (await world.OrderOf(id)).Status);
    }
}
