using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Localization;
using Microsoft.Extensions.Localization;
using SmartEldercare.Platform.Auditing;
using SmartEldercare.Platform.Identity;
using SmartEldercare.Platform.Localization;

namespace SmartEldercare.Web.Hosting;

public sealed record LoginRequest(string UserName, string Password);

public sealed record SecondFactorRequest(string Code);

/// <summary>
/// Cookie sign-in and sign-out for the browser. The interactive login form posts here with fetch, because a
/// Blazor circuit cannot set cookies. The custom header makes cross-site posts impossible without a CORS preflight.
/// </summary>
public static class AccountEndpoints
{
    public const string RequestHeader = "X-Eldercare-Request";

    public static void MapAccountEndpoints(this IEndpointRouteBuilder app)
    {
        var account = app.MapGroup("/account").ExcludeFromDescription();
        account.MapPost("/login", async (HttpContext http, LoginRequest request, SignInManager<AppUser> signIn, AuditTrail audit, IStringLocalizer<Strings> l) =>
        {
            if (!http.Request.Headers.ContainsKey(RequestHeader))
            {
                return Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: l["Api.BadRequest"]);
            }

            if (string.IsNullOrWhiteSpace(request.UserName) || string.IsNullOrEmpty(request.Password))
            {
                return Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: l["Login.Required"]);
            }

            // Session cookie only: the platform signs out after 30 idle minutes, so "remember me" has no place here.
            var result = await signIn.PasswordSignInAsync(request.UserName.Trim(), request.Password, isPersistent: false, lockoutOnFailure: true);
            await AuditSignIn(audit, http, request.UserName.Trim(), result);
            if (result.RequiresTwoFactor)
            {
                // Password accepted; the page asks for the authenticator (or a recovery) code next.
                return Results.Json(new { twoFactor = true }, statusCode: StatusCodes.Status202Accepted);
            }

            return result.Succeeded ? Results.NoContent()
                : Results.Problem(statusCode: StatusCodes.Status401Unauthorized, title: l[result.IsLockedOut ? "Login.LockedOut" : "Login.Failed"]);
        }).AllowAnonymous().RequireRateLimiting(Security.SignInPolicy);

        account.MapPost("/login-2fa", async (HttpContext http, SecondFactorRequest request, SignInManager<AppUser> signIn, AuditTrail audit, IStringLocalizer<Strings> l) =>
        {
            if (!http.Request.Headers.ContainsKey(RequestHeader) || string.IsNullOrWhiteSpace(request.Code))
            {
                return Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: l["TwoFactor.Code.Invalid"]);
            }

            var code = request.Code.Replace(" ", string.Empty, StringComparison.Ordinal);
            var result = code.Length == 6 && code.All(char.IsAsciiDigit)
                ? await signIn.TwoFactorAuthenticatorSignInAsync(code, isPersistent: false, rememberClient: false)
                : await signIn.TwoFactorRecoveryCodeSignInAsync(code);
            var pending = await signIn.GetTwoFactorAuthenticationUserAsync();
            await AuditSignIn(audit, http, pending?.UserName ?? "-", result, secondFactor: true);
            return result.Succeeded ? Results.NoContent()
                : Results.Problem(statusCode: StatusCodes.Status401Unauthorized, title: l[result.IsLockedOut ? "Login.LockedOut" : "TwoFactor.Code.Wrong"]);
        }).AllowAnonymous().RequireRateLimiting(Security.SignInPolicy);

        account.MapPost("/logout", async (HttpContext http, SignInManager<AppUser> signIn, AuditTrail audit, ICurrentUser user) =>
        {
            if (!http.Request.Headers.ContainsKey(RequestHeader))
            {
                return Results.BadRequest();
            }

            if (user.IsAuthenticated)
            {
                await audit.AppendAsync(user, new AuditRecord("Account.SignOut", null, AuditOutcome.Succeeded));
            }

            await signIn.SignOutAsync();
            return Results.NoContent();
        });

        // Renews the sliding sign-in cookie while the user works in a circuit (which makes no HTTP requests).
        account.MapPost("/ping", (HttpContext http) =>
            http.Request.Headers.ContainsKey(RequestHeader) ? Results.NoContent() : Results.BadRequest()).RequireAuthorization();

        // The language switch: a cookie that outlives the session, then back to the page.
        app.MapGet("/culture/set", (HttpContext http, string culture, string? redirectUri) =>
        {
            var chosen = Cultures.Supported.Contains(culture) ? culture : Cultures.Chinese;
            http.Response.Cookies.Append(
                CookieRequestCultureProvider.DefaultCookieName,
                CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(chosen)),
                new CookieOptions { Expires = DateTimeOffset.UtcNow.AddYears(1), IsEssential = true, HttpOnly = true, SameSite = SameSiteMode.Lax });
            return Results.LocalRedirect(string.IsNullOrEmpty(redirectUri) || !redirectUri.StartsWith('/') || redirectUri.StartsWith("//", StringComparison.Ordinal) ? "/" : redirectUri);
        }).AllowAnonymous().ExcludeFromDescription();
    }

    /// <summary>Every browser sign-in attempt is in the audit trail: who (as typed), from where, and how it ended.</summary>
    private static Task AuditSignIn(AuditTrail audit, HttpContext http, string userName, Microsoft.AspNetCore.Identity.SignInResult result, bool secondFactor = false)
    {
        var (outcome, detail) = result switch
        {
            { Succeeded: true } => (AuditOutcome.Succeeded, secondFactor ? "second factor" : null),
            { RequiresTwoFactor: true } => (AuditOutcome.Succeeded, "password accepted, second factor pending"),
            { IsLockedOut: true } => (AuditOutcome.Refused, "locked out"),
            { IsNotAllowed: true } => (AuditOutcome.Refused, "not allowed (disabled)"),
            _ => (AuditOutcome.Refused, secondFactor ? "wrong code" : "wrong user name or password"),
        };
        return audit.AppendAsync(null, userName, http.Connection.RemoteIpAddress?.ToString(), new AuditRecord("Account.SignIn", null, outcome, detail));
    }
}
