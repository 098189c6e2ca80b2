using FluentValidation;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using SmartEldercare.Platform;
using SmartEldercare.Platform.Identity;
using SmartEldercare.Platform.Localization;
using SmartEldercare.Platform.Navigation;
using SmartEldercare.Platform.Seeding;

namespace SmartEldercare.Welfare;

public static class WelfareModule
{
    public const string NavGroup = "Nav.Group.Welfare";

    public static IServiceCollection AddWelfareModule(this IServiceCollection services, IConfiguration configuration)
    {
        _ = configuration;
        var assembly = typeof(WelfareModule).Assembly;
        services.AddModelAssembly(assembly);
        services.AddSingleton(new StringCatalogueSource(assembly));
        services.AddValidatorsFromAssembly(assembly, ServiceLifetime.Scoped, includeInternalTypes: false);
        services.AddScoped<IModuleDemoData, WelfareDemoData>();

        services.AddNavigation(new NavigationEntry("Nav.Welfare.Overview", "/welfare", Icons.Material.Filled.Elderly, Permissions.WelfareRead, NavGroup, 300, ExactMatch: true));
        services.AddNavigation(new NavigationEntry("Nav.Welfare.Rosters", "/welfare/rosters", Icons.Material.Filled.People, Permissions.WelfareRead, NavGroup, 310));
        services.AddNavigation(new NavigationEntry("Nav.Welfare.Allowance", "/welfare/allowance", Icons.Material.Filled.Payments, Permissions.WelfareRead, NavGroup, 320));
        return services;
    }
}
