using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using SmartEldercare.Platform.Common;
using SmartEldercare.Platform.Elders;
using SmartEldercare.Platform.Persistence;
using SmartEldercare.Platform.Regions;
using SmartEldercare.Welfare.Visits;

namespace SmartEldercare.EndToEnd;

[Collection(nameof(EndToEnd))]
public sealed class WelfareJourneyTests(AppServer app, Browser browser)
{
    /// <summary>An overdue visit (three days late) to an elder of 英伦名苑社区, the demo account <c>village</c>'s community.</summary>
    private async Task<(Guid VisitId, string ElderName)> OverdueVisitAsync(int daysLate = 3)
    {
        var ct = TestContext.Current.CancellationToken;
        var dbs = app.Services.GetRequiredService<IDbContextFactory<EldercareDbContext>>();
        await using var db = await dbs.CreateDbContextAsync(ct);
        var today = TimeProvider.System.Today();
        var candidates = await db.Elders.Where(e => e.RegionCode == RegionCatalog.YinglunMingyuanCode && e.Status == ElderStatus.Active)
            .OrderBy(e => e.BirthDate).Take(20).ToListAsync(ct);
        var inHospital = new HashSet<Guid>();
        foreach (var stays in app.Services.GetServices<IHospitalStays>())
        {
            inHospital.UnionWith((await stays.OverlappingAsync([.. candidates.Select(e => e.Id)], today, today, ct)).Select(s => s.ElderId));
        }

        var elder = candidates.First(e => !inHospital.Contains(e.Id)); // an overdue visit to someone in hospital is not listed
        var visit = new Visit
        {
            ElderId = elder.Id, ElderName = elder.Name, RegionCode = elder.RegionCode, Tier = RiskTier.High, Reason = VisitReason.Discharge,
            DueDate = today.AddDays(-daysLate), CreatedAtUtc = DateTime.UtcNow,
        };
        db.Add(visit);
        await db.SaveChangesAsync(ct);
        return (visit.Id, elder.Name);
    }

    [Fact]
    public async Task Village_records_a_visit_from_the_overdue_list_and_the_street_consoles_overdue_count_drops_live()
    {
        var (visitId, elderName) = await OverdueVisitAsync();
        var street = await Session.SignInAsync(app, browser, "street", start: "/");
        var banner = street.GetByTestId("overdue-visits-count");
        await Assertions.Expect(banner).ToBeVisibleAsync();
        var before = int.Parse((await banner.TextContentAsync())!, System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(before >= 1);

        var village = await Session.SignInAsync(app, browser, "village", start: "/welfare/visits");
        var row = village.GetByTestId("overdue-row").Filter(new() { HasText = elderName });
        await Assertions.Expect(row.First).ToBeVisibleAsync();
        var overdueBefore = await village.GetByTestId("overdue-row").CountAsync();
        await row.GetByTestId("overdue-record").First.ClickAsync();
        await Assertions.Expect(village.GetByTestId("visit-form")).ToBeVisibleAsync();
        await village.GetByTestId("visit-save").ClickAsync();
        await Assertions.Expect(village.GetByTestId("visit-form")).ToHaveCountAsync(0);
        await Assertions.Expect(village.GetByTestId("overdue-row")).ToHaveCountAsync(overdueBefore - 1);

        // The street's console, untouched since it loaded: the count follows live.
        if (before > 1)
        {
            await Assertions.Expect(street.GetByTestId("overdue-visits-count")).ToHaveTextAsync((before - 1).ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
        else
        {
            await Assertions.Expect(street.GetByTestId("overdue-visits-banner")).ToHaveCountAsync(0);
        }

        var dbs = app.Services.GetRequiredService<IDbContextFactory<EldercareDbContext>>();
        await using var db = await dbs.CreateDbContextAsync(TestContext.Current.CancellationToken);
        var recorded = await db.Set<Visit>().SingleAsync(v => v.Id == visitId, TestContext.Current.CancellationToken);
        Assert.Equal((VisitStatus.Done, "英伦名苑社区 张丽"), (recorded.Status, recorded.RecordedBy));

        foreach (var page in new[] { street, village })
        {
            await page.Context.CloseAsync();
        }
    }

    [Fact]
    public async Task A_visit_whose_follow_up_is_a_home_service_order_opens_the_new_order_for_that_elder()
    {
        var (_, elderName) = await OverdueVisitAsync(daysLate: 5);
        var village = await Session.SignInAsync(app, browser, "village", start: "/welfare/visits");
        var row = village.GetByTestId("overdue-row").Filter(new() { HasText = elderName });
        await Assertions.Expect(row.First).ToBeVisibleAsync();
        await row.GetByTestId("overdue-record").First.ClickAsync();
        await Assertions.Expect(village.GetByTestId("visit-form")).ToBeVisibleAsync();
        await village.GetByTestId("visit-form").GetByText("需下居家服务单").ClickAsync();
        await village.GetByTestId("visit-save").ClickAsync();
        await village.WaitForURLAsync(new System.Text.RegularExpressions.Regex("/home-service/elders/[0-9a-f-]{36}\\?order=new$"));
        var dialog = village.GetByRole(AriaRole.Dialog);
        await Assertions.Expect(dialog).ToBeVisibleAsync();
        await Assertions.Expect(dialog).ToContainTextAsync("新建工单");
    }

    [Fact]
    public async Task The_district_generates_this_months_allowance_lists_and_every_welfare_page_renders()
    {
        var district = await Session.SignInAsync(app, browser, "district", start: "/welfare");
        await Assertions.Expect(district.GetByTestId("welfare-title")).ToBeVisibleAsync();
        Assert.True(int.Parse((await district.GetByTestId("welfare-80").TextContentAsync())!, System.Globalization.CultureInfo.InvariantCulture) > 0);

        await district.GotoAsync("/welfare/allowance");
        await district.GetByTestId("allowance-generate").ClickAsync();
        await Assertions.Expect(district.GetByTestId("allowance-row").First).ToBeVisibleAsync();
        await district.GetByTestId("allowance-row").First.GetByRole(AriaRole.Link).ClickAsync();
        await Assertions.Expect(district.GetByTestId("allowance-lines")).ToBeVisibleAsync();
        await Assertions.Expect(district.GetByTestId("allowance-list-status")).ToContainTextAsync("待村居审核");

        foreach (var (path, testId) in new[] { ("/welfare/rosters", "roster-table"), ("/welfare/visits", "visit-coverage"), ("/welfare/watch", "watch-run") })
        {
            await district.GotoAsync(path);
            await Assertions.Expect(district.GetByTestId(testId)).ToBeVisibleAsync();
        }

        await Assertions.Expect(district.Locator("#blazor-error-ui")).ToBeHiddenAsync();
        await district.Context.CloseAsync();
    }
}
