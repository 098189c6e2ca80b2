using Microsoft.Playwright;

namespace SmartEldercare.EndToEnd;

[Collection(nameof(EndToEnd))]
public sealed class DashboardJourneyTests(AppServer app, Browser browser)
{
    private const string Yangliuqing = "120111100"; // 杨柳青镇
    private const string Yinglun = "120111100001"; // 英伦名苑, a community of 杨柳青镇

    [Fact]
    public async Task The_district_dashboard_shows_a_new_alarm_without_a_reload_and_drills_down_to_a_village()
    {
        var district = await Session.SignInAsync(app, browser, "district", 1600, 1000);
        await district.GotoAsync("/dashboard");
        var dashboard = district.GetByTestId("dashboard");
        await Assertions.Expect(dashboard).ToHaveAttributeAsync("data-level", "District");
        await Assertions.Expect(district.GetByTestId("map-region")).ToHaveCountAsync(10);
        // Interactive (not the prerendered page): the dashboard has subscribed to the live updates of its scope.
        await Assertions.Expect(dashboard).ToHaveAttributeAsync("data-live", "on", new() { Timeout = 30_000 });
        var openTile = district.GetByTestId("tile-alarms-open");
        var before = int.Parse((await openTile.GetAttributeAsync("data-value"))!.Replace(",", "", StringComparison.Ordinal), System.Globalization.CultureInfo.InvariantCulture);

        // A mark on the page's window: a reload (or a navigation) would drop it.
        await district.EvaluateAsync("() => { window.__eldercareNoReload = true; }");

        using var simulator = await DeviceSimulator.DeviceSimulator.SignInAsync(new Uri(app.BaseUrl), "village", Session.Password, TestContext.Current.CancellationToken);
        var elder = await simulator.FindElderAsync(Yinglun, TestContext.Current.CancellationToken);
        var pendant = await simulator.RegisterAsync(elder, "SosButton", null, TestContext.Current.CancellationToken);
        var (status, _) = await simulator.SendAsync(pendant, [DeviceSimulator.DeviceSimulator.Event("sos")], TestContext.Current.CancellationToken);
        Assert.Equal(202, status);

        // The pushed delta moves the tile on the page as it is. How fast is the alarms bench's business, not a test's.
        await district.WaitForFunctionAsync(
            "prev => Number(document.querySelector('[data-testid=tile-alarms-open]').dataset.value.replace(/,/g, '')) > prev",
            before, new PageWaitForFunctionOptions { PollingInterval = 50 });
        Assert.True(await district.EvaluateAsync<bool>("() => window.__eldercareNoReload === true"), "the dashboard was reloaded to show the alarm");
        await Assertions.Expect(district.Locator($"[data-testid=map-region][data-code='{Yangliuqing}']")).Not.ToHaveAttributeAsync("data-open", "0");

        // Drill-down by clicking: district → 杨柳青镇 → 英伦名苑.
        await district.Locator($"[data-testid=map-region][data-code='{Yangliuqing}']").ClickAsync();
        await Assertions.Expect(dashboard).ToHaveAttributeAsync("data-region", Yangliuqing);
        await Assertions.Expect(dashboard).ToHaveAttributeAsync("data-level", "Street");
        await Assertions.Expect(district.GetByTestId("dashboard-breadcrumbs")).ToContainTextAsync("杨柳青镇");
        await district.Locator($"[data-testid=map-region][data-code='{Yinglun}']").ClickAsync();
        await Assertions.Expect(dashboard).ToHaveAttributeAsync("data-region", Yinglun);
        await Assertions.Expect(dashboard).ToHaveAttributeAsync("data-level", "Village");
        await Assertions.Expect(district.GetByTestId("dashboard-title")).ToContainTextAsync("英伦名苑");
        Assert.NotEqual("0", await district.GetByTestId("tile-alarms-open").GetAttributeAsync("data-value"));

        // The wall mode of the same village: dark, without the navigation.
        await district.GotoAsync("/dashboard/wall/" + Yinglun);
        await Assertions.Expect(district.GetByTestId("wall-layout")).ToBeVisibleAsync();
        await Assertions.Expect(district.GetByTestId("dashboard")).ToHaveAttributeAsync("data-level", "Village");

        Directory.CreateDirectory(Path.Combine(AppContext.BaseDirectory, "screenshots"));
        await district.GotoAsync("/dashboard/wall");
        await Assertions.Expect(district.GetByTestId("map-region")).ToHaveCountAsync(10);
        await district.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(AppContext.BaseDirectory, "screenshots", "dashboard-wall.png"), FullPage = true });
        await district.Context.CloseAsync();
    }

    [Fact]
    public async Task A_street_user_sees_a_refusal_for_another_streets_dashboard()
    {
        var street2 = await Session.SignInAsync(app, browser, "street2");
        await street2.GotoAsync("/dashboard/" + Yangliuqing);
        await Assertions.Expect(street2.GetByTestId("dashboard-refused")).ToBeVisibleAsync();
        await Assertions.Expect(street2.GetByTestId("dashboard")).ToHaveCountAsync(0);
        await street2.Context.CloseAsync();
    }
}
