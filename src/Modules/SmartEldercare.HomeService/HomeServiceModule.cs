using MudBlazor;
using SmartEldercare.HomeService.Features.Orders;
using SmartEldercare.HomeService.Orders;
using SmartEldercare.Platform;
using SmartEldercare.Platform.Navigation;
using SmartEldercare.Platform.Seeding;

namespace SmartEldercare.HomeService;

/// <summary>The supervision rules' thresholds and the background work's rhythm (section <c>HomeService</c>).</summary>
public sealed class HomeServiceOptions
{
    /// <summary>No check-in this long after the window opened: a late warning.</summary>
    public int LateAfterMinutes { get; set; } = 15;

    /// <summary>No check-in this long after the window opened: missed, back to the dispatch board.</summary>
    public int MissedAfterMinutes { get; set; } = 30;

    /// <summary>A location check-in farther than this from the home is flagged.</summary>
    public int CheckInRadiusMeters { get; set; } = 200;

    /// <summary>A visit more than this shorter or longer than the item's standard asks the worker for a reason.</summary>
    public int DurationToleranceMinutes { get; set; } = 15;

    /// <summary>How often supervision runs (late and missed visits).</summary>
    public int CheckEverySeconds { get; set; } = 30;

    /// <summary>How often a self-paid part the card could not pay (no card, short balance) is asked for again.</summary>
    public int SelfPayRetryMinutes { get; set; } = 60;

    /// <summary>Recurring plans are turned into orders this many days ahead.</summary>
    public int PlanDaysAhead { get; set; } = 7;
}

public static class HomeServiceModule
{
    /// <summary>The module as the host registers it.</summary>
    public static EldercareModule Module { get; } = new("homeservice", typeof(HomeServiceModule).Assembly, (services, configuration, _) => services.AddHomeServiceModule(configuration), MapApi: api => api.MapHomeServiceApi());

    public const string NavGroup = "Nav.Group.HomeService";

    public static IServiceCollection AddHomeServiceModule(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddModuleBasics<HomeServiceOptions>(configuration, "HomeService", typeof(HomeServiceModule).Assembly);
        services.AddSingleton<SmartEldercare.Platform.Elders.IElderRecordsFollow, Orders.HomeServiceFollowsTheElder>();
        services.AddScoped<OrderChange>();
        services.AddSingleton<VisitSupervision>();
        services.AddSingleton<PlanScheduler>();
        services.AddScoped<Orders.SelfPayCollection>(); // the card module's charges are scoped
        services.AddHostedService<HomeServiceBackgroundWork>();
        services.AddScoped<IModuleDemoData, HomeServiceDemoData>();
        services.AddSingleton<SmartEldercare.Platform.Elders.IHospitalStays, HospitalStaySource>();
        services.AddSingleton<SmartEldercare.Platform.Elders.IHospitalStayRecorder, HospitalStayRecorder>();
        services.AddSingleton<SmartEldercare.Platform.Elders.IMealDeliveryOrders, MealDeliveryOrders>();
        services.AddSingleton<SmartEldercare.Platform.Reporting.IMonthlyReportSection, Features.Reports.HomeServiceReportSection>();
        services.AddSingleton<SmartEldercare.Platform.Dashboard.IDashboardSource, OrderDashboardSource>();

        services.AddNavigation(new NavigationEntry("Nav.HomeService.Orders", "/home-service", Icons.Material.Filled.HomeWork, Permissions.HomeServiceRead, NavGroup, 200, ExactMatch: true));
        services.AddNavigation(new NavigationEntry("Nav.HomeService.Dispatch", "/home-service/dispatch", Icons.Material.Filled.AssignmentInd, Permissions.HomeServiceDispatch, NavGroup, 210));
        services.AddNavigation(new NavigationEntry("Nav.HomeService.Worker", "/home-service/worker", Icons.Material.Filled.CleaningServices, Permissions.HomeServiceWork, NavGroup, 220));
        services.AddNavigation(new NavigationEntry("Nav.HomeService.Providers", "/home-service/providers", Icons.Material.Filled.Storefront, Permissions.HomeServiceRead, NavGroup, 230));
        services.AddNavigation(new NavigationEntry("Nav.HomeService.Settlements", "/home-service/settlements", Icons.Material.Filled.RequestQuote, Permissions.HomeServiceDispatch, NavGroup, 240));
        services.AddNavigation(new NavigationEntry("Nav.HomeService.Kpi", "/home-service/kpi", Icons.Material.Filled.Insights, Permissions.HomeServiceRead, NavGroup, 250));
        services.AddNavigation(new NavigationEntry("Nav.HomeService.Catalogue", "/home-service/catalogue", Icons.Material.Filled.MenuBook, Permissions.HomeServiceAdmin, NavGroup, 260));
        services.AddLiveTopicLink("homeservice.settlement.", u => $"/home-service/settlements/{u.RecordId}");
        services.AddLiveTopicLink("homeservice.", u => $"/home-service/orders/{u.RecordId}");
        return services;
    }
}
