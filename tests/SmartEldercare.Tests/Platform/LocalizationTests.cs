using System.Globalization;
using System.Text.RegularExpressions;
using SmartEldercare.Platform.Localization;

namespace SmartEldercare.Tests.Platform;

public sealed partial class LocalizationTests
{
    private static StringCatalogue Catalogue() =>
        new([new StringCatalogueSource(typeof(SmartEldercare.Platform.PlatformModule).Assembly), new StringCatalogueSource(typeof(SmartEldercare.Emergency.EmergencyModule).Assembly),
            new StringCatalogueSource(typeof(SmartEldercare.HomeService.HomeServiceModule).Assembly), new StringCatalogueSource(typeof(SmartEldercare.Facilities.FacilitiesModule).Assembly),
            new StringCatalogueSource(typeof(SmartEldercare.Welfare.WelfareModule).Assembly),
            new StringCatalogueSource(typeof(SmartEldercare.HealthLink.HealthLinkModule).Assembly),
            new StringCatalogueSource(typeof(SmartEldercare.Social.SocialModule).Assembly),
            new StringCatalogueSource(typeof(SmartEldercare.Card.CardModule).Assembly),
            new StringCatalogueSource(typeof(SmartEldercare.Reports.ReportsModule).Assembly),
            new StringCatalogueSource(typeof(SmartEldercare.Dashboard.DashboardModule).Assembly)]);

    [Fact]
    public void Every_text_has_both_Chinese_and_English()
    {
        var missing = Catalogue().Entries
            .Where(e => !e.Value.TryGetValue("zh-CN", out var zh) || string.IsNullOrWhiteSpace(zh) || !e.Value.TryGetValue("en", out var en) || string.IsNullOrWhiteSpace(en))
            .Select(e => e.Key).ToList();
        Assert.Empty(missing);
    }

    [Fact]
    public void Every_key_the_code_uses_exists()
    {
        var root = RepositoryRoot.Path;
        var catalogue = Catalogue();
        var used = Directory.EnumerateFiles(Path.Combine(root, "src"), "*.*", SearchOption.AllDirectories)
            .Where(f => (f.EndsWith(".cs", StringComparison.Ordinal) || f.EndsWith(".razor", StringComparison.Ordinal)) && !f.Contains("/obj/", StringComparison.Ordinal) && !f.Contains("/Migrations/", StringComparison.Ordinal))
            .SelectMany(f => KeyPattern().Matches(File.ReadAllText(f)).Select(m => (File: Path.GetFileName(f), Key: m.Groups["key"].Value)))
            .Where(u => !u.Key.EndsWith('.'))
            .ToList();
        Assert.NotEmpty(used);
        Assert.Empty(used.Where(u => !catalogue.Entries.ContainsKey(u.Key)).Select(u => $"{u.File}: {u.Key}").Distinct());
    }

    [Fact]
    public void The_UI_is_Chinese_by_default_and_English_on_request()
    {
        var localizer = new JsonStringLocalizer(Catalogue());
        var previous = CultureInfo.CurrentUICulture;
        try
        {
            CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("zh-CN");
            Assert.Equal("老人档案", localizer["Elders.Title"]);
            CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("en-US");
            Assert.Equal("Elder registry", localizer["Elders.Title"]);
        }
        finally
        {
            CultureInfo.CurrentUICulture = previous;
        }
    }

    // Literal keys in L["…"] / l["…"] and the text keys entities return ("Elders.Status.DateRequired").
    [GeneratedRegex(@"\b[Ll]\[""(?<key>[A-Z][A-Za-z0-9]+\.[A-Za-z0-9.]+)""|""(?<key>(?:Elders|Regions|Common|Organisations|HomeService|Facilities|Welfare|HealthLink|Social|Card|Reports|Dashboard)\.[A-Z][A-Za-z.]+)""")]
    private static partial Regex KeyPattern();
}
