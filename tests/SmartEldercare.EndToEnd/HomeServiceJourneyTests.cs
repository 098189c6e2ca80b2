using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using SmartEldercare.HomeService.Entitlements;
using SmartEldercare.HomeService.Orders;
using SmartEldercare.Platform.Common;
using SmartEldercare.Platform.Elders;
using SmartEldercare.Platform.Persistence;

namespace SmartEldercare.EndToEnd;

[Collection(nameof(EndToEnd))]
public sealed class HomeServiceJourneyTests(AppServer app, Browser browser)
{
    private const string Yangliuqing = "120111100";

    /// <summary>
    /// An elder of 杨柳青镇 with a located home and an entitlement unit still free this month, and without a standing
    /// plan: the plan scheduler runs in the background and may book a plan's order (and so the free unit) at any moment.
    /// </summary>
    private async Task<(Guid Id, string Name, double Latitude, double Longitude)> ElderWithEntitlementAsync()
    {
        var dbs = app.Services.GetRequiredService<IDbContextFactory<EldercareDbContext>>();
        await using var db = await dbs.CreateDbContextAsync(TestContext.Current.CancellationToken);
        var month = YearMonth.Of(TimeProvider.System.Today());
        var planned = (await db.Set<ServicePlan>().Select(p => p.ElderId).ToListAsync(TestContext.Current.CancellationToken)).ToHashSet();
        var homes = await db.Set<ElderHome>().Where(h => h.RegionCode.StartsWith(Yangliuqing)).ToListAsync(TestContext.Current.CancellationToken);
        foreach (var home in homes.Where(h => h.Coordinates is not null && !planned.Contains(h.ElderId)))
        {
            var elder = await db.Elders.SingleAsync(e => e.Id == home.ElderId, TestContext.Current.CancellationToken);
            if (elder.Status == ElderStatus.Active && (await Balances.ViewAsync(db, elder, month, TestContext.Current.CancellationToken)).Available >= 1)
            {
                return (elder.Id, elder.Name, home.Coordinates!.Value.Latitude, home.Coordinates.Value.Longitude);
            }
        }

        throw new InvalidOperationException("No demo elder with a free entitlement unit in 杨柳青镇.");
    }

    [Fact]
    public async Task Street_orders_and_dispatches_a_lunch_the_worker_checks_in_and_out_on_a_phone_and_the_verified_visit_draws_the_balance()
    {
        var (elderId, elderName, latitude, longitude) = await ElderWithEntitlementAsync();
        var street = await Session.SignInAsync(app, browser, "street");

        // The elder's page: this month's balance, then a lunch ordered for the next hour.
        await street.GotoAsync($"/home-service/elders/{elderId}");
        await Assertions.Expect(street.GetByTestId("elder-services-title")).ToContainTextAsync(elderName);
        var before = int.Parse((await street.GetByTestId("elder-balance").GetByTestId("balance-remaining").TextContentAsync())!, System.Globalization.CultureInfo.InvariantCulture);
        await street.GetByTestId("elder-order").ClickAsync();
        await Session.SelectAsync(street, street.GetByTestId("order-item"), "午餐送餐上门");
        await street.GetByTestId("order-submit").ClickAsync();
        await Session.ExpectDialogClosedAsync(street, "order-submit");

        // The dispatch board: one click for the demo provider (its only worker comes preselected).
        await street.GotoAsync("/home-service/dispatch");
        var card = street.GetByTestId("lane-ToDispatch").GetByTestId("board-order").Filter(new() { HasText = elderName });
        await Assertions.Expect(card).ToHaveCountAsync(1);
        var orderId = await card.GetAttributeAsync("data-order-id");
        await card.GetByTestId("board-dispatch").ClickAsync();
        await Assertions.Expect(street.GetByTestId("dispatch-provider")).ToContainTextAsync("杨柳青镇颐康居家养老服务有限公司");
        await street.GetByTestId("dispatch-submit").ClickAsync();
        await Assertions.Expect(street.GetByTestId("lane-Assigned").Locator($"[data-order-id='{orderId}']")).ToBeVisibleAsync();

        // The worker's phone, standing at the elder's door.
        var worker = await Session.SignInAsync(app, browser, "worker", 400, 860, start: "/home-service/worker");
        await worker.Context.GrantPermissionsAsync(["geolocation"]);
        await worker.Context.SetGeolocationAsync(new Geolocation { Latitude = (float)latitude, Longitude = (float)longitude, Accuracy = 20 });
        await worker.GotoAsync("/home-service/worker");
        var visit = worker.Locator($"[data-testid=visit][data-order-id='{orderId}']");
        await Assertions.Expect(visit).ToHaveAttributeAsync("data-status", "Assigned");
        await visit.GetByTestId("visit-checkin").ClickAsync();
        await Assertions.Expect(visit).ToHaveAttributeAsync("data-status", "CheckedIn");
        await Assertions.Expect(street.GetByTestId("lane-InProgress").Locator($"[data-order-id='{orderId}']")).ToBeVisibleAsync(); // live, no reload

        // Much shorter than the 20-minute standard right after arriving: the checklist, and a reason.
        await visit.GetByTestId("visit-task").First.ClickAsync();
        await visit.GetByTestId("visit-reason").ClickAsync();
        await worker.Locator(".mud-popover-open .mud-list-item", new() { HasText = "老人要求" }).ClickAsync();
        await visit.GetByTestId("visit-checkout").ClickAsync();
        await Assertions.Expect(visit).ToHaveAttributeAsync("data-status", "CheckedOut");
        await Assertions.Expect(worker.GetByTestId("worker-message")).ToContainTextAsync("已签退");
        Directory.CreateDirectory(Path.Combine(AppContext.BaseDirectory, "screenshots"));
        await worker.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(AppContext.BaseDirectory, "screenshots", "home-service-worker.png"), FullPage = true });

        // Back on the street's board, live: verify; it leaves the board and shows verified on the order and the console.
        var toVerify = street.GetByTestId("lane-ToVerify").Locator($"[data-order-id='{orderId}']");
        await Assertions.Expect(toVerify).ToBeVisibleAsync();
        await toVerify.GetByTestId("board-verify").ClickAsync();
        await Assertions.Expect(street.Locator($"[data-testid=board-order][data-order-id='{orderId}']")).ToHaveCountAsync(0);
        await street.GotoAsync($"/home-service/orders/{orderId}");
        await Assertions.Expect(street.GetByTestId("order-detail-status")).ToHaveAttributeAsync("data-status", "Verified");
        await Assertions.Expect(street.GetByTestId("order-timeline")).ToContainTextAsync("服务人员 孙梅");
        await Assertions.Expect(street.GetByTestId("order-flag")).ToContainTextAsync("时长过短");
        await street.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(AppContext.BaseDirectory, "screenshots", "home-service-order.png"), FullPage = true });

        await street.GotoAsync($"/home-service/elders/{elderId}");
        await Assertions.Expect(street.GetByTestId("elder-balance").GetByTestId("balance-remaining")).ToHaveTextAsync((before - 1).ToString(System.Globalization.CultureInfo.InvariantCulture));
        await street.GotoAsync("/");
        await Assertions.Expect(street.GetByTestId("live-feed")).ToContainTextAsync("居家服务：已核验");

        foreach (var page in new[] { street, worker })
        {
            await page.Context.CloseAsync();
        }
    }

    [Fact]
    public async Task Last_month_is_settled_by_the_street_approved_by_the_district_and_downloaded_and_the_other_pages_show_the_demo_month()
    {
        var shots = Path.Combine(AppContext.BaseDirectory, "screenshots");
        Directory.CreateDirectory(shots);
        var street = await Session.SignInAsync(app, browser, "street");
        await street.GotoAsync("/home-service/settlements");
        await Assertions.Expect(street.GetByTestId("settlements-title")).ToBeVisibleAsync();
        await Assertions.Expect(street.GetByTestId("settle-provider")).ToContainTextAsync("杨柳青镇颐康居家养老服务有限公司");
        await street.GetByTestId("settle-generate").ClickAsync(); // the provider and last month are preselected
        await Assertions.Expect(street.GetByTestId("settlement-title")).ToContainTextAsync("杨柳青镇颐康居家养老服务有限公司");
        await Assertions.Expect(street.GetByTestId("settlement-status")).ToHaveTextAsync("待街镇审核");
        await street.GetByTestId("settlement-approve").ClickAsync();
        await Assertions.Expect(street.GetByTestId("settlement-status")).ToHaveTextAsync("街镇已审核");
        var settlementUrl = new Uri(street.Url).AbsolutePath;
        await street.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(shots, "home-service-settlement.png"), FullPage = true });

        var district = await Session.SignInAsync(app, browser, "district");
        await district.GotoAsync(settlementUrl);
        await district.GetByTestId("settlement-approve").ClickAsync();
        await Assertions.Expect(district.GetByTestId("settlement-status")).ToHaveTextAsync("区级已审核");
        var download = await district.RunAndWaitForDownloadAsync(() => district.GetByTestId("settlement-xlsx").ClickAsync());
        Assert.EndsWith(".xlsx", download.SuggestedFilename, StringComparison.Ordinal);
        var path = Path.Combine(shots, download.SuggestedFilename);
        await download.SaveAsAsync(path);
        using (var file = File.OpenRead(path))
        {
            Assert.Contains("结算明细", MiniExcelLibs.MiniExcel.GetSheetNames(file));
        }

        // The other pages render the demo month.
        await district.GotoAsync("/home-service/catalogue");
        await Assertions.Expect(district.GetByTestId("item-row")).ToHaveCountAsync(11);
        await street.GotoAsync("/home-service/providers");
        await Assertions.Expect(street.GetByTestId("provider-row").First).ToContainTextAsync("杨柳青镇颐康");
        await street.GotoAsync("/home-service/kpi");
        await Assertions.Expect(street.GetByTestId("hs-kpi-title")).ToContainTextAsync("杨柳青镇");
        await street.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(shots, "home-service-kpi.png"), FullPage = true });
        await street.GotoAsync("/home-service/dispatch");
        await Assertions.Expect(street.GetByTestId("board-providers")).ToContainTextAsync("服务人员 孙梅");
        await street.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(shots, "home-service-board.png"), FullPage = true });

        foreach (var page in new[] { street, district })
        {
            await page.Context.CloseAsync();
        }
    }
}
