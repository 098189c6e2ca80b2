using System.Net;
using System.Net.Http.Json;
using Mediator;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using SmartEldercare.Platform.Behaviors;
using SmartEldercare.Platform.Features.Account;
using SmartEldercare.Platform.Features.Admin;
using SmartEldercare.Platform.Identity;
using SmartEldercare.Platform.Regions;
using SmartEldercare.Tests.Infrastructure;

namespace SmartEldercare.Tests.Http;

public sealed class TwoFactorTests(EldercareWebFactory factory) : IClassFixture<EldercareWebFactory>
{
    private const string Password = "Strong#Pass2026";

    private static async Task<T> As<T>(IServiceProvider services, string userName, Func<IMediator, ValueTask<T>> send)
    {
        await using var scope = services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var user = (await users.FindByNameAsync(userName))!;
        var principal = await scope.ServiceProvider.GetRequiredService<SignInManager<AppUser>>().CreateUserPrincipalAsync(user);
        scope.ServiceProvider.GetRequiredService<CurrentUser>().Set(principal);
        return await send(scope.ServiceProvider.GetRequiredService<IMediator>());
    }

    private async Task CreateUser(string userName, string role)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<CurrentUser>().Set(TestUsers.Make("admin", Roles.SystemAdmin, RegionCatalog.DistrictCode));
        var created = await scope.ServiceProvider.GetRequiredService<IMediator>().Send(
            new SaveUser.Command { UserName = userName, DisplayName = userName, Role = role, RegionCode = RegionCatalog.YangliuqingCode, Password = Password },
            TestContext.Current.CancellationToken);
        Assert.True(created.IsSuccess, created.Message);
    }

    [Fact]
    public async Task Enrolled_users_need_the_authenticator_code_in_the_browser_and_for_API_tokens()
    {
        await CreateUser("totp-user", Roles.StreetStaff);
        var setup = await As(factory.Services, "totp-user", m => m.Send(new BeginTwoFactorEnrollment.Command()));
        var wrong = await As(factory.Services, "totp-user", m => m.Send(new ConfirmTwoFactor.Command { Code = "000000" }));
        var codes = await As(factory.Services, "totp-user", m => m.Send(new ConfirmTwoFactor.Command { Code = Totp.Code(setup.SharedKey, DateTimeOffset.UtcNow) }));

        Assert.StartsWith("data:image/svg+xml;base64,", setup.QrCodeDataUri, StringComparison.Ordinal);
        Assert.False(wrong.IsSuccess);
        Assert.True(codes.IsSuccess, codes.Message);
        Assert.Equal(10, codes.Value!.Count);

        var api = factory.CreateClient();
        var noCode = await api.PostAsJsonAsync("/api/v1/auth/token", new { userName = "totp-user", password = Password }, TestContext.Current.CancellationToken);
        // The code that confirmed the enrollment is spent; the next 30-second step's code signs in (one step of drift allowed).
        var spent = await api.PostAsJsonAsync("/api/v1/auth/token", new { userName = "totp-user", password = Password, twoFactorCode = Totp.Code(setup.SharedKey, DateTimeOffset.UtcNow) }, TestContext.Current.CancellationToken);
        var withCode = await api.PostAsJsonAsync("/api/v1/auth/token", new { userName = "totp-user", password = Password, twoFactorCode = Totp.Code(setup.SharedKey, DateTimeOffset.UtcNow.AddSeconds(30)) }, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Unauthorized, noCode.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, spent.StatusCode);
        Assert.Equal(HttpStatusCode.OK, withCode.StatusCode);

        var browser = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        Assert.Equal(HttpStatusCode.Accepted, (await Post(browser, "/account/login", new { userName = "totp-user", password = Password })).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await Post(browser, "/account/login-2fa", new { code = "123456" })).StatusCode);
        var signedIn = await Post(browser, "/account/login-2fa", new { code = codes.Value[0] });
        Assert.Equal(HttpStatusCode.NoContent, signedIn.StatusCode);
        Assert.Contains(signedIn.Headers.GetValues("Set-Cookie"), c => c.StartsWith(".Eldercare.Auth=", StringComparison.Ordinal));

        // A recovery code works once.
        var again = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        await Post(again, "/account/login", new { userName = "totp-user", password = Password });
        Assert.Equal(HttpStatusCode.Unauthorized, (await Post(again, "/account/login-2fa", new { code = codes.Value[0] })).StatusCode);
    }

    [Fact]
    public async Task An_authenticator_code_signs_in_once_and_a_refusal_never_tells_that_the_password_was_right()
    {
        await CreateUser("totp-once", Roles.StreetStaff);
        var setup = await As(factory.Services, "totp-once", m => m.Send(new BeginTwoFactorEnrollment.Command()));
        Assert.True((await As(factory.Services, "totp-once", m => m.Send(new ConfirmTwoFactor.Command { Code = Totp.Code(setup.SharedKey, DateTimeOffset.UtcNow.AddSeconds(-30)) }))).IsSuccess);
        var api = factory.CreateClient();
        Task<HttpResponseMessage> Token(string password, string? code) =>
            api.PostAsJsonAsync("/api/v1/auth/token", new { userName = "totp-once", password, twoFactorCode = code }, TestContext.Current.CancellationToken);
        var code = Totp.Code(setup.SharedKey, DateTimeOffset.UtcNow);

        var first = await Token(Password, code);
        var replayed = await Token(Password, code);
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, replayed.StatusCode);

        // Right password without the code, right password with a wrong code, wrong password: the same answer (four
        // failures in all, under the lockout's five).
        async Task<string> TitleAsync(HttpResponseMessage r) =>
            (await r.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>(TestContext.Current.CancellationToken)).GetProperty("title").GetString()!;
        var titles = new[] { await TitleAsync(replayed), await TitleAsync(await Token(Password, null)), await TitleAsync(await Token(Password, "000000")), await TitleAsync(await Token("Wrong#Pass2026", null)) };
        Assert.Single(titles.Distinct());
        Assert.Equal("用户名、密码或验证码错误", titles[0]);
    }

    [Fact]
    public async Task A_role_that_must_use_two_factor_can_do_nothing_but_enroll_until_it_has()
    {
        await using var strict = factory.WithWebHostBuilder(b => b.UseSetting("Security:RequireTwoFactorForRoles", "SystemAdmin,DistrictOperator"));
        _ = strict.Server;
        var token = await strict.CreateClient().PostAsJsonAsync("/api/v1/auth/token", new { userName = "district", password = "Eldercare#2026" }, TestContext.Current.CancellationToken);
        var streetToken = await strict.CreateClient().PostAsJsonAsync("/api/v1/auth/token", new { userName = "street", password = "Eldercare#2026" }, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Unauthorized, token.StatusCode);
        Assert.Contains("双重验证", await token.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, streetToken.StatusCode);
        await Assert.ThrowsAsync<ForbiddenException>(() => As(strict.Services, "district", m => m.Send(new SmartEldercare.Platform.Features.Elders.SearchElders.Query())));
        var status = await As(strict.Services, "district", m => m.Send(new GetTwoFactorStatus.Query()));
        Assert.True(status.Required);
        Assert.False(status.Enabled);
    }

    private static async Task<HttpResponseMessage> Post(HttpClient client, string url, object body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = JsonContent.Create(body) };
        request.Headers.Add("X-Eldercare-Request", "1");
        return await client.SendAsync(request, TestContext.Current.CancellationToken);
    }
}
