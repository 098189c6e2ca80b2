using MudBlazor;
using SmartEldercare.Platform;
using SmartEldercare.Platform.Navigation;
using SmartEldercare.Platform.Seeding;

namespace SmartEldercare.Welfare;

public static class WelfareModule
{
    /// <summary>The module as the host registers it.</summary>
    public static EldercareModule Module { get; } = new("welfare", typeof(WelfareModule).Assembly, (services, configuration, _) => services.AddWelfareModule(configuration), MapApi: api => api.MapWelfareApi());

    public const string NavGroup = "Nav.Group.Welfare";

    public static IServiceCollection AddWelfareModule(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddModuleBasics<WelfareOptions>(configuration, "Welfare", typeof(WelfareModule).Assembly);
        services.AddSingleton<SmartEldercare.Platform.Elders.IElderRecordsFollow, Visits.WelfareFollowsTheElder>();
        services.AddScoped<IModuleDemoData, WelfareDemoData>();
        services.AddSingleton<Visits.VisitScheduler>();
        services.AddSingleton<SmartEldercare.Platform.Elders.IPlannedVisits, Visits.PlannedVisitSource>();
        services.AddHostedService<Visits.VisitSchedulingService>();
        services.AddSingleton<Watch.WellbeingWatch>();
        services.AddSingleton<SmartEldercare.Platform.Reporting.IMonthlyReportSection, Features.Reports.WelfareReportSection>();
        services.AddSingleton<SmartEldercare.Platform.Dashboard.IDashboardSource, WelfareDashboardSource>();
        services.AddHostedService<Features.Watch.WellbeingWatchService>();
        services.AddSingleton(new LayoutBanner(typeof(Features.Visits.OverdueVisitsBanner), Permissions.WelfareCare));

        services.AddNavigation(new NavigationEntry("Nav.Welfare.Overview", "/welfare", Icons.Material.Filled.Elderly, Permissions.WelfareRead, NavGroup, 300, ExactMatch: true));
        services.AddNavigation(new NavigationEntry("Nav.Welfare.Rosters", "/welfare/rosters", Icons.Material.Filled.People, Permissions.WelfareRead, NavGroup, 310));
        services.AddNavigation(new NavigationEntry("Nav.Welfare.Visits", "/welfare/visits", Icons.Material.Filled.EventAvailable, Permissions.WelfareRead, NavGroup, 315));
        services.AddNavigation(new NavigationEntry("Nav.Welfare.Watch", "/welfare/watch", Icons.Material.Filled.Sensors, Permissions.WelfareRead, NavGroup, 318));
        services.AddNavigation(new NavigationEntry("Nav.Welfare.Allowance", "/welfare/allowance", Icons.Material.Filled.Payments, Permissions.WelfareRead, NavGroup, 320));
        return services;
    }
}
