using MudBlazor;
using SmartEldercare.HealthLink.Features;
using SmartEldercare.Platform;
using SmartEldercare.Platform.Navigation;
using SmartEldercare.Platform.Seeding;

namespace SmartEldercare.HealthLink;

/// <summary>
/// The horizontal link with the health department (卫健): a partner API through which the health system reports
/// hospital admissions, discharges, deaths and family-doctor contracts, and reads the alarms that ended in a
/// hospital transfer; and the pages where staff confirm reported deaths and review what did not match.
/// </summary>
public static class HealthLinkModule
{
    /// <summary>The module as the host registers it.</summary>
    public static EldercareModule Module { get; } = new("healthlink", typeof(HealthLinkModule).Assembly, (services, configuration, _) => services.AddHealthLinkModule(configuration), MapMachineApi: api => api.MapHealthLinkPartnerApi());

    public const string NavGroup = "Nav.Group.HealthLink";

    public static IServiceCollection AddHealthLinkModule(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddModuleBasics<HealthLinkOptions>(configuration, "HealthLink", typeof(HealthLinkModule).Assembly);
        services.AddSingleton<SmartEldercare.Platform.Elders.IElderRecordsFollow, Partners.PartnerEventsFollowTheElder>();
        services.AddSingleton<PartnerTokens>();
        services.AddScoped<IModuleDemoData, HealthLinkDemoData>();

        services.AddNavigation(new NavigationEntry("Nav.HealthLink.Events", "/health-link", Icons.Material.Filled.LocalHospital, Permissions.HealthLinkRead, NavGroup, 600, ExactMatch: true));
        services.AddNavigation(new NavigationEntry("Nav.HealthLink.Partners", "/health-link/partners", Icons.Material.Filled.Key, Permissions.HealthLinkAdmin, NavGroup, 610));
        return services;
    }
}
