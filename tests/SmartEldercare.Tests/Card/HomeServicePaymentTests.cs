using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SmartEldercare.Card.Features.Cards;
using SmartEldercare.Card.Features.Payments;
using SmartEldercare.HomeService.Features.Orders;
using SmartEldercare.HomeService.Features.Settlements;
using SmartEldercare.HomeService.Features.Worker;
using SmartEldercare.HomeService.Orders;
using SmartEldercare.Platform.Common;
using SmartEldercare.Tests.HomeService;
using SmartEldercare.Tests.Infrastructure;

namespace SmartEldercare.Tests.Card;

/// <summary>A verified home-service visit is paid from the elder's card, through the home-service module's own verification.</summary>
public sealed class HomeServicePaymentTests
{
    [Fact]
    public async Task Verifying_a_visit_charges_its_self_paid_part_to_the_card_once()
    {
        await using var world = await HomeWorld.CreateAsync();
        var app = world.App;
        var elder = await world.VeryOldElderAsync();
        var card = await app.As(TestUsers.District, m => m.Send(new IssueCard.Command(elder)));
        Assert.True(card.IsSuccess, card.Message);
        Assert.True((await app.As(TestUsers.District, m => m.Send(new TopUpCard.Command(card.Value, 20m, Guid.NewGuid())))).IsSuccess);

        var id = await world.AssignedAsync(elder);
        app.Clock.Advance(TimeSpan.FromMinutes(62));
        Assert.True((await app.As(world.Worker, m => m.Send(new CheckIn.Command(id, HomeWorld.HomeLatitude + 0.0005, HomeWorld.HomeLongitude)))).IsSuccess);
        app.Clock.Advance(TimeSpan.FromMinutes(22));
        Assert.True((await app.As(world.Worker, m => m.Send(new CheckOut.Command(id, ["核对老人身份", "餐食送达并确认温度"], null)))).IsSuccess);
        Assert.True((await app.As(TestUsers.Street, m => m.Send(new VerifyOrder.Command(id)))).IsSuccess);
        Assert.Equal(ResultStatus.Conflict, (await app.As(TestUsers.Street, m => m.Send(new VerifyOrder.Command(id)))).Status);

        var selfPay = (await world.OrderOf(id)).SelfPayAmount;
        Assert.True(selfPay > 0);
        var balances = await app.Db(async db => await CardPayments.BalancesAsync(db, await db.Set<SmartEldercare.Card.Cards.ServiceCard>().SingleAsync(c => c.Id == card.Value), CancellationToken.None));
        Assert.Equal(2000 - selfPay, balances.Self);
    }

    [Fact]
    public async Task A_self_paid_part_the_card_cannot_pay_is_flagged_for_the_street_and_collected_once_it_can()
    {
        await using var world = await HomeWorld.CreateAsync();
        var app = world.App;
        var elder = await world.VeryOldElderAsync();
        var card = await app.As(TestUsers.District, m => m.Send(new IssueCard.Command(elder))); // an empty card
        Assert.True(card.IsSuccess, card.Message);

        var id = await world.AssignedAsync(elder);
        app.Clock.Advance(TimeSpan.FromMinutes(62));
        Assert.True((await app.As(world.Worker, m => m.Send(new CheckIn.Command(id, HomeWorld.HomeLatitude + 0.0005, HomeWorld.HomeLongitude)))).IsSuccess);
        app.Clock.Advance(TimeSpan.FromMinutes(22));
        Assert.True((await app.As(world.Worker, m => m.Send(new CheckOut.Command(id, ["核对老人身份", "餐食送达并确认温度"], null)))).IsSuccess);
        Assert.True((await app.As(TestUsers.Street, m => m.Send(new VerifyOrder.Command(id)))).IsSuccess);

        // Verified, but the card's own balance was short: the order says so and the street's list shows it.
        var order = await world.OrderOf(id);
        Assert.True(order.SelfPayAmount > 0);
        Assert.Equal(SelfPayStatus.Insufficient, order.SelfPay);
        Assert.Equal([(id, SelfPayStatus.Insufficient)], (await app.As(TestUsers.Street, m => m.Send(new ListUncollectedSelfPay.Query()))).Select(u => (u.OrderId, u.Status)));
        Assert.Empty(await app.As(TestUsers.Street2, m => m.Send(new ListUncollectedSelfPay.Query())));

        // Topped up: the next round within the retry period does not ask again; the one after it collects, once.
        Assert.True((await app.As(TestUsers.District, m => m.Send(new TopUpCard.Command(card.Value, 20m, Guid.NewGuid())))).IsSuccess);
        await using var scope = app.Services.CreateAsyncScope();
        var collection = scope.ServiceProvider.GetRequiredService<SelfPayCollection>();
        Assert.Equal(0, await collection.RunOnceAsync(CancellationToken.None));
        app.Clock.Advance(TimeSpan.FromMinutes(61));
        Assert.Equal(1, await collection.RunOnceAsync(CancellationToken.None));
        Assert.Equal(0, await collection.RunOnceAsync(CancellationToken.None));

        Assert.Equal(SelfPayStatus.Charged, (await world.OrderOf(id)).SelfPay);
        Assert.Empty(await app.As(TestUsers.Street, m => m.Send(new ListUncollectedSelfPay.Query())));
        var balances = await app.Db(async db => await CardPayments.BalancesAsync(db, await db.Set<SmartEldercare.Card.Cards.ServiceCard>().SingleAsync(c => c.Id == card.Value), CancellationToken.None));
        Assert.Equal(2000 - order.SelfPayAmount, balances.Self);
    }

    [Fact]
    public async Task A_visit_verified_just_before_a_crash_is_collected_by_the_next_round()
    {
        await using var world = await HomeWorld.CreateAsync();
        var app = world.App;
        var elder = await world.VeryOldElderAsync();
        var card = await app.As(TestUsers.District, m => m.Send(new IssueCard.Command(elder)));
        Assert.True((await app.As(TestUsers.District, m => m.Send(new TopUpCard.Command(card.Value, 20m, Guid.NewGuid())))).IsSuccess);
        var id = await world.AssignedAsync(elder);
        app.Clock.Advance(TimeSpan.FromMinutes(62));
        Assert.True((await app.As(world.Worker, m => m.Send(new CheckIn.Command(id, HomeWorld.HomeLatitude + 0.0005, HomeWorld.HomeLongitude)))).IsSuccess);
        app.Clock.Advance(TimeSpan.FromMinutes(22));
        Assert.True((await app.As(world.Worker, m => m.Send(new CheckOut.Command(id, ["核对老人身份", "餐食送达并确认温度"], null)))).IsSuccess);

        // The verification committed; the process died before the card was asked: verified as VerifyOrder does, without the ask.
        var dbs = app.Services.GetRequiredService<IDbContextFactory<SmartEldercare.Platform.Persistence.EldercareDbContext>>();
        var monthOfOrder = await app.Db(db => db.Set<ServiceOrder>().Where(o => o.Id == id).Select(o => o.Month).SingleAsync());
        await SmartEldercare.HomeService.Entitlements.Balances.EnsureOpenedAsync(dbs, elder, monthOfOrder, CancellationToken.None);
        await app.Db(async db =>
        {
            var order = await db.Set<ServiceOrder>().SingleAsync(o => o.Id == id);
            var balance = await db.Set<SmartEldercare.HomeService.Entitlements.EntitlementBalance>().SingleAsync(b => b.ElderId == elder && b.Month == order.Month);
            Assert.True(order.Verify(balance, "街道工作人员", app.Clock.GetUtcNow().UtcDateTime).IsSuccess);
            return await db.SaveChangesAsync();
        });
        Assert.Equal(SelfPayStatus.Due, (await world.OrderOf(id)).SelfPay);

        app.Clock.Advance(TimeSpan.FromMinutes(2));
        await using var scope = app.Services.CreateAsyncScope();
        Assert.Equal(1, await scope.ServiceProvider.GetRequiredService<SelfPayCollection>().RunOnceAsync(CancellationToken.None));
        Assert.Equal(SelfPayStatus.Charged, (await world.OrderOf(id)).SelfPay);
    }
}
