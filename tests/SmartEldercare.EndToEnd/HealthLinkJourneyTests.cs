using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;

namespace SmartEldercare.EndToEnd;

[Collection(nameof(EndToEnd))]
public sealed class HealthLinkJourneyTests(AppServer app, Browser browser)
{
    [Fact]
    public async Task A_death_reported_by_the_health_system_appears_live_for_the_village_and_changes_the_record_only_when_confirmed()
    {
        var ct = TestContext.Current.CancellationToken;
        var page = await Session.SignInAsync(app, browser, "village", start: "/health-link");
        await Assertions.Expect(page.GetByTestId("healthlink-title")).ToBeVisibleAsync();

        // An elder of the village, registered through the staff API.
        using var staff = new HttpClient { BaseAddress = new Uri(app.BaseUrl) };
        var token = await (await staff.PostAsJsonAsync("/api/v1/auth/token", new { userName = "village", password = Session.Password }, ct)).Content.ReadFromJsonAsync<JsonElement>(ct);
        staff.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token.GetProperty("accessToken").GetString());
        const string idNumber = "120111194107090027";
        var created = await staff.PostAsJsonAsync("/api/v1/elders", new
        {
            name = "卫健测试",
            idNumber,
            regionCode = "120111100001",
            emergencyContacts = new[] { new { name = "家属", relation = "女儿", phone = "13912345670" } },
        }, ct);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var elderId = (await created.Content.ReadFromJsonAsync<JsonElement>(ct)).GetProperty("id").GetGuid();

        // The health system reports her death through the partner API.
        using var partner = new HttpClient { BaseAddress = new Uri(app.BaseUrl) };
        var partnerToken = await (await partner.PostAsJsonAsync("/api/v1/partner/token",
            new { grant_type = "client_credentials", client_id = "xq-health", client_secret = "Eldercare#2026-health" }, ct)).Content.ReadFromJsonAsync<JsonElement>(ct);
        partner.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", partnerToken.GetProperty("access_token").GetString());
        var reported = await partner.PostAsJsonAsync("/api/v1/partner/health/events",
            new { eventId = "E2E-DEATH-1", type = "death", idNumber, occurredOn = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8)).AddDays(-1).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), facility = "西青医院" }, ct);
        Assert.Equal(HttpStatusCode.Accepted, reported.StatusCode);
        var eventId = (await reported.Content.ReadFromJsonAsync<JsonElement>(ct)).GetProperty("id").GetGuid();

        // Live on the village's page, and the ID number only by its last four characters.
        var row = page.Locator($"[data-event-id='{eventId}']");
        await Assertions.Expect(row).ToBeVisibleAsync();
        await Assertions.Expect(row).ToContainTextAsync("卫健测试");
        await Assertions.Expect(row).ToContainTextAsync("**************0027");
        await Assertions.Expect(page.Locator("body")).Not.ToContainTextAsync(idNumber);
        var before = await staff.GetFromJsonAsync<JsonElement>($"/api/v1/elders/{elderId}", ct);
        Assert.Equal("Active", before.GetProperty("status").GetString());

        await row.GetByTestId("healthlink-confirm").ClickAsync();
        await Assertions.Expect(page.Locator($"[data-event-id='{eventId}']")).ToHaveCountAsync(0);
        await page.GetByTestId("healthlink-tab-all").ClickAsync();
        await Assertions.Expect(page.Locator($"[data-event-id='{eventId}']")).ToHaveAttributeAsync("data-status", "Confirmed");
        var after = await staff.GetFromJsonAsync<JsonElement>($"/api/v1/elders/{elderId}", ct);
        Assert.Equal("Deceased", after.GetProperty("status").GetString());

        Directory.CreateDirectory(Path.Combine(AppContext.BaseDirectory, "screenshots"));
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(AppContext.BaseDirectory, "screenshots", "health-link-village.png"), FullPage = true });
        await page.Context.CloseAsync();
    }
}
