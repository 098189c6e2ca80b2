using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace SmartEldercare.EndToEnd;

[CollectionDefinition(nameof(EndToEnd))]
public sealed class EndToEnd : ICollectionFixture<AppServer>, ICollectionFixture<Browser>;

[Collection(nameof(EndToEnd))]
public sealed partial class ElderJourneyTests(AppServer app, Browser browser)
{
    private static readonly string Shots = Path.Combine(AppContext.BaseDirectory, "screenshots");

    private Task<IPage> SignInAs(string user) => Session.SignInAsync(app, browser, user);

    /// <summary>No page of a journey shows a full ID number or mobile number unless the user revealed it.</summary>
    private static async Task AssertNoFullPersonalData(IPage page)
    {
        var html = await page.ContentAsync();
        Assert.DoesNotMatch(FullIdNumber(), html);
        Assert.DoesNotMatch(FullMobile(), html);
    }

    private static async Task Screenshot(IPage page, string name)
    {
        await AssertNoFullPersonalData(page);
        Directory.CreateDirectory(Shots);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Shots, name + ".png"), FullPage = true });
    }

    [Fact]
    public async Task A_village_user_edits_a_phone_and_sees_it_masked_and_another_street_cannot_open_the_elder()
    {
        var page = await SignInAs("village");

        // Chinese by default, even though the browser asks for English.
        await Assertions.Expect(page.Locator("#elders-title")).ToHaveTextAsync("老人档案");
        var firstLink = page.GetByTestId("elder-link").First;
        await Assertions.Expect(firstLink).ToBeVisibleAsync();
        var name = (await firstLink.TextContentAsync())!.Trim();

        await page.Locator("#elder-search").FillAsync(name);
        await Assertions.Expect(page.GetByTestId("elder-link")).ToHaveCountAsync(1);
        await Screenshot(page, "elders-list-village");
        await page.GetByTestId("elder-link").First.ClickAsync();
        await page.WaitForURLAsync(ElderUrl());
        var elderUrl = new Uri(page.Url).AbsolutePath;
        await Assertions.Expect(page.GetByTestId("elder-name")).ToHaveTextAsync(name);

        await page.GetByTestId("elder-edit").ClickAsync();
        await page.Locator("#elder-phone").FillAsync("13911112222");
        await page.GetByTestId("elder-save").ClickAsync();
        await Assertions.Expect(page.GetByTestId("elder-dialog")).ToHaveCountAsync(0);
        await Assertions.Expect(page.GetByTestId("elder-phone")).ToHaveTextAsync("139****2222");
        await Screenshot(page, "elder-detail-village");

        // Revealing needs a reason, shows the full number in this view only, and is audited.
        await page.GetByTestId("reveal-Phone").ClickAsync();
        await page.Locator("#reveal-reason").FillAsync("电话回访确认号码");
        await page.GetByTestId("reveal-confirm").ClickAsync();
        await Assertions.Expect(page.GetByTestId("elder-phone")).ToHaveTextAsync("13911112222");
        await page.ReloadAsync();
        await Assertions.Expect(page.GetByTestId("elder-phone")).ToHaveTextAsync("139****2222");
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<SmartEldercare.Platform.Persistence.EldercareDbContext>();
            var reveal = await db.AuditEntries.Where(a => a.Action == "Elders.RevealElderField").OrderByDescending(a => a.Sequence).FirstAsync(TestContext.Current.CancellationToken);
            Assert.Equal(("village", "reveal Phone: 电话回访确认号码"), (reveal.UserName, reveal.Detail));
            Assert.False(string.IsNullOrEmpty(reveal.IpAddress), "the circuit's client address is recorded");
        }

        await page.GotoAsync("/elders");
        await page.Locator("#elder-search").FillAsync(name);
        await Assertions.Expect(page.GetByTestId("elder-link")).ToHaveCountAsync(1);
        await Assertions.Expect(page.Locator("td[data-testid=elder-phone]").First).ToHaveTextAsync("139****2222");
        Assert.DoesNotContain("13911112222", await page.ContentAsync(), StringComparison.Ordinal);

        var other = await SignInAs("street2");
        await other.GotoAsync(elderUrl);
        await Assertions.Expect(other.GetByTestId("elder-not-found")).ToBeVisibleAsync();
        Assert.DoesNotContain(name, await other.Locator(".mud-main-content").InnerTextAsync(), StringComparison.Ordinal);
        await Screenshot(other, "elder-not-found-street2");

        await page.Context.CloseAsync();
        await other.Context.CloseAsync();
    }

    [Fact]
    public async Task The_language_switch_to_English_persists_across_pages()
    {
        var page = await SignInAs("district");

        await page.GetByTestId("language-menu").ClickAsync();
        await page.GetByText("English", new PageGetByTextOptions { Exact = true }).ClickAsync();

        await Assertions.Expect(page.Locator("#elders-title")).ToHaveTextAsync("Elder registry");
        await page.GotoAsync("/");
        await Assertions.Expect(page.GetByTestId("console-title")).ToContainTextAsync("District console");
        await Screenshot(page, "console-district-en");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task The_administrator_sees_users_roles_the_audit_trail_with_an_intact_chain_and_two_factor_setup()
    {
        var page = await SignInAs("admin");

        await page.GotoAsync("/admin/users");
        await Assertions.Expect(page.GetByTestId("user-toggle-village")).ToBeVisibleAsync();
        await Screenshot(page, "admin-users");

        await page.GotoAsync("/admin/roles");
        await Assertions.Expect(page.GetByText("应急响应人员")).ToBeVisibleAsync();

        await page.GotoAsync("/admin/audit");
        await page.GetByTestId("chain-verify").ClickAsync();
        await Assertions.Expect(page.GetByTestId("chain-status")).ToContainTextAsync("日志链完整");
        await Screenshot(page, "admin-audit");

        await page.GotoAsync("/account/two-factor");
        await page.GetByTestId("twofactor-begin").ClickAsync();
        await Assertions.Expect(page.GetByTestId("twofactor-key")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("img[alt]").First).ToBeVisibleAsync();
        await Screenshot(page, "two-factor-setup");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task A_change_in_a_village_appears_live_on_the_district_console()
    {
        var district = await SignInAs("district");
        await district.GotoAsync("/");
        await Assertions.Expect(district.GetByTestId("live-feed")).ToBeVisibleAsync();
        // Other modules' background work (visit planning, facility checks) feeds the console too: count only elder updates.
        var elderUpdates = district.GetByTestId("feed-item").Filter(new() { HasText = "老人档案更新" });
        var before = await elderUpdates.CountAsync();

        var village = await SignInAs("village");
        await village.GetByTestId("elder-link").First.ClickAsync();
        await village.WaitForURLAsync(ElderUrl());
        await village.GetByTestId("elder-edit").ClickAsync();
        await village.Locator("#elder-phone").FillAsync("13722223333");
        await village.GetByTestId("elder-save").ClickAsync();
        await Assertions.Expect(village.GetByTestId("elder-dialog")).ToHaveCountAsync(0);

        // No reload on the district console: the update is pushed into the open circuit.
        await Assertions.Expect(elderUpdates.Nth(before)).ToBeVisibleAsync();
        await Screenshot(district, "console-district-live");
        await district.Context.CloseAsync();
        await village.Context.CloseAsync();
    }

    [Fact]
    public async Task A_wrong_password_shows_a_localized_error()
    {
        Browser.Require();
        var context = await browser.Instance.NewContextAsync(new BrowserNewContextOptions { BaseURL = app.BaseUrl });
        var page = await context.NewPageAsync();
        await page.GotoAsync("/login");
        await page.Locator("#username").FillAsync("village");
        await page.Locator("#password").FillAsync("not-the-password");
        await page.GetByTestId("sign-in").ClickAsync();

        await Assertions.Expect(page.GetByTestId("login-error")).ToHaveTextAsync("用户名或密码错误");
        await Screenshot(page, "login-error");
        await context.CloseAsync();
    }

    // Not inside a longer run of digits, hex or an id (a GUID's last group can hold eleven digits that look like a mobile).
    [GeneratedRegex(@"(?<![0-9A-Za-z.-])\d{17}[\dX](?![0-9A-Za-z.-])")]
    private static partial Regex FullIdNumber();

    [GeneratedRegex(@"(?<![0-9A-Za-z.-])1[3-9]\d{9}(?![0-9A-Za-z.-])")]
    private static partial Regex FullMobile();

    [GeneratedRegex("/elders/[0-9a-f-]{36}$")]
    private static partial Regex ElderUrl();
}
