using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Mediator;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using SmartEldercare.Platform.Common;
using SmartEldercare.Platform.Features.Admin;
using SmartEldercare.Platform.Identity;
using SmartEldercare.Platform.Live;
using SmartEldercare.Platform.Regions;
using SmartEldercare.Tests.Infrastructure;

namespace SmartEldercare.Tests.Http;

public sealed class AccountSecurityTests(EldercareWebFactory factory) : IClassFixture<EldercareWebFactory>
{
    private static readonly System.Security.Claims.ClaimsPrincipal Admin = TestUsers.Make("admin", Roles.SystemAdmin, RegionCatalog.DistrictCode);

    private async Task<T> AsAdmin<T>(Func<IMediator, ValueTask<T>> send)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<CurrentUser>().Set(Admin);
        return await send(scope.ServiceProvider.GetRequiredService<IMediator>());
    }

    private async Task<Guid> CreateUser(string userName, string role = Roles.VillageStaff, string region = RegionCatalog.YinglunMingyuanCode)
    {
        var result = await AsAdmin(m => m.Send(new SaveUser.Command { UserName = userName, DisplayName = "测试 " + userName, Role = role, RegionCode = region, Password = "Strong#Pass2026" }));
        Assert.True(result.IsSuccess, result.Message);
        return result.Value;
    }

    private static async Task<HttpResponseMessage> Token(HttpClient client, string user, string password) =>
        await client.PostAsJsonAsync("/api/v1/auth/token", new { userName = user, password }, TestContext.Current.CancellationToken);

    [Fact]
    public async Task Five_failed_attempts_lock_the_account_and_unknown_users_get_the_same_message()
    {
        var client = factory.CreateClient();
        await CreateUser("lockme");
        var unknown = await Token(client, "no-such-user", "Wrong#Pass2026");
        var wrong = await Token(client, "lockme", "Wrong#Pass2026");
        for (var i = 0; i < 4; i++)
        {
            await Token(client, "lockme", "Wrong#Pass2026");
        }

        var correctButLocked = await Token(client, "lockme", "Strong#Pass2026");

        Assert.Contains("用户名、密码或验证码错误", await unknown.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
        Assert.Contains("用户名、密码或验证码错误", await wrong.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Unauthorized, correctButLocked.StatusCode);
        Assert.Contains("锁定", await correctButLocked.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sign_in_attempts_are_in_the_audit_trail()
    {
        await CreateUser("audited-signin");
        var client = factory.CreateClient();
        await Token(client, "audited-signin", "Wrong#Pass2026");
        await Token(client, "audited-signin", "Strong#Pass2026");

        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SmartEldercare.Platform.Persistence.EldercareDbContext>();
        var entries = db.AuditEntries.Where(a => a.UserName == "audited-signin" && a.Action == "Account.Token").OrderBy(a => a.Sequence).ToList();

        Assert.Equal([SmartEldercare.Platform.Auditing.AuditOutcome.Refused, SmartEldercare.Platform.Auditing.AuditOutcome.Succeeded], entries.Select(e => e.Outcome));
        Assert.Equal("wrong user name or password", entries[0].Detail);
        Assert.True((await scope.ServiceProvider.GetRequiredService<SmartEldercare.Platform.Auditing.AuditTrail>().VerifyAsync(TestContext.Current.CancellationToken)).Intact);
    }

    [Fact]
    public async Task A_disabled_users_token_stops_working_and_they_cannot_sign_in_again()
    {
        var id = await CreateUser("disableme");
        var client = factory.CreateClient();
        var token = (await (await Token(client, "disableme", "Strong#Pass2026")).Content.ReadFromJsonAsync<EldercareWebFactory.TokenResponse>(TestContext.Current.CancellationToken))!;
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token.AccessToken);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(new Uri("/api/v1/regions", UriKind.Relative), TestContext.Current.CancellationToken)).StatusCode);

        Assert.True((await AsAdmin(m => m.Send(new SetUserEnabled.Command(id, Enabled: false)))).IsSuccess);

        var afterDisable = await client.GetAsync(new Uri("/api/v1/regions", UriKind.Relative), TestContext.Current.CancellationToken);
        var signInAgain = await Token(factory.CreateClient(), "disableme", "Strong#Pass2026");
        Assert.Contains(afterDisable.StatusCode, new[] { HttpStatusCode.Unauthorized, HttpStatusCode.Forbidden });
        Assert.Equal(HttpStatusCode.Unauthorized, signInAgain.StatusCode);

        // The same check the circuits run every minute refuses the account's existing sessions.
        await using var scope = factory.Services.CreateAsyncScope();
        var signIn = scope.ServiceProvider.GetRequiredService<SignInManager<AppUser>>();
        var user = (await scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>().FindByIdAsync(id.ToString()))!;
        Assert.Null(await signIn.ValidateSecurityStampAsync(await signIn.CreateUserPrincipalAsync(user)));
    }

    [Fact]
    public async Task A_disabled_users_live_hub_connection_is_closed_at_the_next_revalidation_and_others_stay_open()
    {
        var id = await CreateUser("hub-disableme");
        await CreateUser("hub-keepme");
        async Task<(HubConnection Hub, TaskCompletionSource Closed)> ConnectAsync(string user)
        {
            var token = (await (await Token(factory.CreateClient(), user, "Strong#Pass2026")).Content.ReadFromJsonAsync<EldercareWebFactory.TokenResponse>(TestContext.Current.CancellationToken))!;
            var hub = new HubConnectionBuilder()
                .WithUrl(new Uri(factory.Server.BaseAddress, "/hubs/live"), o =>
                {
                    o.Transports = HttpTransportType.LongPolling;
                    o.HttpMessageHandlerFactory = _ => factory.Server.CreateHandler();
                    o.AccessTokenProvider = () => Task.FromResult<string?>(token.AccessToken);
                })
                .Build();
            var closed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            hub.Closed += _ =>
            {
                closed.TrySetResult();
                return Task.CompletedTask;
            };
            await hub.StartAsync(TestContext.Current.CancellationToken);
            await hub.InvokeAsync("Join", RegionCatalog.YinglunMingyuanCode, TestContext.Current.CancellationToken);
            return (hub, closed);
        }

        var (disabled, disabledClosed) = await ConnectAsync("hub-disableme");
        var (kept, keptClosed) = await ConnectAsync("hub-keepme");
        await using (disabled)
        await using (kept)
        {
            var sessions = factory.Services.GetRequiredService<LiveHubSessions>();
            Assert.Equal(0, await sessions.RevalidateAsync(TestContext.Current.CancellationToken)); // both accounts valid: nothing closed

            Assert.True((await AsAdmin(m => m.Send(new SetUserEnabled.Command(id, Enabled: false)))).IsSuccess);
            Assert.Equal(1, await sessions.RevalidateAsync(TestContext.Current.CancellationToken));

            // The disabled account's connection ends (bounded wait for the transport to notice); the other one still answers.
            await disabledClosed.Task.WaitAsync(TimeSpan.FromSeconds(15), TestContext.Current.CancellationToken);
            Assert.Equal(HubConnectionState.Disconnected, disabled.State);
            Assert.False(keptClosed.Task.IsCompleted);
            await kept.InvokeAsync("Join", RegionCatalog.YinglunMingyuanCode, TestContext.Current.CancellationToken);

            // And it cannot come back with the same token.
            await Assert.ThrowsAnyAsync<Exception>(() => disabled.StartAsync(TestContext.Current.CancellationToken));
        }
    }

    [Fact]
    public async Task User_administration_checks_names_passwords_and_scope()
    {
        await CreateUser("unique-name");
        var duplicate = await AsAdmin(m => m.Send(new SaveUser.Command { UserName = "unique-name", DisplayName = "重复", Role = Roles.StreetStaff, RegionCode = RegionCatalog.YangliuqingCode, Password = "Strong#Pass2026" }));
        var weak = await AsAdmin(m => m.Send(new SaveUser.Command { UserName = "weak-one", DisplayName = "弱密码", Role = Roles.StreetStaff, RegionCode = RegionCatalog.YangliuqingCode, Password = "12345678" }));
        var streetAdmin = TestUsers.Make("street-admin", Roles.SystemAdmin, RegionCatalog.ZhongbeiCode);
        await using var scope = factory.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<CurrentUser>().Set(streetAdmin);
        var outside = await scope.ServiceProvider.GetRequiredService<IMediator>().Send(new SaveUser.Command { UserName = "outside", DisplayName = "越权", Role = Roles.VillageStaff, RegionCode = RegionCatalog.YinglunMingyuanCode, Password = "Strong#Pass2026" }, TestContext.Current.CancellationToken);

        Assert.Equal(("UserName", "该用户名已存在"), (duplicate.Errors[0].Field, duplicate.Errors[0].Message));
        Assert.Equal(ResultStatus.Invalid, weak.Status);
        Assert.Equal("Password", weak.Errors[0].Field);
        Assert.Equal(ResultStatus.Invalid, outside.Status);
        var users = await AsAdmin(m => m.Send(new ListUsers.Query("UNIQUE-NAME")));
        Assert.Equal(Roles.VillageStaff, Assert.Single(users.Items).Role);
    }

    [Fact]
    public async Task The_browser_sign_in_refuses_a_disabled_account()
    {
        var id = await CreateUser("browser-disabled");
        await AsAdmin(m => m.Send(new SetUserEnabled.Command(id, Enabled: false)));
        var client = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        using var login = new HttpRequestMessage(HttpMethod.Post, "/account/login") { Content = JsonContent.Create(new { userName = "browser-disabled", password = "Strong#Pass2026" }) };
        login.Headers.Add("X-Eldercare-Request", "1");

        var response = await client.SendAsync(login, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.False(response.Headers.Contains("Set-Cookie") && response.Headers.GetValues("Set-Cookie").Any(c => c.StartsWith(".Eldercare.Auth=", StringComparison.Ordinal)));
    }
}
