using System.Security.Cryptography;
using System.Text;
using OpenTelemetry.Metrics;
using SmartEldercare.Platform.Observability;

namespace SmartEldercare.Web.Hosting;

/// <summary>
/// OpenTelemetry metrics in Prometheus text format at <c>/metrics</c>: the platform's and modules' own meters
/// (alarms, device events, circuits, hub connections, live fan-out) plus ASP.NET Core, Kestrel, SignalR and runtime
/// instruments. Restricted: a scraper sends <c>Authorization: Bearer {Metrics:ScrapeToken}</c>; without a configured
/// token the endpoint does not exist (404).
/// </summary>
public static class Observability
{
    public const string Path = "/metrics";

    public static IServiceCollection AddEldercareMetrics(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOpenTelemetry().WithMetrics(metrics => metrics
            .AddMeter([PlatformMetrics.MeterName, .. EldercareModules.All.SelectMany(m => m.Meters ?? [])])
            .AddMeter("Microsoft.AspNetCore.Hosting", "Microsoft.AspNetCore.Server.Kestrel", "Microsoft.AspNetCore.Http.Connections",
                "Microsoft.AspNetCore.Components", "Microsoft.AspNetCore.Components.Server.Circuits", "Microsoft.AspNetCore.Authentication")
            .AddAspNetCoreInstrumentation()
            .AddRuntimeInstrumentation()
            .AddPrometheusExporter(o => o.ScrapeResponseCacheDurationMilliseconds = configuration.GetValue("Metrics:CacheMilliseconds", 1000)));
        return services;
    }

    public static void UseMetricsToken(this WebApplication app)
    {
        var token = app.Configuration["Metrics:ScrapeToken"];
        if (string.IsNullOrEmpty(token))
        {
            return;
        }

        var expected = Encoding.UTF8.GetBytes("Bearer " + token);
        app.UseWhen(ctx => ctx.Request.Path.StartsWithSegments(Path), branch => branch.Use(async (ctx, next) =>
        {
            var sent = Encoding.UTF8.GetBytes(ctx.Request.Headers.Authorization.ToString());
            if (!CryptographicOperations.FixedTimeEquals(sent, expected))
            {
                ctx.Response.StatusCode = StatusCodes.Status401Unauthorized;
                ctx.Response.Headers.WWWAuthenticate = "Bearer";
                return;
            }

            await next(ctx);
        }));
    }

    public static void MapEldercareMetricsEndpoint(this WebApplication app)
    {
        if (!string.IsNullOrEmpty(app.Configuration["Metrics:ScrapeToken"]))
        {
            app.MapPrometheusScrapingEndpoint(Path).AllowAnonymous();
        }
    }
}
