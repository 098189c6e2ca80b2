using Microsoft.Playwright;

namespace SmartEldercare.EndToEnd;

[Collection(nameof(EndToEnd))]
public sealed class ReportsJourneyTests(AppServer app, Browser browser)
{
    [Fact]
    public async Task The_district_requests_last_months_overall_report_sees_it_generate_opens_it_and_downloads_a_workbook_of_several_sheets()
    {
        var page = await Session.SignInAsync(app, browser, "district", start: "/reports");
        await Assertions.Expect(page.GetByTestId("reports-title")).ToBeVisibleAsync();

        // The form defaults to last month, the user's whole scope and the overall report.
        await page.GetByTestId("report-request").ClickAsync();
        var row = page.GetByTestId("report-row").First;
        await Assertions.Expect(row).ToBeVisibleAsync();
        await Assertions.Expect(row.GetByTestId("report-status")).ToBeVisibleAsync();
        await Assertions.Expect(row).ToHaveAttributeAsync("data-status", "Done", new LocatorAssertionsToHaveAttributeOptions { Timeout = 60_000 });

        await row.GetByTestId("report-open").ClickAsync();
        await Assertions.Expect(page.GetByTestId("report-title")).ToContainTextAsync("综合报表");
        await Assertions.Expect(page.GetByTestId("report-section")).ToHaveCountAsync(6);
        await Assertions.Expect(page.GetByTestId("report-figure").First).ToBeVisibleAsync();
        Directory.CreateDirectory(Path.Combine(AppContext.BaseDirectory, "screenshots"));
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(AppContext.BaseDirectory, "screenshots", "reports-page.png"), FullPage = true });

        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByTestId("report-xlsx").ClickAsync());
        Assert.EndsWith(".xlsx", download.SuggestedFilename, StringComparison.Ordinal);
        var path = Path.Combine(Path.GetTempPath(), "eldercare-e2e-" + Guid.NewGuid().ToString("N") + ".xlsx");
        await download.SaveAsAsync(path);
        try
        {
            using var file = File.OpenRead(path);
            var sheets = MiniExcelLibs.MiniExcel.GetSheetNames(file);
            Assert.True(sheets.Count >= 7, $"an overview and one sheet per table, got {sheets.Count}");
            Assert.Equal("概览", sheets[0]);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
