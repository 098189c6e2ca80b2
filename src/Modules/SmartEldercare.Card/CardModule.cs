using FluentValidation;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using SmartEldercare.Platform;
using SmartEldercare.Platform.Navigation;
using SmartEldercare.Platform.Seeding;

namespace SmartEldercare.Card;

public static class CardModule
{
    public const string NavGroup = "Nav.Group.Card";

    public static IServiceCollection AddCardModule(this IServiceCollection services, IConfiguration configuration)
    {
        var options = new CardOptions();
        configuration.GetSection("Card").Bind(options);
        services.AddSingleton(options);
        var assembly = typeof(CardModule).Assembly;
        services.AddModelAssembly(assembly);
        services.AddSingleton(new StringCatalogueSource(assembly));
        services.AddValidatorsFromAssembly(assembly, ServiceLifetime.Scoped, includeInternalTypes: false);
        services.AddScoped<IModuleDemoData, CardDemoData>();
        services.AddScoped<Features.Payments.CardPayments>();
        services.AddSingleton<Features.Payments.MerchantAccountIds>();
        services.AddSingleton<Ledger.LedgerWriter>();
        services.AddSingleton(new ConsolePanel(typeof(Features.Supervision.CardFlagsPanel), Permissions.CardRead, 100));
        services.AddScoped<Platform.Elders.IServiceCardCharges, Features.Payments.ServiceCardCharges>();
        services.AddSingleton<Platform.Reporting.IMonthlyReportSection, Features.Reports.CardReportSection>();

        services.AddNavigation(new NavigationEntry("Nav.Card.Cards", "/card", Icons.Material.Filled.CreditCard, Permissions.CardRead, NavGroup, 400, ExactMatch: true));
        services.AddNavigation(new NavigationEntry("Nav.Card.Pos", "/card/pos", Icons.Material.Filled.PointOfSale, Permissions.CardPay, NavGroup, 410));
        services.AddNavigation(new NavigationEntry("Nav.Card.Supervision", "/card/supervision", Icons.Material.Filled.Policy, Permissions.CardRead, NavGroup, 420));
        services.AddNavigation(new NavigationEntry("Nav.Card.Admin", "/card/admin", Icons.Material.Filled.AccountBalance, Permissions.CardAdmin, NavGroup, 430));
        return services;
    }
}
