using System.Collections.Frozen;
using System.Security.Claims;

namespace SmartEldercare.Platform.Identity;

public static class Roles
{
    public const string SystemAdmin = nameof(SystemAdmin);
    public const string DistrictOperator = nameof(DistrictOperator);
    public const string StreetStaff = nameof(StreetStaff);
    public const string VillageStaff = nameof(VillageStaff);
    public const string Responder = nameof(Responder);
    public const string ProviderWorker = nameof(ProviderWorker);
    public const string FacilityManager = nameof(FacilityManager);

    public static readonly IReadOnlyList<string> All =
        [SystemAdmin, DistrictOperator, StreetStaff, VillageStaff, Responder, ProviderWorker, FacilityManager];
}

/// <summary>Permissions are what code checks; roles are bundles of them.</summary>
public static class Permissions
{
    public const string RegionsRead = "regions.read";
    public const string EldersRead = "elders.read";
    public const string EldersWrite = "elders.write";
    public const string EldersReveal = "elders.reveal";
    public const string OrganisationsRead = "organisations.read";
    public const string OrganisationsWrite = "organisations.write";
    public const string Administer = "platform.admin";
    public const string OwnAccount = "account.self";

    // Scenario 5.5 (the Emergency module): alarm queue and KPIs; acting on alarms; managing devices.
    public const string EmergencyRead = "emergency.read";
    public const string EmergencyRespond = "emergency.respond";
    public const string EmergencyDevices = "emergency.devices";

    // Scenario 5.3 (the HomeService module): see orders, board and KPIs; request orders and follow up; dispatch, verify
    // and settle; work visits as a provider's worker; keep the catalogue and the entitlement rules.
    public const string HomeServiceRead = "homeservice.read";
    public const string HomeServiceOrder = "homeservice.order";
    public const string HomeServiceDispatch = "homeservice.dispatch";
    public const string HomeServiceWork = "homeservice.work";
    public const string HomeServiceAdmin = "homeservice.admin";

    // Scenario 5.1 (the Facilities module): see institutions and the board; keep one's own institution (profile, beds,
    // staff, fixes, complaint handling); inspect, verify and register complaints; edit checklist templates and ratios.
    public const string FacilitiesRead = "facilities.read";
    public const string FacilitiesManage = "facilities.manage";
    public const string FacilitiesInspect = "facilities.inspect";
    public const string FacilitiesAdmin = "facilities.admin";

    // Scenario 5.2 (the Welfare module): rosters and lists; away records and visits; generate and approve the allowance
    // lists; the allowance bands.
    public const string WelfareRead = "welfare.read";
    public const string WelfareCare = "welfare.care";
    public const string WelfareApprove = "welfare.approve";
    public const string WelfareAdmin = "welfare.admin";

    // The health-department link (HealthLink module): see partner events; confirm or reject reported deaths in scope;
    // manage partner clients and review unmatched events.
    public const string HealthLinkRead = "healthlink.read";
    public const string HealthLinkConfirm = "healthlink.confirm";
    public const string HealthLinkAdmin = "healthlink.admin";

    // Scenario 5.4 (the Social module): see classes, the service circle, volunteers; enrol elders, record attendance and
    // volunteer hours, redeem time-bank hours; plan classes, keep resources, register volunteers and confirm hours;
    // community points and the district-wide settings.
    public const string SocialRead = "social.read";
    public const string SocialRecord = "social.record";
    public const string SocialManage = "social.manage";
    public const string SocialAdmin = "social.admin";

    // Issue 12 (the Card module, 助老卡): see cards, statements and flags; issue, block and replace cards; record self-paid
    // top-ups; take payments at a canteen's point of sale; refund payments; keep the crediting rules, run the monthly
    // crediting, register terminals and settle with merchants.
    public const string CardRead = "card.read";
    public const string CardIssue = "card.issue";
    public const string CardTopUp = "card.topup";
    public const string CardPay = "card.pay";
    public const string CardRefund = "card.refund";
    public const string CardAdmin = "card.admin";

    // Issue 10 part 2 (the Reports module): see the monthly reports of one's scope and download them; request them.
    public const string ReportsRead = "reports.read";
    public const string ReportsGenerate = "reports.generate";
    // Issue 10 (the Dashboard module): the district command dashboard of one's scope, and its wall mode.
    public const string DashboardRead = "dashboard.read";

    public static readonly IReadOnlyList<string> All =
        [RegionsRead, EldersRead, EldersWrite, EldersReveal, OrganisationsRead, OrganisationsWrite, Administer, OwnAccount,
         EmergencyRead, EmergencyRespond, EmergencyDevices,
         HomeServiceRead, HomeServiceOrder, HomeServiceDispatch, HomeServiceWork, HomeServiceAdmin,
         FacilitiesRead, FacilitiesManage, FacilitiesInspect, FacilitiesAdmin,
         WelfareRead, WelfareCare, WelfareApprove, WelfareAdmin,
         HealthLinkRead, HealthLinkConfirm, HealthLinkAdmin,
         SocialRead, SocialRecord, SocialManage, SocialAdmin,
         CardRead, CardIssue, CardTopUp, CardPay, CardRefund, CardAdmin,
         ReportsRead, ReportsGenerate, DashboardRead];

    private static readonly FrozenDictionary<string, FrozenSet<string>> ByRole = new Dictionary<string, FrozenSet<string>>
    {
        [Roles.SystemAdmin] = All.ToFrozenSet(),
        [Roles.DistrictOperator] = new[] { OwnAccount, RegionsRead, EldersRead, EldersWrite, EldersReveal, OrganisationsRead, OrganisationsWrite, EmergencyRead, EmergencyRespond, EmergencyDevices,
            HomeServiceRead, HomeServiceOrder, HomeServiceDispatch, HomeServiceAdmin, FacilitiesRead, FacilitiesInspect, FacilitiesAdmin,
            WelfareRead, WelfareCare, WelfareApprove, WelfareAdmin, HealthLinkRead, HealthLinkConfirm, HealthLinkAdmin, SocialRead, SocialRecord, SocialManage, SocialAdmin,
            CardRead, CardIssue, CardTopUp, CardPay, CardRefund, CardAdmin, ReportsRead, ReportsGenerate, DashboardRead }.ToFrozenSet(),
        [Roles.StreetStaff] = new[] { OwnAccount, RegionsRead, EldersRead, EldersWrite, EldersReveal, OrganisationsRead, EmergencyRead, EmergencyRespond, EmergencyDevices,
            HomeServiceRead, HomeServiceOrder, HomeServiceDispatch, FacilitiesRead, FacilitiesInspect,
            WelfareRead, WelfareCare, WelfareApprove, HealthLinkRead, HealthLinkConfirm, SocialRead, SocialRecord, SocialManage,
            CardRead, CardIssue, CardTopUp, CardPay, CardRefund, ReportsRead, ReportsGenerate, DashboardRead }.ToFrozenSet(),
        [Roles.VillageStaff] = new[] { OwnAccount, RegionsRead, EldersRead, EldersWrite, EldersReveal, OrganisationsRead, EmergencyRead, EmergencyRespond, EmergencyDevices,
            HomeServiceRead, HomeServiceOrder, FacilitiesRead, WelfareRead, WelfareCare, WelfareApprove, HealthLinkRead, HealthLinkConfirm,
            SocialRead, SocialRecord, CardRead, CardIssue, CardTopUp, CardPay, ReportsRead, DashboardRead }.ToFrozenSet(),
        [Roles.Responder] = new[] { OwnAccount, RegionsRead, EldersRead, EmergencyRead, EmergencyRespond }.ToFrozenSet(),
        [Roles.ProviderWorker] = new[] { OwnAccount, RegionsRead, HomeServiceWork }.ToFrozenSet(),
        [Roles.FacilityManager] = new[] { OwnAccount, RegionsRead, OrganisationsRead, EmergencyRead, FacilitiesRead, FacilitiesManage, SocialRead }.ToFrozenSet(),
    }.ToFrozenDictionary();

    public static IReadOnlySet<string> OfRole(string role) => ByRole.TryGetValue(role, out var set) ? set : FrozenSet<string>.Empty;

    public static bool RoleGrants(string role, string permission) =>
        ByRole.TryGetValue(role, out var set) && set.Contains(permission);

    public static bool Grants(ClaimsPrincipal user, string permission) =>
        user.Identity?.IsAuthenticated == true
        && user.FindAll(ClaimTypes.Role).Any(r => RoleGrants(r.Value, permission));
}
