using Microsoft.Playwright;

namespace SmartEldercare.EndToEnd;

/// <summary>One headless Debian chromium for the whole run (the machine has 2 cores).</summary>
public sealed class Browser : IAsyncLifetime
{
    private IPlaywright? playwright;

    public IBrowser Instance { get; private set; } = null!;

    public static string ChromiumPath => Environment.GetEnvironmentVariable("ELDERCARE_TEST_CHROMIUM") is { Length: > 0 } p ? p : "/usr/bin/chromium";

    public async ValueTask InitializeAsync()
    {
        if (!File.Exists(ChromiumPath))
        {
            return;
        }

        playwright = await Playwright.CreateAsync();
        Instance = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args =
            [
                "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
            ],
        });
    }

    public static void Require()
    {
        if (File.Exists(ChromiumPath))
        {
            return;
        }

        if (CiEnvironment.IsCi)
        {
            Assert.Fail($"No chromium at {ChromiumPath} under CI: tests/run.sh must install it.");
        }

        Assert.Skip($"No chromium at {ChromiumPath}; run bash tests/run.sh.");
    }

    public async ValueTask DisposeAsync()
    {
        if (Instance is not null)
        {
            await Instance.DisposeAsync();
        }

        playwright?.Dispose();
    }
}
