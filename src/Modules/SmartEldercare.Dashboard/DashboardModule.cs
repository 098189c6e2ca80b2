using MudBlazor;
using SmartEldercare.Dashboard.Features;
using SmartEldercare.Platform;
using SmartEldercare.Platform.Navigation;

namespace SmartEldercare.Dashboard;

/// <summary>
/// The district command dashboard (issue 10, part 1): the live figures of the five scenarios for the user's scope, read
/// through the platform's <see cref="Platform.Dashboard.IDashboardSource"/> contract that each module implements, with a
/// drill-down district → street → village and a dark full-screen wall mode for the centre's big screen.
/// </summary>
public static class DashboardModule
{
    /// <summary>The module as the host registers it.</summary>
    public static EldercareModule Module { get; } = new("dashboard", typeof(DashboardModule).Assembly, (services, configuration, _) => services.AddDashboardModule(configuration));

    public const string NavGroup = "Nav.Group.Platform";

    /// <summary>Whether the closed months of the district's and the streets' trends are read at start-up (default true).</summary>
    public const string WarmUpSetting = "Dashboard:WarmUpAtStart";

    public static IServiceCollection AddDashboardModule(this IServiceCollection services, IConfiguration configuration)
    {
        _ = configuration;
        var assembly = typeof(DashboardModule).Assembly;
        services.AddSingleton(new StringCatalogueSource(assembly));
        services.AddSingleton<DashboardTrendCache>();
        services.AddSingleton<PrerenderedDashboards>();
        services.AddSingleton<DashboardFiguresCache>();
        services.AddSingleton<DashboardWarmUp>();
        services.AddHostedService<DashboardWarmUpService>();

        services.AddTransient<DashboardState>();
        services.AddNavigation(new NavigationEntry("Nav.Dashboard", "/dashboard", Icons.Material.Filled.SpaceDashboard, Permissions.DashboardRead, NavGroup, 5));
        services.AddNavigation(new NavigationEntry("Nav.Dashboard.Wall", "/dashboard/wall", Icons.Material.Filled.Tv, Permissions.DashboardRead, NavGroup, 6));
        return services;
    }
}
