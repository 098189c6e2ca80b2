using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components.Server.Circuits;
using Microsoft.AspNetCore.Identity;
using MudBlazor.Services;
using SmartEldercare.Card;
using SmartEldercare.Dashboard;
using SmartEldercare.Emergency;
using SmartEldercare.Facilities;
using SmartEldercare.HealthLink;
using SmartEldercare.HomeService;
using SmartEldercare.Platform;
using SmartEldercare.Platform.Behaviors;
using SmartEldercare.Platform.Identity;
using SmartEldercare.Platform.Persistence;
using SmartEldercare.Reports;
using SmartEldercare.Social;
using SmartEldercare.Welfare;

namespace SmartEldercare.Web.Hosting;

/// <summary>The services of the application: the platform, the modules, the mediator pipeline, the database and the web front.</summary>
public static class EldercareServices
{
    /// <summary>Everything but the web front: platform, modules, mediator pipeline, database. Tests call this directly.</summary>
    public static IServiceCollection AddEldercareCore(this IServiceCollection services, IConfiguration configuration, string contentRoot)
    {
        services.AddPlatform(configuration, contentRoot);
        foreach (var module in EldercareModules.All)
        {
            module.AddServices(services, configuration, contentRoot);
        }

        services.AddEldercareDatabase(configuration, contentRoot);
        services.AddMediator(options =>
        {
            options.ServiceLifetime = ServiceLifetime.Scoped;
            // The generator reads this list at compile time, so it is spelled out; EldercareModulesTests checks it against the modules.
            options.Assemblies = [typeof(PlatformModule), typeof(EmergencyModule), typeof(HomeServiceModule), typeof(FacilitiesModule), typeof(WelfareModule), typeof(HealthLinkModule), typeof(SocialModule), typeof(CardModule), typeof(ReportsModule), typeof(DashboardModule)];
            options.PipelineBehaviors =
            [
                typeof(LoggingBehavior<,>),
                typeof(AuditBehavior<,>),
                typeof(PersonalDataAccessBehavior<,>),
                typeof(AuthorizationBehavior<,>),
                typeof(ValidationBehavior<,>),
            ];
        });
        return services;
    }

    public static WebApplicationBuilder AddEldercare(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        // A stolen database must not be the data: outside Development the key ring's own key comes from outside it.
        Platform.Privacy.KeyRingProtection.RequireIn(builder.Environment.EnvironmentName, builder.Configuration);
        // Nothing the platform accepts is large: refuse oversized bodies before reading them (413).
        builder.WebHost.ConfigureKestrel(o => o.Limits.MaxRequestBodySize = builder.Configuration.GetValue<long>("Security:MaxRequestBodyBytes", 1_048_576));
        services.AddEldercareCore(builder.Configuration, builder.Environment.ContentRootPath);
        services.AddEldercareMetrics(builder.Configuration);
        // Logging:Format=json: one JSON object per line with the request's scope (RequestId, TraceId, path) — what a log
        // collector indexes. Messages carry ids (alarm, device, user), never personal data.
        if (string.Equals(builder.Configuration["Logging:Format"], "json", StringComparison.OrdinalIgnoreCase))
        {
            builder.Logging.ClearProviders();
            builder.Logging.AddJsonConsole(o =>
            {
                o.IncludeScopes = true;
                o.UseUtcTimestamp = true;
                o.TimestampFormat = "yyyy-MM-dd'T'HH:mm:ss.fff'Z' ";
            });
        }

        services.AddRazorComponents().AddInteractiveServerComponents();
        services.AddMudServices(c => c.SnackbarConfiguration.PositionClass = MudBlazor.Defaults.Classes.Position.TopCenter);
        services.AddCascadingAuthenticationState();
        services.AddScoped<CircuitHandler, UserCircuitHandler>();
        services.AddScoped<IdleTracker>();
        services.AddScoped<CircuitConnection>();
        services.AddScoped<CircuitHandler>(sp => sp.GetRequiredService<CircuitConnection>());
        services.AddScoped<CircuitHandler>(sp => sp.GetRequiredService<IdleTracker>());
        services.AddScoped<Microsoft.AspNetCore.Components.Authorization.AuthenticationStateProvider, RevalidatingAuthenticationStateProvider>();
        services.Configure<SecurityStampValidatorOptions>(o => o.ValidationInterval = RevalidatingAuthenticationStateProvider.Interval);

        services.AddAuthentication(IdentityConstants.ApplicationScheme)
            .AddCookie(IdentityConstants.ApplicationScheme, o =>
            {
                o.Cookie.Name = ".Eldercare.Auth";
                o.Cookie.HttpOnly = true;
                o.Cookie.SameSite = SameSiteMode.Lax;
                o.LoginPath = "/login";
                o.AccessDeniedPath = "/access-denied";
                // Idle sign-out: 30 minutes without a request (the circuit's own idle check covers interactive use).
                o.ExpireTimeSpan = IdleTracker.Timeout;
                o.SlidingExpiration = true;
                o.Events.OnValidatePrincipal = SecurityStampValidator.ValidatePrincipalAsync;
            })
            // Between the password and the authenticator code, and for "remember this browser" (not offered).
            .AddCookie(IdentityConstants.TwoFactorUserIdScheme, o =>
            {
                o.Cookie.Name = ".Eldercare.TwoFactor";
                o.ExpireTimeSpan = TimeSpan.FromMinutes(5);
            })
            .AddCookie(IdentityConstants.TwoFactorRememberMeScheme)
            .AddBearerToken(BearerTokenDefaults.AuthenticationScheme, o =>
            {
                o.BearerTokenExpiration = TimeSpan.FromHours(1);
                // WebSockets cannot carry an Authorization header: hub clients send the token in the query string.
                o.Events.OnMessageReceived = ctx =>
                {
                    if (ctx.Request.Path.StartsWithSegments("/hubs") && ctx.Request.Query["access_token"] is [{ Length: > 0 } token])
                    {
                        ctx.Token = token;
                    }

                    return Task.CompletedTask;
                };
            });
        services.AddAuthorizationBuilder().AddEldercarePolicies();

        services.AddProblemDetails();
        services.AddSingleton<ApiExceptionFilter>();
        // Malformed bodies and parameters answer 400 ProblemDetails in every environment (not an exception page in Development).
        services.Configure<Microsoft.AspNetCore.Routing.RouteHandlerOptions>(o => o.ThrowOnBadRequest = false);
        services.ConfigureHttpJsonOptions(o => o.SerializerOptions.Converters.Add(new System.Text.Json.Serialization.JsonStringEnumConverter()));
        services.AddOpenApi("v1", o => o.AddDocumentTransformer((doc, _, _) =>
        {
            doc.Info.Title = "SmartEldercare API (西青区智慧养老服务平台)";
            doc.Info.Description = "Staff clients: POST /api/v1/auth/token, then send 'Authorization: Bearer <accessToken>'. Errors are RFC 7807 ProblemDetails.";
            return Task.CompletedTask;
        }));
        services.AddHealthChecks().AddDbContextCheck<EldercareDbContext>("database");
        services.AddAntiforgery();
        services.AddEldercareSecurity(builder.Configuration);
        return builder;
    }

    public static AuthorizationBuilder AddEldercarePolicies(this AuthorizationBuilder authorization)
    {
        foreach (var permission in Permissions.All)
        {
            authorization.AddPolicy(permission, p => p.RequireAuthenticatedUser().RequireAssertion(ctx => Permissions.Grants(ctx.User, permission)));
        }

        // Connecting to the hub checks the account like an API call (a disabled account's token opens nothing); open
        // connections are checked again every minute (LiveHubSessions).
        authorization.AddPolicy(Platform.Live.LiveHub.Policy, p => p
            .AddAuthenticationSchemes(IdentityConstants.ApplicationScheme, BearerTokenDefaults.AuthenticationScheme).RequireAuthenticatedUser()
            .RequireAssertion(async ctx => ctx.Resource is not HttpContext http || await BearerRevalidation.IsCurrentAsync(http)));
        authorization.AddPolicy("api", p => p.AddAuthenticationSchemes(BearerTokenDefaults.AuthenticationScheme).RequireAuthenticatedUser()
            .RequireAssertion(async ctx => ctx.Resource is HttpContext http && await BearerRevalidation.IsCurrentAsync(http)));
        return authorization;
    }
}
