using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using SmartEldercare.Tests.Infrastructure;

namespace SmartEldercare.Tests.Facilities;

/// <summary>The module over HTTP on the real app with demo data (the module's own demo data included).</summary>
public sealed class FacilitiesApiTests(EldercareWebFactory factory) : IClassFixture<EldercareWebFactory>
{
    private static readonly byte[] Png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52];

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<(string Id, string Street)> OwnAndOtherAsync(HttpClient district, HttpClient facility)
    {
        var own = await facility.GetFromJsonAsync<JsonElement>("/api/v1/facilities", Ct);
        var mine = Assert.Single(own.GetProperty("page").GetProperty("items").EnumerateArray());
        var all = await district.GetFromJsonAsync<JsonElement>("/api/v1/facilities?pageSize=200", Ct);
        var other = all.GetProperty("page").GetProperty("items").EnumerateArray().First(r => r.GetProperty("id").GetString() != mine.GetProperty("id").GetString());
        return (mine.GetProperty("id").GetString()!, other.GetProperty("id").GetString()!);
    }

    [Fact]
    public async Task The_demo_board_has_institutions_with_beds_staff_an_inspection_and_an_explained_risk_score()
    {
        var district = await factory.ClientFor("district");
        var board = await district.GetFromJsonAsync<JsonElement>("/api/v1/facilities?sort=Risk", Ct);
        var rows = board.GetProperty("page").GetProperty("items").EnumerateArray().ToList();
        Assert.True(rows.Count >= 5);
        Assert.Contains(rows, r => r.GetProperty("occupancy").GetProperty("beds").GetInt32() == 24 && r.GetProperty("occupancy").GetProperty("residents").GetInt32() > 0);
        Assert.Contains(rows, r => r.GetProperty("lastInspectionScore").ValueKind == JsonValueKind.Number);
        var risks = rows.Select(r => r.GetProperty("risk").GetInt32()).ToList();
        Assert.Equal(risks.OrderByDescending(x => x), risks);
        Assert.All(rows, r => Assert.Equal(r.GetProperty("risk").GetInt32(), Math.Min(100, r.GetProperty("factors").EnumerateArray().Sum(f => f.GetProperty("points").GetInt32()))));
        var ranking = await district.GetFromJsonAsync<JsonElement>("/api/v1/facilities/ranking", Ct);
        Assert.True(ranking.GetArrayLength() >= 2);
        var templates = await district.GetFromJsonAsync<JsonElement>("/api/v1/facilities/templates", Ct);
        Assert.Equal(3, templates.GetArrayLength());
    }

    [Fact]
    public async Task A_facility_manager_gets_404_for_another_institution_and_bad_uploads_are_problems_with_nothing_written()
    {
        var district = await factory.ClientFor("district");
        var facility = await factory.ClientFor("facility");
        var (own, other) = await OwnAndOtherAsync(district, facility);

        Assert.Equal(HttpStatusCode.NotFound, (await facility.GetAsync($"/api/v1/facilities/{other}", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await facility.PutAsJsonAsync($"/api/v1/facilities/{other}/profile", new { starRating = 3, capacity = 10 }, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await facility.GetAsync($"/api/v1/facilities/{own}", Ct)).StatusCode);
        var street2 = await factory.ClientFor("street2");
        Assert.Equal(HttpStatusCode.NotFound, (await street2.GetAsync($"/api/v1/facilities/{own}", Ct)).StatusCode);

        var templates = await district.GetFromJsonAsync<JsonElement>("/api/v1/facilities/templates", Ct);
        var templateId = templates[0].GetProperty("id").GetString();
        var before = (await district.GetFromJsonAsync<JsonElement>($"/api/v1/facilities/{own}/inspections", Ct)).GetProperty("inspections").GetArrayLength();

        var notAnImage = await district.PostAsJsonAsync($"/api/v1/facilities/{own}/inspections", new
        {
            templateId, score = 80, findings = Array.Empty<object>(), evidence = new[] { new { fileName = "photo.png", content = "<html>not a photo</html>"u8.ToArray() } },
        }, Ct);
        Assert.Equal(HttpStatusCode.BadRequest, notAnImage.StatusCode);
        var problem = await notAnImage.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Contains("photo.png", problem.GetRawText(), StringComparison.Ordinal);
        var badScore = await district.PostAsJsonAsync($"/api/v1/facilities/{own}/inspections", new { templateId, score = 120, findings = Array.Empty<object>() }, Ct);
        Assert.Equal(HttpStatusCode.BadRequest, badScore.StatusCode);
        Assert.Equal(before, (await district.GetFromJsonAsync<JsonElement>($"/api/v1/facilities/{own}/inspections", Ct)).GetProperty("inspections").GetArrayLength());

        var ok = await district.PostAsJsonAsync($"/api/v1/facilities/{own}/inspections", new
        {
            templateId, score = 88, findings = new[] { new { description = "消防通道堆物", risk = "High" } }, evidence = new[] { new { fileName = "通道.png", content = Png } },
        }, Ct);
        Assert.Equal(HttpStatusCode.Created, ok.StatusCode);
        var history = await facility.GetFromJsonAsync<JsonElement>($"/api/v1/facilities/{own}/inspections", Ct);
        var evidenceId = history.GetProperty("inspections")[0].GetProperty("evidence")[0].GetProperty("id").GetString();
        var file = await facility.GetAsync($"/api/v1/facilities/evidence/{evidenceId}", Ct);
        Assert.Equal(("image/png", Png.Length), (file.Content.Headers.ContentType?.MediaType, (await file.Content.ReadAsByteArrayAsync(Ct)).Length));
        Assert.Equal(HttpStatusCode.NotFound, (await street2.GetAsync($"/api/v1/facilities/evidence/{evidenceId}", Ct)).StatusCode);
    }
}
