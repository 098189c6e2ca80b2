using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc.Testing;
using SmartEldercare.Platform.Regions;
using SmartEldercare.Tests.Infrastructure;

namespace SmartEldercare.Tests.Http;

public sealed class ApiTests(EldercareWebFactory factory) : IClassFixture<EldercareWebFactory>
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private sealed record Page(List<Item> Items, int Total);

    private sealed record Item(Guid Id, string Name, string RegionCode, string MaskedIdNumber, string MaskedPhone);

    [Fact]
    public async Task Health_reports_the_database_and_alive_answers()
    {
        var client = factory.CreateClient();
        var health = await client.GetAsync(new Uri("/health", UriKind.Relative), TestContext.Current.CancellationToken);
        var alive = await client.GetAsync(new Uri("/alive", UriKind.Relative), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        Assert.Equal("Healthy", await health.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        Assert.Equal(HttpStatusCode.OK, alive.StatusCode);
    }

    [Fact]
    public async Task The_token_endpoint_refuses_a_wrong_password_with_ProblemDetails()
    {
        var client = factory.CreateClient();
        var response = await client.PostAsJsonAsync("/api/v1/auth/token", new { userName = "district", password = "wrong" }, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("用户名、密码或验证码错误", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_API_requires_a_bearer_token()
    {
        var response = await factory.CreateClient().GetAsync(new Uri("/api/v1/elders", UriKind.Relative), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Theory]
    [InlineData("village", RegionCatalog.YinglunMingyuanCode)]
    [InlineData("street", RegionCatalog.YangliuqingCode)]
    [InlineData("street2", RegionCatalog.ZhongbeiCode)]
    [InlineData("district", RegionCatalog.DistrictCode)]
    public async Task Each_user_sees_only_elders_inside_their_region(string user, string scope)
    {
        var client = await factory.ClientFor(user);
        var page = await client.GetFromJsonAsync<Page>("/api/v1/elders?pageSize=100&status=Active", Json, TestContext.Current.CancellationToken);

        Assert.NotNull(page);
        Assert.NotEmpty(page.Items);
        Assert.All(page.Items, e => Assert.StartsWith(scope, e.RegionCode, StringComparison.Ordinal));
        Assert.All(page.Items, e => Assert.Matches(@"^\d{6}\*{8}[\dX]{4}$", e.MaskedIdNumber));
    }

    [Fact]
    public async Task Scopes_nest_village_inside_street_inside_district()
    {
        async Task<int> Total(string user) =>
            (await (await factory.ClientFor(user)).GetFromJsonAsync<Page>("/api/v1/elders?pageSize=1", Json, TestContext.Current.CancellationToken))!.Total;

        var village = await Total("village");
        var street = await Total("street");
        var street2 = await Total("street2");
        var district = await Total("district");
        Assert.True(village < street, $"{village} < {street}");
        Assert.True(street + street2 < district, $"{street} + {street2} < {district}");
    }

    [Fact]
    public async Task Another_villages_elder_is_404_for_a_village_user()
    {
        var street = await factory.ClientFor("street");
        var other = (await street.GetFromJsonAsync<Page>($"/api/v1/elders?region={TestUsers.YangliuqingVillage2}&pageSize=1", Json, TestContext.Current.CancellationToken))!.Items.Single();
        var village = await factory.ClientFor("village");
        var street2 = await factory.ClientFor("street2");

        var asVillage = await village.GetAsync(new Uri($"/api/v1/elders/{other.Id}", UriKind.Relative), TestContext.Current.CancellationToken);
        var asStreet2 = await street2.GetAsync(new Uri($"/api/v1/elders/{other.Id}", UriKind.Relative), TestContext.Current.CancellationToken);
        var asStreet = await street.GetAsync(new Uri($"/api/v1/elders/{other.Id}", UriKind.Relative), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.NotFound, asVillage.StatusCode);
        Assert.Equal("application/problem+json", asVillage.Content.Headers.ContentType?.MediaType);
        Assert.DoesNotContain(other.Name, await asVillage.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, asStreet2.StatusCode);
        Assert.Equal(HttpStatusCode.OK, asStreet.StatusCode);
    }

    [Fact]
    public async Task Bad_input_answers_400_ProblemDetails_and_writes_nothing()
    {
        var client = await factory.ClientFor("village");
        var before = (await client.GetFromJsonAsync<Page>("/api/v1/elders?pageSize=1", Json, TestContext.Current.CancellationToken))!.Total;

        var invalid = await client.PostAsJsonAsync("/api/v1/elders", new
        {
            name = new string('张', 200),
            idNumber = "120111194403051234",
            phone = "123",
            regionCode = RegionCatalog.YinglunMingyuanCode,
            emergencyContacts = Array.Empty<object>(),
        }, TestContext.Current.CancellationToken);
        var outside = await client.PostAsJsonAsync("/api/v1/elders", new
        {
            name = "王秀英",
            idNumber = NewElder.IdNumber(new DateOnly(1944, 3, 5)),
            regionCode = RegionCatalog.XihuayuanCode,
            emergencyContacts = new[] { new { name = "王建国", relation = "儿子", phone = "13912345678" } },
        }, TestContext.Current.CancellationToken);
        using var malformed = new StringContent("{not json", System.Text.Encoding.UTF8, "application/json");
        var broken = await client.PostAsync(new Uri("/api/v1/elders", UriKind.Relative), malformed, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
        var problem = await invalid.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
        var errors = problem.GetProperty("errors");
        Assert.True(errors.TryGetProperty("name", out _));
        Assert.True(errors.TryGetProperty("idNumber", out _));
        Assert.True(errors.TryGetProperty("phone", out _));
        Assert.True(errors.TryGetProperty("emergencyContacts", out _));
        Assert.Equal(HttpStatusCode.BadRequest, outside.StatusCode);
        Assert.Contains("regionCode", await outside.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, broken.StatusCode);
        Assert.Equal("application/problem+json", broken.Content.Headers.ContentType?.MediaType);
        Assert.Equal(before, (await client.GetFromJsonAsync<Page>("/api/v1/elders?pageSize=1", Json, TestContext.Current.CancellationToken))!.Total);
    }

    [Fact]
    public async Task A_role_without_the_permission_gets_403()
    {
        var worker = await factory.ClientFor("worker");
        var response = await worker.GetAsync(new Uri("/api/v1/elders", UriKind.Relative), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task A_registered_elder_can_be_read_back_masked_and_English_errors_follow_Accept_Language()
    {
        var client = await factory.ClientFor("village");
        var id = NewElder.IdNumber(new DateOnly(1938, 8, 8), SmartEldercare.Platform.Common.Gender.Male);
        var created = await client.PostAsJsonAsync("/api/v1/elders", new
        {
            name = "刘长顺",
            idNumber = id,
            phone = "13787654321",
            regionCode = RegionCatalog.YinglunMingyuanCode,
            careLevel = 2,
            emergencyContacts = new[] { new { name = "刘洋", relation = "儿子", phone = "13912345678" } },
        }, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var detail = await client.GetFromJsonAsync<JsonElement>(created.Headers.Location!, TestContext.Current.CancellationToken);
        Assert.Equal("137****4321", detail.GetProperty("maskedPhone").GetString());
        Assert.Equal($"120111********{id[^4..]}", detail.GetProperty("maskedIdNumber").GetString());
        Assert.DoesNotContain(id, detail.ToString(), StringComparison.Ordinal);

        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/elders") { Content = JsonContent.Create(new { name = "刘长顺", idNumber = id, regionCode = RegionCatalog.YinglunMingyuanCode, emergencyContacts = new[] { new { name = "刘洋", relation = "儿子", phone = "13912345678" } } }) };
        request.Headers.AcceptLanguage.ParseAdd("en-US");
        var duplicate = await client.SendAsync(request, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.BadRequest, duplicate.StatusCode);
        Assert.Contains("already registered", await duplicate.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Regions_and_the_OpenAPI_description_are_served()
    {
        var village = await factory.ClientFor("village");
        var regions = await village.GetFromJsonAsync<JsonElement>("/api/v1/regions", TestContext.Current.CancellationToken);
        Assert.Equal(RegionCatalog.YinglunMingyuanCode, regions.EnumerateArray().Single().GetProperty("code").GetString());

        var openApi = await factory.CreateClient().GetStringAsync(new Uri("/openapi/v1.json", UriKind.Relative), TestContext.Current.CancellationToken);
        Assert.Contains("/api/v1/elders", openApi, StringComparison.Ordinal);
        Assert.Contains("/api/v1/auth/token", openApi, StringComparison.Ordinal);

        var reference = await factory.CreateClient().GetAsync(new Uri("/api-docs", UriKind.Relative), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, reference.StatusCode);
        Assert.Contains("openapi/v1.json", await reference.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_error_page_and_the_reconnect_banner_speak_Chinese_by_default()
    {
        var client = factory.CreateClient();
        async Task<string> Html(string path) =>
            WebUtility.HtmlDecode(await client.GetStringAsync(new Uri(path, UriKind.Relative), TestContext.Current.CancellationToken));
        var error = await Html("/error");
        var login = await Html("/login");
        var english = await Html("/login?culture=en");

        Assert.Contains("出错了", error, StringComparison.Ordinal);
        Assert.Contains("<html lang=\"zh-CN\"", login, StringComparison.Ordinal);
        Assert.Contains("与服务器的连接已中断，正在重新连接", login, StringComparison.Ordinal);
        Assert.Contains("Connection lost; reconnecting", english, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Responses_carry_security_headers_and_foreign_origins_cannot_open_a_circuit()
    {
        var client = factory.CreateClient();
        var login = await client.GetAsync(new Uri("/login", UriKind.Relative), TestContext.Current.CancellationToken);
        using var foreign = new HttpRequestMessage(HttpMethod.Post, "/_blazor/negotiate?negotiateVersion=1");
        foreign.Headers.Add("Origin", "https://evil.example");
        var negotiate = await client.SendAsync(foreign, TestContext.Current.CancellationToken);

        var csp = login.Headers.GetValues("Content-Security-Policy").Single();
        Assert.Contains("frame-ancestors 'none'", csp, StringComparison.Ordinal);
        Assert.Contains("script-src 'self'", csp, StringComparison.Ordinal);
        Assert.Equal("nosniff", login.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal(HttpStatusCode.Forbidden, negotiate.StatusCode);
    }

    [Fact]
    public async Task Sign_in_attempts_are_rate_limited_per_address()
    {
        await using var limited = factory.WithWebHostBuilder(b => b.UseSetting("Security:SignInAttemptsPerMinute", "3"));
        var client = limited.CreateClient();
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 5; i++)
        {
            var response = await client.PostAsJsonAsync("/api/v1/auth/token", new { userName = "nobody", password = "wrong" }, TestContext.Current.CancellationToken);
            statuses.Add(response.StatusCode);
        }

        Assert.Equal([HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.TooManyRequests, HttpStatusCode.TooManyRequests], statuses);
    }

    [Fact]
    public async Task Pages_require_sign_in_and_the_browser_login_sets_a_cookie()
    {
        var client = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var page = await client.GetAsync(new Uri("/elders", UriKind.Relative), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        Assert.StartsWith("/login", page.Headers.Location!.PathAndQuery, StringComparison.Ordinal);

        using var noHeader = new HttpRequestMessage(HttpMethod.Post, "/account/login") { Content = JsonContent.Create(new { userName = "village", password = "Eldercare#2026" }) };
        Assert.Equal(HttpStatusCode.BadRequest, (await client.SendAsync(noHeader, TestContext.Current.CancellationToken)).StatusCode);

        using var login = new HttpRequestMessage(HttpMethod.Post, "/account/login") { Content = JsonContent.Create(new { userName = "village", password = "Eldercare#2026" }) };
        login.Headers.Add("X-Eldercare-Request", "1");
        var response = await client.SendAsync(login, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Contains(response.Headers.GetValues("Set-Cookie"), c => c.StartsWith(".Eldercare.Auth=", StringComparison.Ordinal));
    }
}
