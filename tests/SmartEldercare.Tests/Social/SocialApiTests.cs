using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using SmartEldercare.Platform.Regions;
using SmartEldercare.Social;
using SmartEldercare.Tests.Infrastructure;

namespace SmartEldercare.Tests.Social;

/// <summary>The module over HTTP on the real app with demo data: bad input is a localized ProblemDetails, never a 500.</summary>
public sealed class SocialApiTests(EldercareWebFactory factory) : IClassFixture<EldercareWebFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<JsonElement> Problem(HttpResponseMessage response, HttpStatusCode status)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        return await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
    }

    [Fact]
    public async Task Bad_input_to_classes_the_circle_and_the_time_bank_is_a_localized_problem_and_nothing_is_written()
    {
        var village = await factory.ClientFor("village");
        var district = await factory.ClientFor("district");
        var activities = await village.GetFromJsonAsync<JsonElement>("/api/v1/social/activities?digital=true", Ct);
        var smartphone = activities.EnumerateArray().First(a => a.GetProperty("title").GetString() == SocialDemoData.SmartphoneClass);
        var details = await village.GetFromJsonAsync<JsonElement>($"/api/v1/social/activities/{smartphone.GetProperty("id").GetString()}", Ct);
        var session = details.GetProperty("sessions")[0].GetProperty("id").GetString();

        // Attendance for an elder of the village who is not enrolled.
        var enrolled = details.GetProperty("enrolments").EnumerateArray().Select(e => e.GetProperty("elderId").GetString()).ToHashSet();
        var elders = await village.GetFromJsonAsync<JsonElement>($"/api/v1/elders?region={RegionCatalog.YinglunMingyuanCode}&status=Active&pageSize=50", Ct);
        var stranger = elders.GetProperty("items").EnumerateArray().Select(e => e.GetProperty("id").GetString()).First(id => !enrolled.Contains(id));
        var attendance = await Problem(await village.PostAsJsonAsync($"/api/v1/social/activities/sessions/{session}/attendance", new { elderId = stranger }, Ct), HttpStatusCode.Conflict);
        Assert.Equal("该老人未报名此课程（或仍在候补），不能签到。", attendance.GetProperty("detail").GetString());

        // Coordinates outside the district.
        var outside = await Problem(await district.PostAsJsonAsync("/api/v1/social/resources", new { name = "天津站", type = "Clinic", regionCode = RegionCatalog.YinglunMingyuanCode, latitude = 39.14, longitude = 117.40 }, Ct), HttpStatusCode.BadRequest);
        Assert.StartsWith("坐标不在本区范围内", outside.GetProperty("errors").GetProperty("longitude")[0].GetString(), StringComparison.Ordinal);

        // Hours: backwards; redeeming more than the balance.
        var volunteers = await village.GetFromJsonAsync<JsonElement>("/api/v1/social/volunteers", Ct);
        var volunteer = volunteers[0];
        var id = volunteer.GetProperty("id").GetString();
        var balance = volunteer.GetProperty("balanceMinutes").GetInt64();
        var backwards = await Problem(await village.PostAsJsonAsync($"/api/v1/social/volunteers/{id}/hours", new { description = "陪同", start = "2026-11-01T10:00:00", end = "2026-11-01T09:00:00" }, Ct), HttpStatusCode.BadRequest);
        Assert.Equal("结束时间必须晚于开始时间（服务时长必须大于零）。", backwards.GetProperty("errors").GetProperty("end")[0].GetString());
        var overdraw = await Problem(await village.PostAsJsonAsync($"/api/v1/social/volunteers/{id}/redeem", new { minutes = balance + 1, note = "超额" }, Ct), HttpStatusCode.Conflict);
        Assert.Equal("时间银行余额不足。", overdraw.GetProperty("detail").GetString());
        var after = await village.GetFromJsonAsync<JsonElement>($"/api/v1/social/volunteers/{id}", Ct);
        Assert.Equal(balance, after.GetProperty("volunteer").GetProperty("balanceMinutes").GetInt64());
        Assert.Equal(balance, after.GetProperty("ledgerSum").GetInt64());

        // Another street sees none of it.
        var street2 = await factory.ClientFor("street2");
        Assert.Equal(HttpStatusCode.NotFound, (await street2.GetAsync($"/api/v1/social/volunteers/{id}", Ct)).StatusCode);
    }
}
