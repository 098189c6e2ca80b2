using MudBlazor;
using SmartEldercare.Platform;
using SmartEldercare.Platform.Navigation;
using SmartEldercare.Reports.Generation;

namespace SmartEldercare.Reports;

/// <summary>
/// Monthly reports to the civil-affairs bureau (月报): one per scenario and one overall, for a month and a region scope,
/// assembled from the scenario modules' <see cref="Platform.Reporting.IMonthlyReportSection"/>s; generated on demand and
/// on the 1st of each month in the background; shown as a page and downloadable as .xlsx and CSV.
/// </summary>
public static class ReportsModule
{
    /// <summary>The module as the host registers it.</summary>
    public static EldercareModule Module { get; } = new("reports", typeof(ReportsModule).Assembly, (services, configuration, _) => services.AddReportsModule(configuration), MapApi: api => api.MapReportsApi());

    public const string NavGroup = "Nav.Group.Reports";

    public static IServiceCollection AddReportsModule(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddModuleBasics<ReportsOptions>(configuration, "Reports", typeof(ReportsModule).Assembly);
        services.AddSingleton<ReportQueue>();
        services.AddSingleton<ReportProgressFeed>();
        services.AddSingleton<ReportGenerator>();
        services.AddHostedService<ReportWorker>();

        services.AddNavigation(new NavigationEntry("Nav.Reports", "/reports", Icons.Material.Filled.Assessment, Permissions.ReportsRead, NavGroup, 700));
        return services;
    }
}
