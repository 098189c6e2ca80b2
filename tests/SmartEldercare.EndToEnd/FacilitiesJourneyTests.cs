using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using SmartEldercare.Platform.Persistence;

namespace SmartEldercare.EndToEnd;

[Collection(nameof(EndToEnd))]
public sealed class FacilitiesJourneyTests(AppServer app, Browser browser)
{
    private static readonly byte[] Png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52];

    private async Task<Guid> FacilityInstitutionAsync()
    {
        var dbs = app.Services.GetRequiredService<IDbContextFactory<EldercareDbContext>>();
        await using var db = await dbs.CreateDbContextAsync(TestContext.Current.CancellationToken);
        var users = await db.Users.AsNoTracking().Select(u => new { u.UserName, u.OrganisationId }).ToListAsync(TestContext.Current.CancellationToken);
        var facility = users.SingleOrDefault(u => u.UserName == "facility");
        Assert.True(facility?.OrganisationId is not null, "facility account: " + string.Join(", ", users.Select(u => u.UserName)));
        return facility!.OrganisationId!.Value;
    }

    private static async Task<int> CountAsync(ILocator locator) =>
        int.Parse((await locator.TextContentAsync())!.Trim(), CultureInfo.InvariantCulture);

    [Fact]
    public async Task The_facility_manager_admits_an_elder_by_ID_number_and_name_and_a_wrong_name_is_answered_as_unknown()
    {
        var ct = TestContext.Current.CancellationToken;
        var institution = await FacilityInstitutionAsync();
        var dbs = app.Services.GetRequiredService<IDbContextFactory<EldercareDbContext>>();
        (string IdNumber, string Name) elder;
        await using (var db = await dbs.CreateDbContextAsync(ct))
        {
            // An active elder of the institution's street who lies in no bed.
            var residents = db.Set<SmartEldercare.Facilities.Beds.Bed>().Where(b => b.ResidentElderId != null).Select(b => b.ResidentElderId);
            var found = await db.Elders.AsNoTracking()
                .Where(e => e.Status == SmartEldercare.Platform.Elders.ElderStatus.Active && e.RegionCode.StartsWith("120111101") && !residents.Contains(e.Id))
                .OrderByDescending(e => e.Id).FirstAsync(ct);
            elder = (found.IdNumber, found.Name);
        }

        var facility = await Session.SignInAsync(app, browser, "facility", start: $"/facilities/{institution}");
        await facility.GetByText("床位", new() { Exact = true }).ClickAsync();
        await facility.Locator("[data-testid=bed-codes] input, input[data-testid=bed-codes]").First.FillAsync("E2E-1");
        await facility.GetByTestId("bed-add").ClickAsync();
        var bed = facility.Locator("[data-testid=bed-row][data-bed-code='E2E-1']");
        await bed.GetByTestId("bed-admit").ClickAsync();

        await facility.Locator("[data-testid=admit-id-number] input, input[data-testid=admit-id-number]").First.FillAsync(elder.IdNumber);
        await facility.Locator("[data-testid=admit-name] input, input[data-testid=admit-name]").First.FillAsync(elder.Name == "张三" ? "李四" : "张三");
        await facility.GetByTestId("admit-submit").ClickAsync();
        await Assertions.Expect(facility.GetByText("老人档案中没有与该身份证号和姓名相符的在册老人")).ToBeVisibleAsync();
        Directory.CreateDirectory(Path.Combine(AppContext.BaseDirectory, "screenshots"));
        await facility.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(AppContext.BaseDirectory, "screenshots", "facilities-admit-unknown.png") });

        await facility.Locator("[data-testid=admit-name] input, input[data-testid=admit-name]").First.FillAsync(elder.Name);
        await facility.GetByTestId("admit-submit").ClickAsync();
        await Assertions.Expect(facility.GetByTestId("admit-submit")).ToHaveCountAsync(0);
        await Assertions.Expect(bed).ToContainTextAsync(elder.Name);
        await facility.Context.CloseAsync();
    }

    [Fact]
    public async Task District_inspects_and_raises_a_hazard_the_facility_records_the_fix_with_a_photo_and_the_district_board_follows_live()
    {
        var institution = await FacilityInstitutionAsync();
        var district = await Session.SignInAsync(app, browser, "district", start: "/facilities");
        await Assertions.Expect(district.GetByTestId("board-title")).ToBeVisibleAsync();
        var row = district.Locator($"[data-institution-id='{institution}']");
        await Assertions.Expect(row).ToBeVisibleAsync();
        var before = await CountAsync(row.GetByTestId("board-open-hazards"));

        // The district inspects the institution with the nine-hazards checklist: one finding, a photo, a score.
        var inspector = await district.Context.NewPageAsync();
        await inspector.GotoAsync($"/facilities/{institution}");
        await Assertions.Expect(inspector.GetByTestId("institution-name")).ToBeVisibleAsync();
        await inspector.GetByText("检查与隐患", new() { Exact = true }).ClickAsync();
        await inspector.GetByTestId("inspection-new").ClickAsync();
        await inspector.GetByTestId("inspection-flag").First.ClickAsync();
        await inspector.Locator("#finding-description-0").FillAsync("一楼安全出口堆放杂物");
        await inspector.Locator("#inspection-score").FillAsync("78");
        await inspector.GetByTestId("inspection-evidence").SetInputFilesAsync(new FilePayload { Name = "exit.png", MimeType = "image/png", Buffer = Png });
        await Assertions.Expect(inspector.GetByTestId("evidence-picked")).ToContainTextAsync("exit.png");
        await inspector.GetByTestId("inspection-submit").ClickAsync();
        await Assertions.Expect(inspector.GetByTestId("inspection-submit")).ToHaveCountAsync(0);
        var hazard = inspector.GetByTestId("hazard-row").Filter(new() { HasText = "一楼安全出口堆放杂物" });
        await Assertions.Expect(hazard).ToHaveAttributeAsync("data-hazard-status", "Open");

        // The board, open in the other tab, counts the new hazard without a reload.
        await Assertions.Expect(row.GetByTestId("board-open-hazards")).ToHaveTextAsync((before + 1).ToString(CultureInfo.InvariantCulture));

        // The facility manager sees only their own institution and records the fix with a photo.
        var facility = await Session.SignInAsync(app, browser, "facility", start: "/facilities");
        await Assertions.Expect(facility.GetByTestId("board-row")).ToHaveCountAsync(1);
        await facility.GotoAsync($"/facilities/{institution}");
        await facility.GetByText("检查与隐患", new() { Exact = true }).ClickAsync();
        var toFix = facility.GetByTestId("hazard-row").Filter(new() { HasText = "一楼安全出口堆放杂物" });
        await toFix.GetByTestId("hazard-fix").ClickAsync();
        await facility.Locator("#fix-note").FillAsync("杂物已清理，通道畅通");
        await facility.GetByTestId("fix-evidence").SetInputFilesAsync(new FilePayload { Name = "cleared.png", MimeType = "image/png", Buffer = Png });
        await Assertions.Expect(facility.GetByTestId("evidence-picked")).ToContainTextAsync("cleared.png");
        await facility.GetByTestId("fix-submit").ClickAsync();
        await Assertions.Expect(toFix).ToHaveAttributeAsync("data-hazard-status", "Fixed");

        // Live on the district's board and inspection page: one fewer to fix, one to verify; the inspector verifies it.
        await Assertions.Expect(row.GetByTestId("board-open-hazards")).ToHaveTextAsync(before.ToString(CultureInfo.InvariantCulture));
        await Assertions.Expect(row.GetByTestId("board-to-verify")).ToBeVisibleAsync();
        await Assertions.Expect(hazard).ToHaveAttributeAsync("data-hazard-status", "Fixed");
        await hazard.GetByTestId("hazard-verify").ClickAsync();
        await Assertions.Expect(hazard).ToHaveAttributeAsync("data-hazard-status", "Verified");
        await Assertions.Expect(row.GetByTestId("board-to-verify")).ToHaveCountAsync(0);

        // The fix's photo opens on the inspection page.
        await hazard.GetByTestId("evidence-link").ClickAsync();
        await Assertions.Expect(inspector.GetByTestId("evidence-image")).ToHaveCountAsync(1);

        // The risk score explains itself on click.
        await row.GetByTestId("board-risk").ClickAsync();
        await Assertions.Expect(district.GetByTestId("board-factors")).ToContainTextAsync("风险分构成");

        Directory.CreateDirectory(Path.Combine(AppContext.BaseDirectory, "screenshots"));
        await district.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(AppContext.BaseDirectory, "screenshots", "facilities-board.png"), FullPage = true });
        foreach (var page in new[] { district, facility })
        {
            await page.Context.CloseAsync();
        }
    }
}
