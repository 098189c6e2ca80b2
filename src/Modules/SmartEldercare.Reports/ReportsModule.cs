using FluentValidation;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
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
    public const string NavGroup = "Nav.Group.Reports";

    public static IServiceCollection AddReportsModule(this IServiceCollection services, IConfiguration configuration)
    {
        var options = new ReportsOptions();
        configuration.GetSection("Reports").Bind(options);
        services.AddSingleton(options);
        var assembly = typeof(ReportsModule).Assembly;
        services.AddModelAssembly(assembly);
        services.AddSingleton(new StringCatalogueSource(assembly));
        services.AddValidatorsFromAssembly(assembly, ServiceLifetime.Scoped, includeInternalTypes: false);
        services.AddSingleton<ReportQueue>();
        services.AddSingleton<ReportProgressFeed>();
        services.AddSingleton<ReportGenerator>();
        services.AddHostedService<ReportWorker>();

        services.AddNavigation(new NavigationEntry("Nav.Reports", "/reports", Icons.Material.Filled.Assessment, Permissions.ReportsRead, NavGroup, 700));
        return services;
    }
}
