using MudBlazor;
using SmartEldercare.Platform;
using SmartEldercare.Platform.Navigation;
using SmartEldercare.Platform.Seeding;

namespace SmartEldercare.Social;

public static class SocialModule
{
    /// <summary>The module as the host registers it.</summary>
    public static EldercareModule Module { get; } = new("social", typeof(SocialModule).Assembly, (services, configuration, _) => services.AddSocialModule(configuration), MapApi: api => api.MapSocialApi());

    public const string NavGroup = "Nav.Group.Social";

    public static IServiceCollection AddSocialModule(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddModuleBasics<SocialOptions>(configuration, "Social", typeof(SocialModule).Assembly);
        services.AddSingleton<SmartEldercare.Platform.Elders.IElderRecordsFollow, Activities.EnrolmentsFollowTheElder>();
        services.AddScoped<IModuleDemoData, SocialDemoData>();
        services.AddSingleton<Platform.Reporting.IMonthlyReportSection, Features.Reports.SocialReportSection>();
        services.AddSingleton<SmartEldercare.Platform.Dashboard.IDashboardSource, Volunteers.VolunteerDashboardSource>();

        services.AddNavigation(new NavigationEntry("Nav.Social.Activities", "/social", Icons.Material.Filled.School, Permissions.SocialRead, NavGroup, 400, ExactMatch: true));
        services.AddNavigation(new NavigationEntry("Nav.Social.Circle", "/social/circle", Icons.Material.Filled.Radar, Permissions.SocialRead, NavGroup, 410));
        services.AddNavigation(new NavigationEntry("Nav.Social.Volunteers", "/social/volunteers", Icons.Material.Filled.VolunteerActivism, Permissions.SocialRead, NavGroup, 420));
        services.AddNavigation(new NavigationEntry("Nav.Social.Canteens", "/social/canteens", Icons.Material.Filled.Restaurant, Permissions.SocialRead, NavGroup, 430));
        services.AddNavigation(new NavigationEntry("Nav.Social.Charities", "/social/charities", Icons.Material.Filled.Diversity1, Permissions.SocialRead, NavGroup, 440));
        return services;
    }
}
