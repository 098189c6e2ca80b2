using Microsoft.EntityFrameworkCore;
using SmartEldercare.Card.Features.Cards;
using SmartEldercare.Card.Features.Payments;
using SmartEldercare.HomeService.Features.Orders;
using SmartEldercare.HomeService.Features.Worker;
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
        Assert.Equal(2000 - (long)(selfPay * 100m), balances.Self);
    }
}
