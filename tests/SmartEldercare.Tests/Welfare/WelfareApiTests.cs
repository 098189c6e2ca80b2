using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using MiniExcelLibs;
using SmartEldercare.Platform.Common;
using SmartEldercare.Platform.Regions;
using SmartEldercare.Tests.Infrastructure;

namespace SmartEldercare.Tests.Welfare;

/// <summary>The module over HTTP on the real app with demo data (the module's own demo data included).</summary>
public sealed class WelfareApiTests(EldercareWebFactory factory) : IClassFixture<EldercareWebFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static int LastMonth => YearMonth.Previous(YearMonth.Of(TimeProvider.System.Today()));

    [Fact]
    public async Task A_month_is_generated_approved_in_order_exported_and_bad_input_is_a_localized_problem()
    {
        var district = await factory.ClientFor("district");
        var bands = await district.GetFromJsonAsync<JsonElement>("/api/v1/welfare/allowance/bands", Ct);
        Assert.Equal([80, 90, 100], bands.EnumerateArray().Select(b => b.GetProperty("fromAge").GetInt32()));
        Assert.Equal([100m, 200m, 500m], bands.EnumerateArray().Select(b => b.GetProperty("monthlyAmount").GetDecimal())); // yuan, fen inside

        var future = await district.PostAsJsonAsync("/api/v1/welfare/allowance", new { month = YearMonth.Of(TimeProvider.System.Today().AddMonths(1)) }, Ct);
        Assert.Equal(HttpStatusCode.BadRequest, future.StatusCode);
        Assert.Equal("不能生成未来月份的发放名单。", (await future.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("errors").GetProperty("month")[0].GetString());

        var generated = await district.PostAsJsonAsync("/api/v1/welfare/allowance", new { month = LastMonth }, Ct);
        Assert.Equal(HttpStatusCode.OK, generated.StatusCode);
        var result = await generated.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.True(result.GetProperty("elders").GetInt32() > 0);

        var tooEarly = await district.PostAsJsonAsync("/api/v1/welfare/allowance/approve", new { month = LastMonth }, Ct);
        Assert.Equal(HttpStatusCode.Conflict, tooEarly.StatusCode);
        Assert.Equal("没有待本级审核的名单。", (await tooEarly.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("detail").GetString());

        var village = await factory.ClientFor("village");
        var mine = await village.GetFromJsonAsync<JsonElement>($"/api/v1/welfare/allowance?month={LastMonth}", Ct);
        Assert.All(mine.GetProperty("lists").EnumerateArray(), l => Assert.Equal(RegionCatalog.YinglunMingyuanCode, l.GetProperty("regionCode").GetString()));

        var file = await district.GetAsync($"/api/v1/welfare/allowance/export?month={LastMonth}", Ct);
        Assert.Equal(HttpStatusCode.OK, file.StatusCode);
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", file.Content.Headers.ContentType!.MediaType);
        using var stream = new MemoryStream(await file.Content.ReadAsByteArrayAsync(Ct));
        var lines = stream.Query(useHeaderRow: true, sheetName: "发放明细").Cast<IDictionary<string, object>>().ToList();
        Assert.Equal(result.GetProperty("elders").GetInt32(), lines.Count);
        Assert.All(lines, r => Assert.StartsWith("**************", (string)r["身份证号"], StringComparison.Ordinal));
    }

    [Fact]
    public async Task Overdue_visits_and_absences_follow_the_scope_and_a_backwards_away_period_is_a_localized_problem()
    {
        var village = await factory.ClientFor("village");
        var overdue = await village.GetFromJsonAsync<JsonElement>("/api/v1/welfare/visits/overdue", Ct);
        Assert.All(overdue.GetProperty("items").EnumerateArray(), v => Assert.Equal(RegionCatalog.YinglunMingyuanCode, v.GetProperty("regionCode").GetString()));
        var elders = await village.GetFromJsonAsync<JsonElement>($"/api/v1/elders?region={RegionCatalog.YinglunMingyuanCode}&status=Active&pageSize=1", Ct);
        var elderId = elders.GetProperty("items")[0].GetProperty("id").GetString();

        var street2 = await factory.ClientFor("street2");
        var theirs = await street2.GetFromJsonAsync<JsonElement>("/api/v1/welfare/visits/overdue", Ct);
        Assert.DoesNotContain(theirs.GetProperty("items").EnumerateArray(), v => v.GetProperty("regionCode").GetString()!.StartsWith(RegionCatalog.YangliuqingCode, StringComparison.Ordinal));
        Assert.Equal(HttpStatusCode.NotFound, (await street2.GetAsync($"/api/v1/welfare/elders/{elderId}/absences", Ct)).StatusCode);

        var today = TimeProvider.System.Today();
        var backwards = await village.PostAsJsonAsync($"/api/v1/welfare/elders/{elderId}/away", new { from = today, to = today.AddDays(-1) }, Ct);
        Assert.Equal(HttpStatusCode.BadRequest, backwards.StatusCode);
        Assert.Equal("结束日期不能早于开始日期", (await backwards.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("errors").GetProperty("to")[0].GetString());
        var notMine = await street2.PostAsJsonAsync($"/api/v1/welfare/elders/{elderId}/away", new { from = today }, Ct);
        Assert.Equal(HttpStatusCode.NotFound, notMine.StatusCode);
    }
}
