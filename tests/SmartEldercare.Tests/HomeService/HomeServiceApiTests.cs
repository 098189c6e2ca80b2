using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using MiniExcelLibs;
using SmartEldercare.HomeService;
using SmartEldercare.Platform.Common;
using SmartEldercare.Platform.Regions;
using SmartEldercare.Tests.Infrastructure;

namespace SmartEldercare.Tests.HomeService;

/// <summary>The module over HTTP on the real app with demo data (the module's own demo data included).</summary>
public sealed class HomeServiceApiTests(EldercareWebFactory factory) : IClassFixture<EldercareWebFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static int ThisMonth => YearMonth.Of(TimeProvider.System.Today());

    [Fact]
    public async Task The_demo_catalogue_rules_provider_with_its_worker_and_a_served_last_month_are_seeded()
    {
        var street = await factory.ClientFor("street");
        var catalogue = await street.GetFromJsonAsync<JsonElement>("/api/v1/home-service/catalogue", Ct);
        Assert.Equal(11, catalogue.GetProperty("items").GetArrayLength());
        Assert.Equal(6, catalogue.GetProperty("rules").GetArrayLength());
        Assert.Equal(6, catalogue.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("category").GetString()).Distinct().Count());
        var provider = catalogue.GetProperty("providers").EnumerateArray().Single(p => p.GetProperty("name").GetString() == HomeServiceDemoData.DemoProviderName);
        // Money is fen inside, yuan in the API: the lunch's guide price ¥15.00, the demo provider's ¥14.00.
        var lunch = catalogue.GetProperty("items").EnumerateArray().Single(i => i.GetProperty("code").GetString() == "MEAL-LUNCH");
        Assert.Equal(15m, lunch.GetProperty("guidePrice").GetDecimal());
        Assert.Equal(14m, lunch.GetProperty("offerings").EnumerateArray().Single(o => o.GetProperty("providerId").GetString() == provider.GetProperty("id").GetString()).GetProperty("price").GetDecimal());

        var credit = await street.GetFromJsonAsync<JsonElement>($"/api/v1/home-service/providers?month={YearMonth.Previous(ThisMonth)}", Ct);
        var row = credit.EnumerateArray().Single(r => r.GetProperty("id").GetString() == provider.GetProperty("id").GetString());
        Assert.True(row.GetProperty("figures").GetProperty("due").GetInt32() > 10);
        Assert.True(row.GetProperty("figures").GetProperty("score").GetDouble() > 50);

        var worker = await factory.ClientFor("worker");
        var day = await worker.GetFromJsonAsync<JsonElement>("/api/v1/home-service/my-visits", Ct);
        Assert.Equal(HomeServiceDemoData.DemoProviderName, day.GetProperty("providerName").GetString());
    }

    [Fact]
    public async Task An_order_over_the_api_is_the_streets_and_not_street2s_and_bad_input_is_a_localized_problem()
    {
        var street = await factory.ClientFor("street");
        var elders = await street.GetFromJsonAsync<JsonElement>($"/api/v1/elders?region={RegionCatalog.YinglunMingyuanCode}&status=Active&pageSize=1", Ct);
        var elderId = elders.GetProperty("items")[0].GetProperty("id").GetString();
        var catalogue = await street.GetFromJsonAsync<JsonElement>("/api/v1/home-service/catalogue", Ct);
        var lunch = catalogue.GetProperty("items").EnumerateArray().Single(i => i.GetProperty("code").GetString() == "MEAL-LUNCH").GetProperty("id").GetString();

        var past = await street.PostAsJsonAsync("/api/v1/home-service/orders", new { elderId, itemId = lunch, quantity = 1, windowStart = DateTimeOffset.UtcNow.AddHours(-3), windowMinutes = 60, selfPayConsent = true }, Ct);
        Assert.Equal(HttpStatusCode.BadRequest, past.StatusCode);
        var problem = await past.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal("服务时间不能早于现在。", problem.GetProperty("errors").GetProperty("windowStart")[0].GetString());

        var created = await street.PostAsJsonAsync("/api/v1/home-service/orders", new { elderId, itemId = lunch, quantity = 1, windowStart = DateTimeOffset.UtcNow.AddHours(3), windowMinutes = 60, selfPayConsent = true }, Ct);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("id").GetString();
        var order = await street.GetFromJsonAsync<JsonElement>($"/api/v1/home-service/orders/{id}", Ct);
        Assert.Equal("Requested", order.GetProperty("status").GetString());

        var street2 = await factory.ClientFor("street2");
        Assert.Equal(HttpStatusCode.NotFound, (await street2.GetAsync($"/api/v1/home-service/orders/{id}", Ct)).StatusCode);
        var zhongbeiProvider = (await street2.GetFromJsonAsync<JsonElement>("/api/v1/home-service/catalogue", Ct)).GetProperty("providers")[0].GetProperty("id").GetString();
        Assert.Equal(HttpStatusCode.NotFound, (await street2.PostAsJsonAsync($"/api/v1/home-service/orders/{id}/dispatch", new { providerId = zhongbeiProvider }, Ct)).StatusCode);

        // A stale dispatch (the order moved since version 1) is a 409 that says who acted.
        var provider = catalogue.GetProperty("providers").EnumerateArray().Single(p => p.GetProperty("name").GetString() == HomeServiceDemoData.DemoProviderName).GetProperty("id").GetString();
        Assert.Equal(HttpStatusCode.NoContent, (await street.PostAsJsonAsync($"/api/v1/home-service/orders/{id}/dispatch", new { providerId = provider, version = 1 }, Ct)).StatusCode);
        var stale = await street.PostAsJsonAsync($"/api/v1/home-service/orders/{id}/dispatch", new { providerId = provider, version = 1 }, Ct);
        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        Assert.Contains("杨柳青镇 刘洋", (await stale.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(14m, (await street.GetFromJsonAsync<JsonElement>($"/api/v1/home-service/orders/{id}", Ct)).GetProperty("unitPrice").GetDecimal()); // yuan
    }

    [Fact]
    public async Task Last_months_settlement_of_the_demo_provider_exports_as_xlsx_and_this_month_cannot_be_settled_yet()
    {
        var street = await factory.ClientFor("street");
        var catalogue = await street.GetFromJsonAsync<JsonElement>("/api/v1/home-service/catalogue", Ct);
        var provider = catalogue.GetProperty("providers").EnumerateArray().Single(p => p.GetProperty("name").GetString() == HomeServiceDemoData.DemoProviderName).GetProperty("id").GetString();

        var notOver = await street.PostAsJsonAsync("/api/v1/home-service/settlements", new { providerId = provider, month = ThisMonth }, Ct);
        Assert.Equal(HttpStatusCode.BadRequest, notOver.StatusCode);
        Assert.Equal("该月份尚未结束，不能结算。", (await notOver.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("errors").GetProperty("month")[0].GetString());

        var generated = await street.PostAsJsonAsync("/api/v1/home-service/settlements", new { providerId = provider, month = YearMonth.Previous(ThisMonth) }, Ct);
        Assert.Equal(HttpStatusCode.OK, generated.StatusCode);
        var id = (await generated.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("id").GetString();
        var again = await street.PostAsJsonAsync("/api/v1/home-service/settlements", new { providerId = provider, month = YearMonth.Previous(ThisMonth) }, Ct);
        Assert.Equal(id, (await again.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("id").GetString());

        var file = await street.GetAsync($"/api/v1/home-service/settlements/{id}/export?format=Xlsx", Ct);
        Assert.Equal(HttpStatusCode.OK, file.StatusCode);
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", file.Content.Headers.ContentType?.MediaType);
        using var stream = new MemoryStream(await file.Content.ReadAsByteArrayAsync(Ct));
        var paid = stream.Query(useHeaderRow: true, sheetName: "结算明细").Cast<IDictionary<string, object>>().ToList();
        Assert.True(paid.Count > 5);
        Assert.All(paid, r => Assert.Equal("是", r["是否结算"]));

        var street2 = await factory.ClientFor("street2");
        Assert.Equal(HttpStatusCode.NotFound, (await street2.GetAsync($"/api/v1/home-service/settlements/{id}/export?format=Csv", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await (await factory.ClientFor("village")).GetAsync($"/api/v1/home-service/settlements/{id}/export", Ct)).StatusCode);
    }
}
