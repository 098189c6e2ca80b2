using System.Threading.RateLimiting;
using Microsoft.Extensions.Localization;
using SmartEldercare.Platform.Localization;

namespace SmartEldercare.Web.Hosting;

/// <summary>Browser-facing hardening: security headers, same-origin WebSockets, sign-in rate limits.</summary>
public static class Security
{
    public const string SignInPolicy = "sign-in";

    // Blazor Server needs no eval; MudBlazor sets inline styles. The API reference page (Scalar) runs inline script.
    private const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; " +
        "connect-src 'self'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'; object-src 'none'";

    private const string ApiReferencePolicy =
        "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; " +
        "connect-src 'self'; frame-ancestors 'none'; object-src 'none'";

    public static IServiceCollection AddEldercareSecurity(this IServiceCollection services, IConfiguration configuration)
    {
        var attemptsPerMinute = configuration.GetValue("Security:SignInAttemptsPerMinute", 10);
        var machinePerSecond = Math.Max(1, configuration.GetValue("Security:MachineRequestsPerSecond", 500));
        services.AddRateLimiter(o =>
        {
            // Devices and terminals: a token bucket per source address (a gateway batches), checked before the database.
            o.AddPolicy(Platform.Api.RateLimits.Machines, http => RateLimitPartition.GetTokenBucketLimiter(
                http.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                _ => new TokenBucketRateLimiterOptions
                {
                    TokenLimit = machinePerSecond * 2, TokensPerPeriod = machinePerSecond, ReplenishmentPeriod = TimeSpan.FromSeconds(1), QueueLimit = 0,
                }));
            // Brute force on passwords: 10 attempts a minute from one address, on top of the per-account lockout.
            o.AddPolicy(SignInPolicy, http => RateLimitPartition.GetFixedWindowLimiter(
                http.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                _ => new FixedWindowRateLimiterOptions { PermitLimit = attemptsPerMinute, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 }));
            o.OnRejected = async (context, ct) =>
            {
                var l = context.HttpContext.RequestServices.GetRequiredService<IStringLocalizer<Strings>>();
                var signIn = context.HttpContext.GetEndpoint()?.Metadata.GetMetadata<Microsoft.AspNetCore.RateLimiting.EnableRateLimitingAttribute>()?.PolicyName == SignInPolicy;
                context.HttpContext.Response.StatusCode = StatusCodes.Status429TooManyRequests;
                context.HttpContext.Response.Headers.RetryAfter = signIn ? "60" : "1";
                await Results.Problem(statusCode: StatusCodes.Status429TooManyRequests, title: l[signIn ? "Login.TooManyAttempts" : "Api.TooManyRequests"]).ExecuteAsync(context.HttpContext);
            };
        });
        return services;
    }

    public static IApplicationBuilder UseEldercareSecurityHeaders(this IApplicationBuilder app) => app.Use(async (http, next) =>
    {
        // A page on another site must not drive a signed-in user's circuit or hub connection.
        if ((http.Request.Path.StartsWithSegments("/_blazor") || http.Request.Path.StartsWithSegments("/hubs"))
            && http.Request.Headers.Origin is [{ } origin] && !IsSameOrigin(origin, http.Request))
        {
            http.Response.StatusCode = StatusCodes.Status403Forbidden;
            return;
        }

        var headers = http.Response.Headers;
        headers.ContentSecurityPolicy = http.Request.Path.StartsWithSegments("/api-docs") ? ApiReferencePolicy : ContentSecurityPolicy;
        headers.XContentTypeOptions = "nosniff";
        headers.XFrameOptions = "DENY";
        headers["Referrer-Policy"] = "strict-origin-when-cross-origin";
        headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=(self)";
        await next(http);
    });

    private static bool IsSameOrigin(string origin, HttpRequest request) =>
        Uri.TryCreate(origin, UriKind.Absolute, out var uri)
        && string.Equals(uri.Authority, request.Host.Value, StringComparison.OrdinalIgnoreCase);
}
