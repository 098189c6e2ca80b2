using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using SmartEldercare.Platform.Elders;
using SmartEldercare.Platform.Persistence;
using SmartEldercare.Platform.Regions;
using SmartEldercare.Social;
using SmartEldercare.Social.Activities;

namespace SmartEldercare.EndToEnd;

[Collection(nameof(EndToEnd))]
public sealed class SocialJourneyTests(AppServer app, Browser browser)
{
    /// <summary>An active elder of 英伦名苑社区 (the demo account <c>village</c>'s) with a name of their own there, not yet in any digital-skills class.</summary>
    private async Task<string> NewcomerAsync()
    {
        var ct = TestContext.Current.CancellationToken;
        var dbs = app.Services.GetRequiredService<IDbContextFactory<EldercareDbContext>>();
        await using var db = await dbs.CreateDbContextAsync(ct);
        var taken = await db.Set<Enrolment>().Select(e => e.ElderId).Union(db.Set<Attendance>().Select(a => a.ElderId)).ToListAsync(ct);
        var elders = await db.Elders.Where(e => e.RegionCode == RegionCatalog.YinglunMingyuanCode && e.Status == ElderStatus.Active)
            .Select(e => new { e.Id, e.Name }).ToListAsync(ct);
        return elders.GroupBy(e => e.Name).Where(g => g.Count() == 1).Select(g => g.Single())
            .Where(e => !taken.Contains(e.Id)).OrderBy(e => e.Name, StringComparer.Ordinal).First().Name;
    }

    [Fact]
    public async Task Village_enrols_an_elder_in_the_smartphone_class_records_attendance_and_the_communitys_coverage_rises()
    {
        var name = await NewcomerAsync();
        var village = await Session.SignInAsync(app, browser, "village", start: "/social");
        var coverage = village.Locator($"[data-testid=coverage-row][data-region='{RegionCatalog.YinglunMingyuanCode}']").GetByTestId("coverage-attended");
        await Assertions.Expect(coverage).ToBeVisibleAsync();
        var before = int.Parse((await coverage.TextContentAsync())!, CultureInfo.InvariantCulture);

        await village.GetByTestId("activity-row").Filter(new() { HasText = SocialDemoData.SmartphoneClass }).GetByRole(AriaRole.Link).ClickAsync();
        await Assertions.Expect(village.GetByTestId("activity-heading")).ToHaveTextAsync(SocialDemoData.SmartphoneClass);
        await village.GetByTestId("elder-search").FillAsync(name);
        await village.GetByTestId("elder-search-go").ClickAsync();
        await village.GetByTestId("elder-pick").Filter(new() { HasText = name }).GetByTestId("elder-enrol").ClickAsync();

        var row = village.GetByTestId("enrolment-row").Filter(new() { HasText = name });
        await Assertions.Expect(row).ToHaveAttributeAsync("data-status", "Enrolled");
        await row.GetByTestId("attend").ClickAsync();
        await Assertions.Expect(row.GetByTestId("attended")).ToBeVisibleAsync();

        await village.GotoAsync("/social");
        await Assertions.Expect(coverage).ToHaveTextAsync((before + 1).ToString(CultureInfo.InvariantCulture));
        await Assertions.Expect(village.Locator("#blazor-error-ui")).ToBeHiddenAsync();
        await village.Context.CloseAsync();
    }

    [Fact]
    public async Task The_district_sees_the_circle_plot_with_gaps_and_every_social_page_renders()
    {
        var district = await Session.SignInAsync(app, browser, "district", start: "/social/circle");
        await Assertions.Expect(district.GetByTestId("circle-plot")).ToBeVisibleAsync();
        Assert.True(await district.Locator("[data-testid=plot-community][data-gap=true]").CountAsync() > 0);
        Assert.True(await district.GetByTestId("plot-resource").CountAsync() > 0);

        foreach (var (path, testId) in new[]
        {
            ("/social/circle/gaps", "gap-table"), ("/social/volunteers", "volunteer-table"), ("/social/canteens", "canteen-table"), ("/social/charities", "charity-table"), ("/social", "coverage-table"),
        })
        {
            await district.GotoAsync(path);
            await Assertions.Expect(district.GetByTestId(testId)).ToBeVisibleAsync();
        }

        await district.GotoAsync("/social/volunteers");
        await district.GetByTestId("volunteer-row").First.GetByRole(AriaRole.Link).ClickAsync();
        await Assertions.Expect(district.GetByTestId("ledger-table")).ToBeVisibleAsync();
        await district.GotoAsync("/social/canteens");
        await district.GetByTestId("canteen-row").First.GetByRole(AriaRole.Link).ClickAsync();
        await Assertions.Expect(district.GetByTestId("statement-days")).ToBeVisibleAsync();
        await Assertions.Expect(district.Locator("#blazor-error-ui")).ToBeHiddenAsync();
        await district.Context.CloseAsync();
    }
}
