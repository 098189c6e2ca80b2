using SmartEldercare.Card;
using SmartEldercare.Dashboard;
using SmartEldercare.Emergency;
using SmartEldercare.Facilities;
using SmartEldercare.HealthLink;
using SmartEldercare.HomeService;
using SmartEldercare.Platform.Modules;
using SmartEldercare.Reports;
using SmartEldercare.Social;
using SmartEldercare.Welfare;

namespace SmartEldercare.Web.Hosting;

/// <summary>The scenario modules of the platform, in one list: their services, endpoints, pages and meters come from here.</summary>
public static class EldercareModules
{
    public static readonly IReadOnlyList<EldercareModule> All =
    [
        EmergencyModule.Module,
        HomeServiceModule.Module,
        FacilitiesModule.Module,
        WelfareModule.Module,
        HealthLinkModule.Module,
        SocialModule.Module,
        CardModule.Module,
        ReportsModule.Module,
        DashboardModule.Module,
    ];
}
