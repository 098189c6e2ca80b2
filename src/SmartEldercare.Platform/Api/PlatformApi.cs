using System.Security.Claims;
using Mediator;
using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Localization;
using SmartEldercare.Platform.Elders;
using SmartEldercare.Platform.Features.Elders;
using SmartEldercare.Platform.Features.Organisations;
using SmartEldercare.Platform.Features.Regions;
using SmartEldercare.Platform.Identity;
using SmartEldercare.Platform.Localization;
using SmartEldercare.Platform.Organisations;

namespace SmartEldercare.Platform.Api;

/// <param name="UserName">The account.</param>
/// <param name="Password">Its password.</param>
/// <param name="TwoFactorCode">The authenticator code, for accounts with two-factor sign-in.</param>
public sealed record TokenRequest(string UserName, string Password, string? TwoFactorCode = null);

public static class PlatformApi
{
    /// <summary>Staff sign-in for API clients: answers an opaque bearer token (data-protected, 1 hour) and a refresh token.</summary>
    public static RouteHandlerBuilder MapAuthApi(this RouteGroupBuilder api) =>
        api.MapPost("/auth/token", async Task<Results<SignInHttpResult, ProblemHttpResult>> (
            TokenRequest request, HttpContext http, SignInManager<AppUser> signIn, UserManager<AppUser> users, TwoFactorPolicy twoFactor,
            Auditing.AuditTrail audit, IStringLocalizer<Strings> l) =>
        {
            var typed = (request.UserName ?? string.Empty).Trim();
            async Task<ProblemHttpResult> Refuse(string titleKey, string reason)
            {
                await audit.AppendAsync(null, typed.Length == 0 ? "-" : typed, http.Connection.RemoteIpAddress?.ToString(),
                    new Auditing.AuditRecord("Account.Token", null, Auditing.AuditOutcome.Refused, reason));
                return TypedResults.Problem(statusCode: StatusCodes.Status401Unauthorized, title: l[titleKey]);
            }

            // One answer for an unknown user, a wrong password and a wrong or missing authenticator code: the caller never
            // learns that a password was right but the second factor missing (the audit trail records which it was).
            var user = typed.Length == 0 ? null : await users.FindByNameAsync(typed);
            if (user is null)
            {
                return await Refuse("Login.FailedToken", "wrong user name or password");
            }

            var check = await signIn.CheckPasswordSignInAsync(user, request.Password ?? string.Empty, lockoutOnFailure: true);
            if (!check.Succeeded)
            {
                return await Refuse(check.IsLockedOut ? "Login.LockedOut" : "Login.FailedToken", check.IsLockedOut ? "locked out" : check.IsNotAllowed ? "not allowed (disabled)" : "wrong user name or password");
            }

            if (user.TwoFactorEnabled)
            {
                var code = request.TwoFactorCode?.Replace(" ", string.Empty, StringComparison.Ordinal);
                if (string.IsNullOrEmpty(code) || !await users.VerifyTwoFactorTokenAsync(user, users.Options.Tokens.AuthenticatorTokenProvider, code))
                {
                    await users.AccessFailedAsync(user);
                    return await Refuse("Login.FailedToken", "wrong, reused or missing second factor");
                }
            }
            else if (twoFactor.IsRequiredForRoles(await users.GetRolesAsync(user)))
            {
                return await Refuse("TwoFactor.MustEnroll", "two-factor enrollment required");
            }

            await audit.AppendAsync(user.Id, typed, http.Connection.RemoteIpAddress?.ToString(), new Auditing.AuditRecord("Account.Token", null, Auditing.AuditOutcome.Succeeded));
            var principal = await signIn.CreateUserPrincipalAsync(user);
            return TypedResults.SignIn(new ClaimsPrincipal(new ClaimsIdentity(principal.Claims, BearerTokenDefaults.AuthenticationScheme)),
                authenticationScheme: BearerTokenDefaults.AuthenticationScheme);
        })
        .AllowAnonymous()
        .WithTags("Auth")
        .WithSummary("Exchange a user name and password for a bearer token")
        .ProducesProblem(StatusCodes.Status401Unauthorized)
        .ProducesProblem(StatusCodes.Status429TooManyRequests);

    public static void MapPlatformApi(this RouteGroupBuilder api)
    {
        api.MapGet("/regions", async (IMediator mediator, CancellationToken ct) => TypedResults.Ok(await mediator.Send(new ListRegions.Query(), ct)))
            .WithTags("Regions").WithSummary("Regions inside the caller's scope, with active-elder counts");

        api.MapGet("/live/feed", async (IMediator mediator, CancellationToken ct, [FromQuery] int take = 30) =>
                TypedResults.Ok(await mediator.Send(new Features.Console.GetLiveFeed.Query(take), ct)))
            .WithTags("Live").WithSummary("The newest live events of the caller's scope, newest first (1-200)")
            .WithDescription("What /hubs/live pushed, from the database: a hub client reads it after (re)connecting to catch up on what it missed.");

        var elders = api.MapGroup("/elders").WithTags("Elders");
        elders.MapGet("/", async (
                IMediator mediator, IStringLocalizer<Strings> l, CancellationToken ct,
                [FromQuery] string? q, [FromQuery] string? region, [FromQuery] AgeBand? ageBand, [FromQuery] ElderTag[]? tags,
                [FromQuery] int? careLevel, [FromQuery] ElderStatus? status, [FromQuery] int page = 1, [FromQuery] int pageSize = 20,
                [FromQuery] ElderSort sort = ElderSort.Name, [FromQuery] bool desc = false) =>
                ApiResults.From(await mediator.Send(new SearchElders.Query(q, region, ageBand, tags, careLevel, status, page, pageSize, sort, desc), ct), l))
            .WithSummary("Search the elder registry (masked); q = name prefix, 4-digit ID/phone tail, or a full ID/phone")
            .Produces<Common.PagedResult<ElderListItem>>().ProducesValidationProblem();

        elders.MapGet("/{id:guid}", async (Guid id, IMediator mediator, IStringLocalizer<Strings> l, CancellationToken ct) =>
                ApiResults.From(await mediator.Send(new GetElder.Query(id), ct), l))
            .WithSummary("One elder's record (masked); 404 when missing or outside the caller's scope")
            .Produces<ElderDetails>().ProducesProblem(StatusCodes.Status404NotFound);

        elders.MapPost("/", async (SaveElder.Command command, IMediator mediator, IStringLocalizer<Strings> l, CancellationToken ct) =>
            {
                command.Id = null;
                return ApiResults.From(await mediator.Send(command, ct), l, id => TypedResults.Created($"/api/v1/elders/{id}", new { id }));
            })
            .WithSummary("Register an elder").ProducesValidationProblem();

        elders.MapPut("/{id:guid}", async (Guid id, SaveElder.Command command, IMediator mediator, IStringLocalizer<Strings> l, CancellationToken ct) =>
            {
                command.Id = id;
                return ApiResults.From(await mediator.Send(command, ct), l, _ => TypedResults.NoContent());
            })
            .WithSummary("Edit an elder; empty personal fields keep their stored values").ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);

        elders.MapPost("/{id:guid}/status", async (Guid id, ChangeElderStatus.Command command, IMediator mediator, IStringLocalizer<Strings> l, CancellationToken ct) =>
            {
                command.Id = id;
                return ApiResults.From(await mediator.Send(command, ct), l);
            })
            .WithSummary("Change an elder's status (active, moved out, deceased) with its date").ProducesValidationProblem();

        var orgs = api.MapGroup("/organisations").WithTags("Organisations");
        orgs.MapGet("/", async (IMediator mediator, CancellationToken ct, [FromQuery] string? q, [FromQuery] OrganisationType? type, [FromQuery] int page = 1, [FromQuery] int pageSize = 20) =>
                TypedResults.Ok(await mediator.Send(new SearchOrganisations.Query(q, type, page, pageSize), ct)))
            .WithSummary("Organisations inside the caller's scope");
        orgs.MapGet("/{id:guid}", async (Guid id, IMediator mediator, IStringLocalizer<Strings> l, CancellationToken ct) =>
                ApiResults.From(await mediator.Send(new GetOrganisation.Query(id), ct), l))
            .WithSummary("One organisation").Produces<OrganisationDetails>().ProducesProblem(StatusCodes.Status404NotFound);
    }
}
