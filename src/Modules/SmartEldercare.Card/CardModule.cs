using MudBlazor;
using SmartEldercare.Platform;
using SmartEldercare.Platform.Navigation;
using SmartEldercare.Platform.Seeding;

namespace SmartEldercare.Card;

public static class CardModule
{
    /// <summary>The module as the host registers it.</summary>
    public static EldercareModule Module { get; } = new("card", typeof(CardModule).Assembly, (services, configuration, _) => services.AddCardModule(configuration), MapApi: api => api.MapCardApi(), MapMachineApi: api => Features.Payments.TerminalPaymentsEndpoint.MapTerminalPayments(api));

    public const string NavGroup = "Nav.Group.Card";

    public static IServiceCollection AddCardModule(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddModuleBasics<CardOptions>(configuration, "Card", typeof(CardModule).Assembly);
        services.AddSingleton<SmartEldercare.Platform.Elders.IElderRecordsFollow, Cards.CardsFollowTheElder>();
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
        services.AddLiveTopicLink("card.flag", u => $"/card/cards/{u.RecordId}");
        return services;
    }
}
