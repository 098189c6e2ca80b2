using Bunit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SmartEldercare.Card.Features.Cards;
using SmartEldercare.Card.Features.Payments;
using SmartEldercare.Card.Features.Supervision;
using SmartEldercare.Platform.Organisations;
using SmartEldercare.Platform.Persistence;
using SmartEldercare.Platform.Privacy;
using SmartEldercare.Platform.Regions;
using SmartEldercare.Tests.Infrastructure;

namespace SmartEldercare.Tests.Components;

/// <summary>The card supervision panel on the street console follows a new flag without a reload.</summary>
public sealed class CardPanelComponentTests : IAsyncLifetime
{
    private ComponentTestContext ctx = null!;
    private (Guid First, Guid Second) canteens;

    public async ValueTask InitializeAsync()
    {
        ctx = await ComponentTestContext.CreateAsync(TestUsers.Street);
        ctx.Services.GetRequiredService<PersonalDataProtector>().Protect("warm-up");
        var dbs = ctx.Services.GetRequiredService<IDbContextFactory<EldercareDbContext>>();
        await using var db = await dbs.CreateDbContextAsync(Xunit.TestContext.Current.CancellationToken);
        var now = ctx.Clock.GetUtcNow().UtcDateTime;
        var first = new Organisation { Name = "英伦名苑老人家食堂", Type = OrganisationType.Canteen, RegionCode = RegionCatalog.YinglunMingyuanCode, CreatedAtUtc = now };
        var second = new Organisation { Name = "杨柳青镇中心食堂", Type = OrganisationType.Canteen, RegionCode = RegionCatalog.YangliuqingCode, CreatedAtUtc = now };
        db.Organisations.AddRange(first, second);
        await db.SaveChangesAsync(Xunit.TestContext.Current.CancellationToken);
        canteens = (first.Id, second.Id);
    }

    public async ValueTask DisposeAsync()
    {
        await ctx.DisposeAsync();
        GC.SuppressFinalize(this);
    }

    [Fact]
    public async Task A_card_paying_at_two_places_within_minutes_appears_on_the_street_console_panel_live()
    {
        var elder = await ctx.Send(m => m.Send(NewElder.Command(name: "刘桂兰")));
        Assert.True(elder.IsSuccess, elder.Message);
        var card = await ctx.Send(m => m.Send(new IssueCard.Command(elder.Value)));
        Assert.True(card.IsSuccess, card.Message);
        Assert.True((await ctx.Send(m => m.Send(new TopUpCard.Command(card.Value, 100m, Guid.NewGuid())))).IsSuccess);
        var number = await ctx.Services.GetRequiredService<IDbContextFactory<EldercareDbContext>>().CreateDbContext()
            .Set<SmartEldercare.Card.Cards.ServiceCard>().Where(c => c.Id == card.Value).Select(c => c.Number).SingleAsync(Xunit.TestContext.Current.CancellationToken);

        var panel = ctx.Render<CardFlagsPanel>();
        panel.WaitForAssertion(() => Assert.Contains("今日暂无异常用卡", panel.Markup, StringComparison.Ordinal), TimeSpan.FromSeconds(5));

        Assert.True((await ctx.Send(m => m.Send(new PayWithCard.Command(number, canteens.First, 12m, Guid.NewGuid())))).IsSuccess);
        ctx.Clock.Advance(TimeSpan.FromMinutes(3));
        Assert.True((await ctx.Send(m => m.Send(new PayWithCard.Command(number, canteens.Second, 10m, Guid.NewGuid())))).IsSuccess);

        panel.WaitForAssertion(() =>
        {
            var count = Assert.Single(panel.FindAll("[data-testid=card-flag-count]"));
            Assert.Contains("1", count.TextContent, StringComparison.Ordinal);
            Assert.Contains("刘桂兰", Assert.Single(panel.FindAll("[data-testid=card-flag]")).TextContent, StringComparison.Ordinal);
        }, TimeSpan.FromSeconds(5));
        Assert.Equal(FlagKind.TwoPlaces, Assert.Single(await ctx.Send(m => m.Send(new ListFlags.Query(DateOnly.FromDateTime(ctx.Clock.GetUtcNow().AddHours(8).DateTime))))).Kind);
    }
}
