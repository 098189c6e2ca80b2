using SmartEldercare.Platform.Live;
using FluentValidation;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;
using MudBlazor;
using SmartEldercare.Platform.Identity;
using SmartEldercare.Platform.Localization;
using SmartEldercare.Platform.Navigation;
using SmartEldercare.Platform.Persistence;
using SmartEldercare.Platform.Regions;
using SmartEldercare.Platform.Seeding;

namespace SmartEldercare.Platform;

public static class PlatformModule
{
    /// <summary>The base platform's services: identity, scope, persistence model, localization, navigation, slices' validators.</summary>
    public static IServiceCollection AddPlatform(this IServiceCollection services, IConfiguration configuration, string contentRoot)
    {

        services.AddSingleton(TimeProvider.System);
        services.AddHttpContextAccessor();
        // Keys in the database: every instance decrypts what another encrypted, and cookies/tokens survive restarts; each
        // key encrypted with a key-encryption key kept outside the database (required outside Development).
        Privacy.KeyRingProtection.Configure(services.AddDataProtection().SetApplicationName("SmartEldercare").PersistKeysToDbContext<EldercareDbContext>(), configuration);
        services.AddSingleton<Privacy.PersonalDataProtector>();
        services.AddScoped<CurrentUser>();
        services.AddScoped<ICurrentUser>(sp => sp.GetRequiredService<CurrentUser>());
        services.AddSingleton<RegionDirectory>();
        services.AddSingleton(sp => new Auditing.AuditChainKey(sp.GetService<Privacy.KeyEncryptionKey>()));
        services.AddSingleton(sp => new Auditing.AuditWitness(sp.GetRequiredService<IDbContextFactory<EldercareDbContext>>(), sp.GetRequiredService<Auditing.AuditChainKey>(),
            Auditing.AuditWitness.PathFrom(configuration, contentRoot), sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<Microsoft.Extensions.Logging.ILogger<Auditing.AuditWitness>>(),
            configuration.GetValue(Auditing.AuditWitness.IntervalKey, 60)));
        services.AddHostedService(sp => sp.GetRequiredService<Auditing.AuditWitness>());
        services.AddSingleton<Auditing.AuditTrail>();
        var signalR = services.AddSignalR();
        services.AddSingleton<Live.LiveHubSessions>();
        services.AddHostedService(sp => sp.GetRequiredService<Live.LiveHubSessions>());
        var redis = configuration["Live:Redis"];
        if (!string.IsNullOrWhiteSpace(redis))
        {
            // Several instances: hub messages through the SignalR backplane, in-process subscribers through one channel.
            var options = StackExchange.Redis.ConfigurationOptions.Parse(redis);
            options.AbortOnConnectFail = false;
            // During an outage a publish fails at once (and is logged) instead of holding the command for the backlog
            // timeout: the stored feed and the consoles' database reload cover what did not cross.
            options.BacklogPolicy = StackExchange.Redis.BacklogPolicy.FailFast;
            signalR.AddStackExchangeRedis(o =>
            {
                o.Configuration = options.Clone();
                o.Configuration.ChannelPrefix = StackExchange.Redis.RedisChannel.Literal("eldercare");
            });
            services.AddSingleton<StackExchange.Redis.IConnectionMultiplexer>(_ => StackExchange.Redis.ConnectionMultiplexer.Connect(options));
            services.AddSingleton<Live.RedisLiveRelay>();
            services.AddHostedService(sp => sp.GetRequiredService<Live.RedisLiveRelay>());
        }

        services.AddMetrics();
        services.AddSingleton<Observability.PlatformMetrics>();
        services.AddSingleton<Live.ILiveUpdates, Live.LiveUpdates>();
        services.AddSingleton<Dashboard.IDashboardSource, Dashboard.ElderDashboardSource>();
        services.AddTransient<Live.LiveConsole>();
        services.AddSingleton(new TwoFactorPolicy(configuration));
        services.AddScoped<DemoData>();
        services.AddModelAssembly(typeof(PlatformModule).Assembly);
        services.AddSingleton(sp => new ModelAssemblies(sp.GetServices<ModelAssemblyRegistration>().Select(r => r.Assembly)));

        services.AddSingleton(new StringCatalogueSource(typeof(PlatformModule).Assembly));
        services.AddSingleton<StringCatalogue>();
        services.AddSingleton<IStringLocalizerFactory, JsonStringLocalizerFactory>();
        services.AddSingleton(typeof(IStringLocalizer<>), typeof(JsonStringLocalizer<>));
        services.AddValidatorsFromAssembly(typeof(PlatformModule).Assembly, ServiceLifetime.Scoped, includeInternalTypes: false);

        services.AddIdentityCore<AppUser>(o =>
            {
                o.Password.RequiredLength = 10;
                o.Password.RequireNonAlphanumeric = true;
                o.Lockout.MaxFailedAccessAttempts = 5;
                o.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
                o.User.RequireUniqueEmail = false;
            })
            .AddRoles<AppRole>()
            .AddEntityFrameworkStores<EldercareDbContext>()
            .AddSignInManager<EldercareSignInManager>()
            .AddClaimsPrincipalFactory<EldercareClaimsPrincipalFactory>()
            .AddDefaultTokenProviders()
            // Authenticator codes are accepted once each (replaces the default provider of the same name).
            .AddTokenProvider<OneTimeAuthenticatorTokenProvider>(TokenOptions.DefaultAuthenticatorProvider);

        services.AddLiveTopicLink("elder.", u => $"/elders/{u.RecordId}");
        services.AddScoped<Components.BrowserFiles>();
        services.AddScoped<ScopedChange>();
        services.AddNavigation(new NavigationEntry("Nav.Console", "/", Icons.Material.Filled.Dashboard, null, "Nav.Group.Platform", 0, ExactMatch: true));
        services.AddNavigation(new NavigationEntry("Nav.Elders", "/elders", Icons.Material.Filled.Elderly, Permissions.EldersRead, "Nav.Group.Platform", 10));
        services.AddNavigation(new NavigationEntry("Nav.Organisations", "/organisations", Icons.Material.Filled.Business, Permissions.OrganisationsRead, "Nav.Group.Platform", 20));
        services.AddNavigation(new NavigationEntry("Nav.Regions", "/regions", Icons.Material.Filled.Map, Permissions.RegionsRead, "Nav.Group.Platform", 30));
        services.AddNavigation(new NavigationEntry("Nav.TwoFactor", "/account/two-factor", Icons.Material.Filled.Security, Permissions.OwnAccount, "Nav.Group.Account", 800));
        services.AddNavigation(new NavigationEntry("Nav.Users", "/admin/users", Icons.Material.Filled.ManageAccounts, Permissions.Administer, "Nav.Group.Admin", 890));
        services.AddNavigation(new NavigationEntry("Nav.Roles", "/admin/roles", Icons.Material.Filled.AdminPanelSettings, Permissions.Administer, "Nav.Group.Admin", 895));
        services.AddNavigation(new NavigationEntry("Nav.Audit", "/admin/audit", Icons.Material.Filled.Policy, Permissions.Administer, "Nav.Group.Admin", 900));
        return services;
    }

    public static IServiceCollection AddNavigation(this IServiceCollection services, NavigationEntry entry) => services.AddSingleton(entry);

    public static IServiceCollection AddModelAssembly(this IServiceCollection services, System.Reflection.Assembly assembly) =>
        services.AddSingleton(new ModelAssemblyRegistration(assembly));
}

public sealed record ModelAssemblyRegistration(System.Reflection.Assembly Assembly);
