using Microsoft.AspNetCore.Localization;
using Scalar.AspNetCore;
using SmartEldercare.Platform.Api;
using SmartEldercare.Platform.Localization;

namespace SmartEldercare.Web.Hosting;

/// <summary>The request pipeline and the endpoints: security headers, errors, localization, authentication, APIs, hub and pages.</summary>
public static class EldercarePipeline
{
    public static WebApplication UseEldercare(this WebApplication app)
    {
        app.UseTrustedProxies();
        if (!app.Environment.IsDevelopment())
        {
            app.UseHsts();
        }

        app.UseEldercareSecurityHeaders();
        app.UseExceptionHandler(new ExceptionHandlerOptions { ExceptionHandlingPath = "/error", CreateScopeForErrors = true });
        app.UseStatusCodePages(async ctx =>
        {
            // API callers get ProblemDetails for bare status codes; pages get the router's not-found page.
            var http = ctx.HttpContext;
            if (http.Request.Path.StartsWithSegments("/api"))
            {
                var l = http.RequestServices.GetRequiredService<Microsoft.Extensions.Localization.IStringLocalizer<Strings>>();
                var title = http.Response.StatusCode switch
                {
                    StatusCodes.Status400BadRequest => l["Api.BadRequest"].Value,
                    StatusCodes.Status401Unauthorized => l["Api.Unauthorized"].Value,
                    StatusCodes.Status403Forbidden => l["Api.Forbidden"].Value,
                    StatusCodes.Status404NotFound => l["Api.NotFound"].Value,
                    _ => (string?)null,
                };
                await Results.Problem(statusCode: http.Response.StatusCode, title: title).ExecuteAsync(http);
            }
        });
        app.UseRequestLocalization(o =>
        {
            o.SetDefaultCulture(Cultures.Chinese).AddSupportedCultures(Cultures.Supported).AddSupportedUICultures(Cultures.Supported);
            o.FallBackToParentUICultures = true;
            // zh-CN unless the user chose otherwise (cookie) — a browser's English Accept-Language does not switch the UI;
            // API clients may still ask with Accept-Language.
            var acceptLanguage = new AcceptLanguageHeaderRequestCultureProvider { Options = o };
            o.RequestCultureProviders =
            [
                new QueryStringRequestCultureProvider { Options = o },
                new CookieRequestCultureProvider { Options = o },
                new CustomRequestCultureProvider(ctx => ctx.Request.Path.StartsWithSegments("/api")
                    ? acceptLanguage.DetermineProviderCultureResult(ctx)
                    : Task.FromResult<ProviderCultureResult?>(null)),
            ];
        });
        app.UseMetricsToken();
        app.UseAuthentication();
        app.UseRateLimiter();
        app.UseAuthorization();
        app.UseAntiforgery();

        app.MapStaticAssets();
        app.MapHealthChecks("/health").AllowAnonymous();
        app.MapEldercareMetricsEndpoint();
        app.MapGet("/alive", () => TypedResults.Ok(new { status = "alive" })).AllowAnonymous().ExcludeFromDescription();
        app.MapOpenApi("/openapi/{documentName}.json").AllowAnonymous();
        app.MapScalarApiReference("/api-docs", o => o.WithTitle("SmartEldercare API")).AllowAnonymous();
        app.MapAccountEndpoints();
        app.MapHub<Platform.Live.LiveHub>("/hubs/live");

        var api = app.MapGroup("/api/v1").AddEndpointFilter<ApiExceptionFilter>();
        api.MapAuthApi().RequireRateLimiting(Security.SignInPolicy);
        var secured = api.MapGroup(string.Empty).RequireAuthorization("api");
        secured.MapPlatformApi();
        foreach (var module in EldercareModules.All)
        {
            // Devices, partners and terminals authenticate with their own credentials; staff with a bearer token.
            module.MapMachineApi?.Invoke(api);
            module.MapApi?.Invoke(secured);
        }

        app.MapRazorComponents<Components.App>()
            .AddAdditionalAssemblies(Components.ModuleAssemblies.Pages)
            .AddInteractiveServerRenderMode(o => o.ContentSecurityFrameAncestorsPolicy = null); // ours says frame-ancestors 'none'
        return app;
    }
}
