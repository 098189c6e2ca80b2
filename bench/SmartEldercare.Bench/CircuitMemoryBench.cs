using System.Text.RegularExpressions;
using Microsoft.Playwright;
using SmartEldercare.Web.Hosting;
using static System.FormattableString;

namespace SmartEldercare.Bench;

/// <summary>
/// Managed memory per idle Blazor console circuit: the app on Kestrel (SQLite, demo data) in this process, K consoles
/// (<c>/</c> as <c>district</c>) opened in headless chromium, and the server's managed heap after a full compacting GC
/// before and after. The browser runs in its own processes; the bench's Playwright objects live in this one.
/// </summary>
internal static partial class CircuitMemoryBench
{
    public const double BudgetKb = 500;
    private const int SeedElders = 2000;
    private static readonly TimeSpan Idle = TimeSpan.FromSeconds(5);

    // As tests/SmartEldercare.EndToEnd/Browser.cs launches it.
    private static readonly string[] ChromiumArgs =
    [
        "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
    ];

    private static string ChromiumPath => Environment.GetEnvironmentVariable("ELDERCARE_TEST_CHROMIUM") is { Length: > 0 } p ? p : "/usr/bin/chromium";

    public static async Task<int> RunAsync(CircuitOptions options)
    {
        if (!File.Exists(ChromiumPath))
        {
            Console.Error.WriteLine($"No chromium at {ChromiumPath}: install Debian's chromium (bash tests/run.sh does) or set ELDERCARE_TEST_CHROMIUM.");
            return 2;
        }

        try
        {
            Console.WriteLine();
            Console.WriteLine(await MeasureAsync(options.Consoles));
            return 0;
        }
        catch (Exception ex)
        {
            Console.Error.WriteLine($"circuits failed: {ex}");
            Console.WriteLine();
            Console.WriteLine($"SUMMARY circuits: ERROR ({ex.GetType().Name}: {ex.Message})");
            return 1;
        }
    }

    private static async Task<string> MeasureAsync(int consoles)
    {
        using var database = new TempSqliteDatabase();
        Console.WriteLine(Invariant($"circuits: starting the app on Kestrel (SQLite, demo accounts, {SeedElders:N0} elders) ..."));
        await using var app = new AppServer(DatabaseProvider.Sqlite, database.ConnectionString, SeedElders).Start();

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions { ExecutablePath = ChromiumPath, Headless = true, Args = ChromiumArgs });
        await using var context = await browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = app.BaseUrl.ToString(), ViewportSize = new ViewportSize { Width = 1400, Height = 900 } });
        context.SetDefaultTimeout(60_000);

        // Signed in once; the context's cookie then opens every console. The first console warms the server's caches.
        var first = await context.NewPageAsync();
        await first.GotoAsync("/");
        await first.WaitForURLAsync(LoginUrl());
        await first.Locator("#username").FillAsync("district");
        await first.Locator("#password").FillAsync(AppServer.Password);
        await first.GetByTestId("sign-in").ClickAsync();
        await WaitForConsoleAsync(first);

        // The K tabs exist before the first reading, so most of their Playwright objects in this process are counted on
        // both sides. A control step first loads a page without a circuit (/alive) in each tab: what a navigation alone
        // leaves in this process, an estimate of the bench's own share in the circuits' delta.
        var pages = new List<IPage>(consoles);
        for (var i = 0; i < consoles; i++)
        {
            pages.Add(await context.NewPageAsync());
        }

        await Task.Delay(Idle);
        var blank = ManagedBytesAfterFullGc();
        foreach (var page in pages)
        {
            await page.GotoAsync("/alive");
        }

        await Task.Delay(Idle);
        var before = ManagedBytesAfterFullGc();
        var controlKb = (before - blank) / 1024.0 / consoles;
        Console.WriteLine(Invariant($"circuits: signed in as district, 1 console and {consoles} tabs on /alive open, managed heap {before / 1024.0:N0} KB; opening a console in each tab ..."));
        foreach (var page in pages)
        {
            await page.GotoAsync("/");
            await WaitForConsoleAsync(page);
        }

        await Task.Delay(Idle);
        var after = ManagedBytesAfterFullGc();
        var perCircuitKb = (after - before) / 1024.0 / consoles;

        // Still open while measuring: the circuits must not have been dropped.
        var alive = 0;
        foreach (var page in pages)
        {
            alive += await page.GetByTestId("console-title").CountAsync() > 0 ? 1 : 0;
        }

        var within = perCircuitKb <= BudgetKb;
        Console.WriteLine(Invariant($"circuits: {consoles} idle consoles (district, /) in headless chromium, {alive} still rendered, {Idle.TotalSeconds:0} s idle before each reading"));
        Console.WriteLine(Invariant($"  managed heap after a full compacting GC: before {before / 1024.0:N0} KB, after {after / 1024.0:N0} KB, delta {(after - before) / 1024.0:N0} KB"));
        Console.WriteLine(Invariant($"  per circuit: {perCircuitKb:N1} KB (budget <= {BudgetKb:0} KB): {(within ? "yes" : "no")}"));
        Console.WriteLine(Invariant($"  control: a navigation without a circuit (/alive) left {controlKb:N1} KB per tab"));
        Console.WriteLine("  note: the server runs in this process, so the bench's own Playwright objects are counted too (slightly pessimistic; see the control)");
        return Invariant($"SUMMARY circuits: {perCircuitKb:N1} KB managed memory per idle console circuit ({consoles} consoles, budget <= {BudgetKb:0} KB) {(within ? "PASS" : "OVER")}");
    }

    private static Task WaitForConsoleAsync(IPage page) =>
        page.Locator("[data-testid=console-title]").WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Visible });

    /// <summary>The managed heap after a full, blocking, compacting collection (and the finalizers it queued).</summary>
    private static long ManagedBytesAfterFullGc()
    {
        GC.Collect(2, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        GC.Collect(2, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        return GC.GetTotalMemory(forceFullCollection: true);
    }

    [GeneratedRegex("/login")]
    private static partial Regex LoginUrl();
}
