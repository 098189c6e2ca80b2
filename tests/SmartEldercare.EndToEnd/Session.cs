using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace SmartEldercare.EndToEnd;

/// <summary>A signed-in browser context per user, as the journeys need them.</summary>
public static partial class Session
{
    public const string Password = "Eldercare#2026";

    // start: the page to open first (sign-in returns there), one the user may see.
    public static Task<IPage> SignInAsync(AppServer app, Browser browser, string user, int width = 1400, int height = 900, string start = "/elders") =>
        SignInAsync(app.BaseUrl, browser, user, width, height, start);

    public static async Task<IPage> SignInAsync(string baseUrl, Browser browser, string user, int width = 1400, int height = 900, string start = "/elders")
    {
        Browser.Require();
        var context = await browser.Instance.NewContextAsync(new BrowserNewContextOptions { BaseURL = baseUrl, Locale = "en-US", ViewportSize = new ViewportSize { Width = width, Height = height } });
        context.SetDefaultTimeout(15_000);
        var page = await context.NewPageAsync();
        await page.GotoAsync(start);
        await page.WaitForURLAsync(LoginUrl());
        await page.Locator("#username").FillAsync(user);
        await page.Locator("#password").FillAsync(Password);
        await page.GetByTestId("sign-in").ClickAsync();
        // The first page after sign-in is a console that loads the scope's figures: on 2 busy cores it can take longer
        // than an ordinary step.
        await page.WaitForURLAsync(new Regex(Regex.Escape(start) + "$|/elders$|/$|/emergency", RegexOptions.None, TimeSpan.FromSeconds(1)), new PageWaitForURLOptions { Timeout = 30_000 });
        await Assertions.Expect(page.GetByTestId("current-user")).ToBeVisibleAsync();
        return page;
    }

    /// <summary>
    /// Picks the elder named <paramref name="name"/> in an elder picker whose field <paramref name="input"/> holds the
    /// search, and waits until the field shows the pick ("name · age · community"). A click that lands while the option
    /// list is still being rendered can be lost (the field keeps the typed text): then the search is typed again and the
    /// option clicked again.
    /// </summary>
    public static async Task PickElderAsync(IPage page, ILocator input, string name)
    {
        var picked = new Regex("^" + Regex.Escape(name) + " · ", RegexOptions.None, TimeSpan.FromSeconds(1));
        for (var attempt = 1; ; attempt++)
        {
            await page.Locator(".mud-popover-open .mud-list-item", new() { HasText = name }).First.ClickAsync();
            try
            {
                await Assertions.Expect(input).ToHaveValueAsync(picked, new() { Timeout = 3_000 });
                return;
            }
            catch (PlaywrightException) when (attempt < 3)
            {
                await input.FillAsync(string.Empty);
                await input.FillAsync(name);
            }
        }
    }

    /// <summary>
    /// Chooses <paramref name="option"/> in a MudSelect and waits until the field shows it (a select renders the chosen
    /// item's content). As with the elder picker, a click that lands while the option list is still opening can be
    /// lost; then the list is opened again.
    /// </summary>
    public static async Task SelectAsync(IPage page, ILocator select, string option)
    {
        for (var attempt = 1; ; attempt++)
        {
            await select.ClickAsync();
            await page.Locator(".mud-popover-open .mud-list-item", new() { HasText = option }).First.ClickAsync();
            try
            {
                await Assertions.Expect(select).ToContainTextAsync(option, new() { Timeout = 3_000 });
                return;
            }
            catch (PlaywrightException) when (attempt < 3)
            {
            }
        }
    }

    /// <summary>Waits until a dialog's submit button is gone (the dialog closed); if it stays, fails with what the dialog says.</summary>
    public static async Task ExpectDialogClosedAsync(IPage page, string submitTestId)
    {
        try
        {
            await Assertions.Expect(page.GetByTestId(submitTestId)).ToHaveCountAsync(0);
        }
        catch (PlaywrightException ex)
        {
            var dialog = await page.Locator(".mud-dialog").AllInnerTextsAsync();
            var snack = await page.Locator(".mud-snackbar").AllInnerTextsAsync();
            throw new Xunit.Sdk.XunitException($"The dialog stayed open: {string.Join(" | ", dialog)} (snackbar: {string.Join(" | ", snack)})\n{ex.Message}");
        }
    }

    [GeneratedRegex("/login")]
    private static partial Regex LoginUrl();
}
