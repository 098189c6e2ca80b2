using SmartEldercare.Emergency;
using SmartEldercare.HomeService;
using SmartEldercare.Facilities;
using SmartEldercare.Social;
using SmartEldercare.Welfare;
using SmartEldercare.HealthLink;
using SmartEldercare.HealthLink.Features;
using SmartEldercare.Card;
using SmartEldercare.Reports;
using SmartEldercare.Dashboard;
using SmartEldercare.Card.Features.Payments;
using SmartEldercare.Emergency.Features.Ingest;
using MudBlazor.Services;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.AspNetCore.Components.Server.Circuits;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Localization;
using Scalar.AspNetCore;
using SmartEldercare.Platform;
using SmartEldercare.Platform.Api;
using SmartEldercare.Platform.Behaviors;
using SmartEldercare.Platform.Identity;
using SmartEldercare.Platform.Localization;
using SmartEldercare.Platform.Persistence;
using SmartEldercare.Platform.Regions;
using SmartEldercare.Platform.Seeding;

namespace SmartEldercare.Web.Hosting;

/// <summary>The composition root: one place that wires the platform, the modules and the host, also used by the tests.</summary>
public static class EldercareHost
{
    /// <summary>Everything but the web front: platform, modules, mediator pipeline, database. Tests call this directly.</summary>
    public static IServiceCollection AddEldercareCore(this IServiceCollection services, IConfiguration configuration, string contentRoot)
    {
        services.AddPlatform(configuration);
        services.AddEmergencyModule(configuration);
        services.AddHomeServiceModule(configuration);
        services.AddFacilitiesModule(configuration, contentRoot);
        services.AddWelfareModule(configuration);
        services.AddHealthLinkModule(configuration);
        services.AddSocialModule(configuration);
        services.AddCardModule(configuration);
        services.AddReportsModule(configuration);
        services.AddDashboardModule(configuration);
        services.AddEldercareDatabase(configuration, contentRoot);
        services.AddMediator(options =>
        {
            options.ServiceLifetime = ServiceLifetime.Scoped;
            options.Assemblies = [typeof(PlatformModule), typeof(EmergencyModule), typeof(HomeServiceModule), typeof(FacilitiesModule), typeof(WelfareModule), typeof(HealthLinkModule), typeof(SocialModule), typeof(CardModule), typeof(ReportsModule), typeof(DashboardModule)];
            options.PipelineBehaviors =
            [
                typeof(LoggingBehavior<,>),
                typeof(AuditBehavior<,>),
                typeof(AuthorizationBehavior<,>),
                typeof(ValidationBehavior<,>),
            ];
        });
        return services;
    }

    public static WebApplicationBuilder AddEldercare(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
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

        authorization.AddPolicy(Platform.Live.LiveHub.Policy, p => p
            .AddAuthenticationSchemes(IdentityConstants.ApplicationScheme, BearerTokenDefaults.AuthenticationScheme).RequireAuthenticatedUser());
        authorization.AddPolicy("api", p => p.AddAuthenticationSchemes(BearerTokenDefaults.AuthenticationScheme).RequireAuthenticatedUser()
            .RequireAssertion(async ctx => ctx.Resource is HttpContext http && await BearerRevalidation.IsCurrentAsync(http)));
        return authorization;
    }

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
        api.MapDeviceEvents();
        api.MapHealthLinkPartnerApi();
        api.MapTerminalPayments();
        var secured = api.MapGroup(string.Empty).RequireAuthorization("api");
        secured.MapPlatformApi();
        secured.MapEmergencyApi();
        secured.MapHomeServiceApi();
        secured.MapFacilitiesApi();
        secured.MapWelfareApi();
        secured.MapSocialApi();
        secured.MapCardApi();
        secured.MapReportsApi();

        app.MapRazorComponents<Components.App>()
            .AddAdditionalAssemblies(Components.ModuleAssemblies.Pages)
            .AddInteractiveServerRenderMode(o => o.ContentSecurityFrameAncestorsPolicy = null); // ours says frame-ancestors 'none'
        return app;
    }

    /// <summary>Migrations at start-up (default) and demo data when <c>Seed:Demo</c> is on.</summary>
    public static async Task PrepareDatabaseAsync(this WebApplication app)
    {
        if (app.Configuration.GetValue("Database:MigrateOnStartup", true))
        {
            await DatabaseSetup.MigrateAsync(app.Services);
        }

        await using var scope = app.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<DemoData>().EnsureRolesAsync();
        if (app.Configuration.GetValue("Seed:Demo", app.Environment.IsDevelopment()))
        {
            var elders = app.Configuration.GetValue("Seed:Elders", 3000);
            if (await scope.ServiceProvider.GetRequiredService<DemoData>().SeedIfEmptyAsync(elders))
            {
                app.Logger.LogInformation("Seeded demo data: {Elders} elders, demo accounts with password {Password}", elders, DemoData.Password);
            }

            // Each module's own demo data (catalogues, sample records) on top of the platform's; each seeds only what is missing.
            foreach (var module in scope.ServiceProvider.GetServices<IModuleDemoData>())
            {
                await module.SeedAsync();
            }
        }
    }

    /// <summary><c>audit verify</c> checks the hash chain (exit code 1 when broken); <c>audit purge --before yyyy-MM-dd</c>
    /// removes entries older than the date, refusing anything younger than the 12-month retention.</summary>
    private static async Task<bool> RunAuditCommandAsync(WebApplication app, string[] args)
    {
        var trail = app.Services.GetRequiredService<Platform.Auditing.AuditTrail>();
        var verb = args.SkipWhile(a => a != "audit").Skip(1).FirstOrDefault();
        if (verb == "verify")
        {
            var result = await trail.VerifyAsync();
            Console.WriteLine(result.Intact
                ? $"Audit chain intact: {result.Entries} entries."
                : $"Audit chain BROKEN at entry {result.FirstBrokenSequence}: {result.Problem}.");
            Environment.ExitCode = result.Intact ? 0 : 1;
            return true;
        }

        if (verb == "purge" && DateOnly.TryParseExact(app.Configuration["before"], "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var before))
        {
            var system = new CurrentUser();
            system.Set(new System.Security.Claims.ClaimsPrincipal(new System.Security.Claims.ClaimsIdentity(
                [new System.Security.Claims.Claim(System.Security.Claims.ClaimTypes.Name, "system:purge")], "cli")));
            var result = await trail.PurgeAsync(system, before);
            Console.WriteLine(result.IsSuccess ? $"Purged {result.Value} audit entries before {before:yyyy-MM-dd}." : "Refused: audit entries are kept at least 12 months.");
            Environment.ExitCode = result.IsSuccess ? 0 : 1;
            return true;
        }

        Console.Error.WriteLine("usage: audit verify | audit purge --before yyyy-MM-dd");
        Environment.ExitCode = 2;
        return true;
    }

    /// <summary><c>backup --to FILE</c> / <c>restore --from FILE</c> (see <see cref="DatabaseBackup"/>).</summary>
    private static async Task<bool> RunBackupCommandAsync(WebApplication app, string verb)
    {
        var file = app.Configuration[verb == "backup" ? "to" : "from"];
        if (string.IsNullOrWhiteSpace(file))
        {
            Console.Error.WriteLine("usage: backup --to FILE | restore --from FILE");
            Environment.ExitCode = 2;
            return true;
        }

        var provider = DatabaseSetup.Provider(app.Configuration);
        var connectionString = DatabaseSetup.ConnectionString(app.Configuration, app.Environment.ContentRootPath);
        try
        {
            if (verb == "backup")
            {
                await DatabaseBackup.BackupAsync(provider, connectionString, Path.GetFullPath(file), app.Configuration);
            }
            else
            {
                await DatabaseBackup.RestoreAsync(provider, connectionString, Path.GetFullPath(file), app.Configuration);
            }

            Console.WriteLine($"{(verb == "backup" ? "Backed up to" : "Restored from")} {file} ({provider}).");
        }
        catch (Exception ex) when (ex is InvalidOperationException or IOException or System.Data.Common.DbException or System.ComponentModel.Win32Exception)
        {
            Console.Error.WriteLine($"{verb} failed: {ex.Message}");
            Environment.ExitCode = 1;
        }

        return true;
    }

    /// <summary>
    /// <c>create-admin --user NAME [--name DISPLAY]</c>: the first system administrator of a production database (demo
    /// data off). The password comes from <c>ELDERCARE_ADMIN_PASSWORD</c> or the first line of standard input, never
    /// the command line; the password policy applies. Refuses an existing user name.
    /// </summary>
    private static async Task<bool> RunCreateAdminCommandAsync(WebApplication app)
    {
        Environment.ExitCode = 1;
        var userName = app.Configuration["user"];
        if (string.IsNullOrWhiteSpace(userName))
        {
            Console.Error.WriteLine("usage: create-admin --user NAME [--name DISPLAY]   (password from ELDERCARE_ADMIN_PASSWORD or stdin)");
            Environment.ExitCode = 2;
            return true;
        }

        var password = Environment.GetEnvironmentVariable("ELDERCARE_ADMIN_PASSWORD") is { Length: > 0 } fromEnvironment ? fromEnvironment : Console.In.ReadLine();
        if (string.IsNullOrEmpty(password))
        {
            Console.Error.WriteLine("No password: set ELDERCARE_ADMIN_PASSWORD or pipe it on standard input.");
            return true;
        }

        await DatabaseSetup.MigrateAsync(app.Services);
        await using var scope = app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var roles = scope.ServiceProvider.GetRequiredService<RoleManager<AppRole>>();
        foreach (var role in Roles.All.Where(r => !roles.Roles.Any(x => x.Name == r)).ToList())
        {
            await roles.CreateAsync(new AppRole(role));
        }

        if (await users.FindByNameAsync(userName) is not null)
        {
            Console.Error.WriteLine($"User {userName} already exists.");
            return true;
        }

        var user = new AppUser { UserName = userName, DisplayName = app.Configuration["name"] ?? userName, RegionCode = RegionCatalog.DistrictCode };
        var created = await users.CreateAsync(user, password);
        if (!created.Succeeded)
        {
            Console.Error.WriteLine("Refused: " + string.Join("; ", created.Errors.Select(e => e.Description)));
            return true;
        }

        await users.AddToRoleAsync(user, Roles.SystemAdmin);
        Console.WriteLine($"Created system administrator {userName} for {RegionCatalog.DistrictCode}.");
        Environment.ExitCode = 0;
        return true;
    }

    /// <summary><c>migrate</c> applies migrations and exits; <c>seed --elders N</c> adds N demo elders and exits.</summary>
    public static async Task<bool> RunCommandAsync(this WebApplication app, string[] args)
    {
        var command = args.FirstOrDefault(a => !a.StartsWith('-'));
        switch (command)
        {
            case "migrate":
                await DatabaseSetup.MigrateAsync(app.Services);
                app.Logger.LogInformation("Database migrated ({Provider}).", DatabaseSetup.Provider(app.Configuration));
                return true;
            case "seed":
                await DatabaseSetup.MigrateAsync(app.Services);
                var count = app.Configuration.GetValue("elders", 3000);
                await using (var scope = app.Services.CreateAsyncScope())
                {
                    var demo = scope.ServiceProvider.GetRequiredService<DemoData>();
                    if (!await demo.SeedIfEmptyAsync(count))
                    {
                        await demo.SeedEldersAsync(count, seed: Environment.TickCount);
                    }
                }

                app.Logger.LogInformation("Seeded {Count} elders.", count);
                return true;
            case "audit":
                return await RunAuditCommandAsync(app, args);
            case "backup" or "restore":
                return await RunBackupCommandAsync(app, command);
            case "create-admin":
                return await RunCreateAdminCommandAsync(app);
            default:
                return false;
        }
    }
}
