using Microsoft.Extensions.DependencyInjection.Extensions;
using MudBlazor;
using SmartEldercare.Facilities.Inspections;
using SmartEldercare.Platform;
using SmartEldercare.Platform.Organisations;
using SmartEldercare.Platform.Seeding;

namespace SmartEldercare.Facilities;

/// <summary>Where evidence files go and how often overdue hazards are looked for (section <c>Facilities</c>).</summary>
public sealed class FacilitiesOptions
{
    /// <summary>The directory evidence files are stored in (shared storage when several instances run).</summary>
    public string EvidenceDirectory { get; set; } = Path.Combine("data", "evidence");

    /// <summary>How often the overdue check runs.</summary>
    public int CheckEverySeconds { get; set; } = 30;
}

public static class FacilitiesModule
{
    /// <summary>The module as the host registers it.</summary>
    public static EldercareModule Module { get; } = new("facilities", typeof(FacilitiesModule).Assembly, (services, configuration, contentRoot) => services.AddFacilitiesModule(configuration, contentRoot), MapApi: api => api.MapFacilitiesApi());

    public const string NavGroup = "Nav.Group.Facilities";

    public static IServiceCollection AddFacilitiesModule(this IServiceCollection services, IConfiguration configuration, string contentRoot)
    {
        services.AddModuleBasics<FacilitiesOptions>(configuration, "Facilities", typeof(FacilitiesModule).Assembly, o => o.EvidenceDirectory = Path.Combine(contentRoot, o.EvidenceDirectory));
        services.AddScoped<FacilityAccess>();
        services.AddScoped<FacilityChange>();
        services.AddSingleton<EvidenceStore>();
        services.AddSingleton<HazardEscalation>();
        services.AddSingleton<Staff.StaffingWatch>();
        services.AddSingleton<Platform.Reporting.IMonthlyReportSection, Features.Reports.FacilitiesReportSection>();
        services.AddSingleton<SmartEldercare.Platform.Dashboard.IDashboardSource, FacilityDashboardSource>();
        services.AddHostedService<FacilitiesBackgroundWork>();
        services.TryAddSingleton<IFacilityAlarmCounts, NoFacilityAlarmCounts>();
        services.AddScoped<IModuleDemoData, FacilitiesDemoData>();

        services.AddNavigation(new Platform.Navigation.NavigationEntry("Nav.Facilities.Board", "/facilities", Icons.Material.Filled.Apartment, Permissions.FacilitiesRead, NavGroup, 300, ExactMatch: true));
        services.AddNavigation(new Platform.Navigation.NavigationEntry("Nav.Facilities.Ranking", "/facilities/ranking", Icons.Material.Filled.Leaderboard, Permissions.FacilitiesRead, NavGroup, 310));
        services.AddNavigation(new Platform.Navigation.NavigationEntry("Nav.Facilities.Settings", "/facilities/settings", Icons.Material.Filled.Checklist, Permissions.FacilitiesAdmin, NavGroup, 320));
        services.AddLiveTopicLink("facility.", u => $"/facilities/{u.RecordId}");
        return services;
    }
}
