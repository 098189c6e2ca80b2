using System.Reflection;

namespace SmartEldercare.Web.Components;

/// <summary>Assemblies whose pages the router serves besides the host's: the platform and each scenario module.</summary>
public static class ModuleAssemblies
{
    public static readonly Assembly[] Pages = [typeof(Platform.PlatformModule).Assembly, typeof(Emergency.EmergencyModule).Assembly, typeof(HomeService.HomeServiceModule).Assembly, typeof(Facilities.FacilitiesModule).Assembly, typeof(Welfare.WelfareModule).Assembly, typeof(HealthLink.HealthLinkModule).Assembly, typeof(Social.SocialModule).Assembly, typeof(Card.CardModule).Assembly, typeof(Reports.ReportsModule).Assembly, typeof(Dashboard.DashboardModule).Assembly];
}
