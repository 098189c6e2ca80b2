using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;

namespace SmartEldercare.EndToEnd;

[Collection(nameof(EndToEnd))]
public sealed class EmergencyJourneyTests(AppServer app, Browser browser)
{
    private const string Yinglun = "120111100001"; // 英伦名苑, a community of 杨柳青镇
    private const string Xihuayuan = "120111101001"; // 西华园, a community of 中北镇

    [Fact]
    public async Task An_sos_from_the_simulator_reaches_the_responder_with_a_tone_climbs_to_the_district_and_shows_acknowledged_on_the_street_console()
    {
        var responder = await Session.SignInAsync(app, browser, "responder", 420, 860); // phone-sized
        await responder.GotoAsync("/emergency/respond");
        await Assertions.Expect(responder.GetByTestId("respond-title")).ToBeVisibleAsync();
        var street = await Session.SignInAsync(app, browser, "street");
        await street.GotoAsync("/emergency");
        var district = await Session.SignInAsync(app, browser, "district");
        await district.GotoAsync("/emergency");
        await Assertions.Expect(district.GetByTestId("alarm-desk-title")).ToBeVisibleAsync();

        // The device side: an installer account registers an SOS pendant, which then signs its press.
        using var simulator = await DeviceSimulator.DeviceSimulator.SignInAsync(new Uri(app.BaseUrl), "village", Session.Password, TestContext.Current.CancellationToken);
        var elder = await simulator.FindElderAsync(Yinglun, TestContext.Current.CancellationToken);
        var pendant = await simulator.RegisterAsync(elder, "SosButton", null, TestContext.Current.CancellationToken);
        var (status, results) = await simulator.SendAsync(pendant, [DeviceSimulator.DeviceSimulator.Event("sos")], TestContext.Current.CancellationToken);
        Assert.Equal(202, status);
        var alarmId = Assert.Single(results).AlarmId!.Value.ToString();

        // Live on the responder's phone: highlighted, with the tone indicator, no reload.
        var mine = responder.Locator($"[data-alarm-id='{alarmId}']");
        await Assertions.Expect(mine).ToBeVisibleAsync();
        await Assertions.Expect(responder.GetByTestId("alarm-tone")).ToBeVisibleAsync();

        // Unanswered past the (short) SLA twice: it reaches the district with a notice.
        var atDistrict = district.Locator($"[data-alarm-id='{alarmId}']");
        await Assertions.Expect(atDistrict.GetByTestId("alarm-tier")).ToContainTextAsync("区级", new() { Timeout = 30_000 });
        await Assertions.Expect(district.GetByTestId("alarm-notice")).ToBeVisibleAsync();

        await mine.GetByTestId("alarm-acknowledge").ClickAsync();
        await Assertions.Expect(street.Locator($"[data-alarm-id='{alarmId}']")).ToHaveAttributeAsync("data-status", "Acknowledged");
        await Assertions.Expect(street.Locator($"[data-alarm-id='{alarmId}']").GetByTestId("alarm-status")).ToContainTextAsync("已接警");
        // This alarm stops ringing; the tone stays only while another critical alarm (from elsewhere in the run) still rings.
        await Assertions.Expect(mine).ToHaveAttributeAsync("data-ringing", "false");
        Assert.True(await responder.EvaluateAsync<bool>("() => (document.querySelectorAll('[data-ringing=\"true\"]').length > 0) === (document.querySelector('[data-testid=\"alarm-tone\"]') !== null)"),
            "the tone shows exactly when some alarm on the queue still rings");

        // The responder goes, arrives and closes it from the alarm's page; the timeline tells the story.
        await mine.GetByTestId("alarm-take").ClickAsync();
        await mine.GetByTestId("alarm-onscene").ClickAsync();
        await mine.GetByTestId("alarm-open").ClickAsync();
        await Assertions.Expect(responder.GetByTestId("elder-card")).ToBeVisibleAsync();
        await responder.GetByTestId("detail-resolve").ClickAsync();
        await responder.GetByTestId("resolve-submit").ClickAsync();
        await Assertions.Expect(responder.GetByTestId("alarm-detail-status")).ToContainTextAsync("已处置");
        await Assertions.Expect(responder.GetByTestId("alarm-timeline")).ToContainTextAsync("超时升级至区级");
        await Assertions.Expect(street.Locator($"[data-alarm-id='{alarmId}']")).ToHaveCountAsync(0);

        Directory.CreateDirectory(Path.Combine(AppContext.BaseDirectory, "screenshots"));
        await responder.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(AppContext.BaseDirectory, "screenshots", "emergency-responder-alarm.png"), FullPage = true });
        foreach (var page in new[] { responder, street, district })
        {
            await page.Context.CloseAsync();
        }
    }

    [Fact]
    public async Task An_elder_moved_to_another_street_takes_the_pendant_along_and_the_next_sos_reaches_the_new_street_only()
    {
        var ct = TestContext.Current.CancellationToken;
        var street = await Session.SignInAsync(app, browser, "street");
        await street.GotoAsync("/emergency");
        var street2 = await Session.SignInAsync(app, browser, "street2");
        await street2.GotoAsync("/emergency");
        await Assertions.Expect(street2.GetByTestId("alarms-open")).ToBeVisibleAsync();

        // The district's operator: an elder of 英伦名苑 (杨柳青镇) with an SOS pendant moves to 西华园 (中北镇).
        using var staff = new HttpClient { BaseAddress = new Uri(app.BaseUrl) };
        var token = await (await staff.PostAsJsonAsync("/api/v1/auth/token", new { userName = "district", password = Session.Password }, ct)).Content.ReadFromJsonAsync<JsonElement>(ct);
        staff.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token.GetProperty("accessToken").GetString());
        var page = await staff.GetFromJsonAsync<JsonElement>($"/api/v1/elders?status=Active&region={Yinglun}&page=3&pageSize=1", ct);
        var elderId = page.GetProperty("items")[0].GetProperty("id").GetGuid();
        using var simulator = await DeviceSimulator.DeviceSimulator.SignInAsync(new Uri(app.BaseUrl), "district", Session.Password, ct);
        var pendant = await simulator.RegisterAsync(elderId, "SosButton", null, ct);

        var elder = await staff.GetFromJsonAsync<JsonElement>($"/api/v1/elders/{elderId}", ct);
        var moved = await staff.PutAsJsonAsync($"/api/v1/elders/{elderId}", new
        {
            id = elderId,
            version = elder.GetProperty("version").GetInt32(),
            name = elder.GetProperty("name").GetString(),
            regionCode = Xihuayuan,
            livingSituation = elder.GetProperty("livingSituation"),
            careLevel = elder.GetProperty("careLevel").GetInt32(),
            lowIncome = elder.GetProperty("lowIncome").GetBoolean(),
            destitute = elder.GetProperty("destitute").GetBoolean(),
            emergencyContacts = elder.GetProperty("emergencyContacts").EnumerateArray()
                .Select(c => new { id = c.GetProperty("id").GetInt32(), name = c.GetProperty("name").GetString(), relation = c.GetProperty("relation").GetString() }).ToList(),
        }, ct);
        Assert.True(moved.IsSuccessStatusCode, await moved.Content.ReadAsStringAsync(ct));

        var (status, results) = await simulator.SendAsync(pendant, [DeviceSimulator.DeviceSimulator.Event("sos")], ct);
        Assert.Equal(202, status);
        var alarmId = Assert.Single(results).AlarmId!.Value.ToString();

        // The new street's console shows it live; the old street's does not have it, even after a reload.
        await Assertions.Expect(street2.Locator($"[data-alarm-id='{alarmId}']")).ToBeVisibleAsync();
        await street.ReloadAsync();
        await Assertions.Expect(street.GetByTestId("alarms-open")).ToBeVisibleAsync();
        await Assertions.Expect(street.Locator($"[data-alarm-id='{alarmId}']")).ToHaveCountAsync(0);

        foreach (var p in new[] { street, street2 })
        {
            await p.Context.CloseAsync();
        }
    }
}
