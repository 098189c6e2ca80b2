using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;
using Microsoft.Playwright;
using SmartEldercare.Card.Cards;
using SmartEldercare.Card.Ledger;
using SmartEldercare.Platform.Common;
using SmartEldercare.Platform.Elders;
using SmartEldercare.Platform.Localization;
using SmartEldercare.Platform.Persistence;
using SmartEldercare.Platform.Regions;

namespace SmartEldercare.EndToEnd;

[Collection(nameof(EndToEnd))]
public sealed class CardJourneyTests(AppServer app, Browser browser)
{
    /// <summary>An active elder of 英伦名苑社区 (the demo account <c>village</c>'s community) without a card, whose name is unique there.</summary>
    private async Task<string> ElderWithoutCardAsync()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var db = await app.Services.GetRequiredService<IDbContextFactory<EldercareDbContext>>().CreateDbContextAsync(ct);
        var holders = await db.Set<ServiceCard>().Select(c => c.ElderId).ToListAsync(ct);
        var elders = await db.Elders.Where(e => e.RegionCode == RegionCatalog.YinglunMingyuanCode).Select(e => new { e.Id, e.Name, e.Status }).ToListAsync(ct);
        return elders.Where(e => e.Status == ElderStatus.Active && !holders.Contains(e.Id)).GroupBy(e => e.Name).First(g => g.Count() == 1 && elders.Count(e => e.Name == g.Key) == 1).Key;
    }

    /// <summary>This month's meal subsidy, as the district's crediting run would post it.</summary>
    private async Task CreditAsync(string number, long fen)
    {
        var ct = TestContext.Current.CancellationToken;
        var dbs = app.Services.GetRequiredService<IDbContextFactory<EldercareDbContext>>();
        await using var db = await dbs.CreateDbContextAsync(ct);
        var card = await db.Set<ServiceCard>().SingleAsync(c => c.Number == number, ct);
        var district = await LedgerWriter.SystemAccountAsync(dbs, AccountKind.DistrictFunding, null, ct);
        var entry = new LedgerEntry { Kind = EntryKind.Credit, CardId = card.Id, ElderId = card.ElderId, RegionCode = card.RegionCode, AtUtc = DateTime.UtcNow, Amount = fen, SubsidyPart = fen, Note = "高龄助餐补贴" };
        entry.Lines.Add(new LedgerLine { EntryId = entry.Id, AccountId = district, Amount = -fen });
        entry.Lines.Add(new LedgerLine { EntryId = entry.Id, AccountId = card.SubsidyAccountId, Amount = fen });
        var posted = await app.Services.GetRequiredService<LedgerWriter>().PostAsync(app.Services.GetRequiredService<IStringLocalizer<Strings>>(), null,
            _ => Task.FromResult<Result<Posting>>(new Posting(entry, new HashSet<Guid> { card.SubsidyAccountId })), ct);
        Assert.True(posted.IsSuccess);
    }

    [Fact]
    public async Task Village_issues_a_card_the_canteen_pays_a_meal_with_it_once_and_the_statement_shows_the_split()
    {
        var ct = TestContext.Current.CancellationToken;
        var name = await ElderWithoutCardAsync();
        var village = await Session.SignInAsync(app, browser, "village", start: "/card");

        // Issue: pick the elder, the card page opens with the new number.
        await Assertions.Expect(village.GetByTestId("card-title")).ToBeVisibleAsync();
        var picker = village.Locator("[data-testid=card-elder] input, input[data-testid=card-elder]").First;
        await picker.FillAsync(name);
        await Session.PickElderAsync(village, picker, name);
        await village.GetByTestId("card-issue").ClickAsync();
        await Assertions.Expect(village.GetByTestId("card-number")).ToBeVisibleAsync();
        var number = (await village.GetByTestId("card-number").TextContentAsync())!.Replace(" ", string.Empty, StringComparison.Ordinal);
        Assert.NotNull(CardNumber.Normalize(number));

        // ¥150 meal subsidy credited; the elder pays ¥20 in at the service station.
        await CreditAsync(number, 150_00);
        await village.Locator("#topup-amount").FillAsync("20");
        await village.GetByTestId("topup-confirm").ClickAsync();
        await Assertions.Expect(village.GetByTestId("topup-receipt")).ToContainTextAsync("¥20.00");

        // The canteen: lunch ¥12 — ¥10 from the subsidy (the per-meal cap), ¥2 self-paid; a double-tapped confirm charges once.
        await village.GotoAsync("/card/pos");
        await Assertions.Expect(village.GetByTestId("pos-title")).ToBeVisibleAsync();
        await village.Locator("#pos-card").FillAsync(number);
        await village.GetByTestId("pos-meal-1").ClickAsync();
        await Assertions.Expect(village.Locator("#pos-amount")).ToHaveValueAsync("12.00");
        await village.GetByTestId("pos-quote").ClickAsync();
        await Assertions.Expect(village.GetByTestId("pos-split")).ToContainTextAsync("补贴支付 ¥10.00，自费支付 ¥2.00");
        await village.GetByTestId("pos-confirm").DblClickAsync();
        await Assertions.Expect(village.GetByTestId("pos-receipt")).ToBeVisibleAsync();
        await Assertions.Expect(village.GetByTestId("pos-receipt-split")).ToContainTextAsync("补贴支付 ¥10.00，自费支付 ¥2.00");
        await using (var db = await app.Services.GetRequiredService<IDbContextFactory<EldercareDbContext>>().CreateDbContextAsync(ct))
        {
            var card = await db.Set<ServiceCard>().SingleAsync(c => c.Number == number, ct);
            Assert.Equal(1, await db.Set<LedgerEntry>().CountAsync(e => e.CardId == card.Id && e.Kind == EntryKind.Payment, ct));
        }

        // The elder's statement of the month, in Chinese, with the split.
        await village.GotoAsync("/card?search=" + number);
        await village.Locator("[data-testid=card-search] input, input[data-testid=card-search]").First.FillAsync(number);
        await village.Locator("[data-testid=card-search] input, input[data-testid=card-search]").First.PressAsync("Enter");
        await village.GetByTestId("card-row").Filter(new() { HasText = name }).GetByTestId("card-open").ClickAsync();
        await village.GetByTestId("card-statement-link").ClickAsync();
        var payment = village.GetByTestId("statement-line").Filter(new() { HasText = "刷卡消费" });
        await Assertions.Expect(payment).ToHaveCountAsync(1);
        await Assertions.Expect(payment).ToContainTextAsync("−¥10.00");
        await Assertions.Expect(payment).ToContainTextAsync("−¥2.00");
        await Assertions.Expect(village.GetByTestId("statement-subsidy-closing")).ToHaveTextAsync("¥140.00");
        await Assertions.Expect(village.GetByTestId("statement-self-closing")).ToHaveTextAsync("¥18.00");
    }
}
