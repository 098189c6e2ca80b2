using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using SmartEldercare.Platform.Identity;
using SmartEldercare.Platform.Regions;
using SmartEldercare.Tests.Infrastructure;

namespace SmartEldercare.Tests.Http;

/// <summary>
/// Every routable page and endpoint — read from the app's own endpoint data source, so a new one without a rule
/// here fails — × every demo role (and no sign-in) × records inside and outside the role's scope.
/// </summary>
public sealed class AuthorizationMatrixTests(EldercareWebFactory factory) : IClassFixture<EldercareWebFactory>
{
    private enum Access
    {
        Anonymous,
        SignedIn,
        Permission,
        Framework,
    }

    private enum Record
    {
        None,
        Elder,
        Organisation,
    }

    private sealed record Rule(Access Access, string? Permission = null, Record Record = Record.None, string? Body = null, HttpStatusCode Allowed = HttpStatusCode.OK);

    private static Rule Page(string? permission = null) => permission is null ? new(Access.SignedIn) : new(Access.Permission, permission);

    private static Rule Api(string permission, Record record = Record.None, string? body = null, HttpStatusCode allowed = HttpStatusCode.OK) =>
        new(Access.Permission, permission, record, body, allowed);

    // METHOD + route pattern → who may use it. Add a line for every new page or endpoint.
    private static readonly Dictionary<string, Rule> Rules = new(StringComparer.Ordinal)
    {
        ["GET /"] = Page(),
        ["GET /login"] = new(Access.Anonymous),
        ["GET /error"] = new(Access.Anonymous),
        ["GET /not-found"] = new(Access.Anonymous),
        ["GET /access-denied"] = Page(),
        ["GET /elders"] = Page(Permissions.EldersRead),
        ["GET /elders/{Id:guid}"] = Page(Permissions.EldersRead),
        ["GET /organisations"] = Page(Permissions.OrganisationsRead),
        ["GET /organisations/{Id:guid}"] = Page(Permissions.OrganisationsRead),
        ["GET /regions"] = Page(Permissions.RegionsRead),
        ["GET /admin/audit"] = Page(Permissions.Administer),
        ["GET /admin"] = Page(Permissions.Administer),
        ["GET /admin/users"] = Page(Permissions.Administer),
        ["GET /admin/roles"] = Page(Permissions.Administer),
        ["GET /account/two-factor"] = Page(Permissions.OwnAccount),
        ["POST /api/v1/auth/token"] = new(Access.Anonymous),
        ["GET /api/v1/regions"] = Api(Permissions.RegionsRead),
        ["GET /api/v1/live/feed"] = Api(Permissions.RegionsRead),
        ["GET /api/v1/elders/"] = Api(Permissions.EldersRead),
        ["GET /api/v1/elders/{id:guid}"] = Api(Permissions.EldersRead, Record.Elder),
        ["POST /api/v1/elders/"] = Api(Permissions.EldersWrite, body: "{}", allowed: HttpStatusCode.BadRequest),
        ["PUT /api/v1/elders/{id:guid}"] = Api(Permissions.EldersWrite, body: "{}", allowed: HttpStatusCode.BadRequest),
        ["POST /api/v1/elders/{id:guid}/status"] = Api(Permissions.EldersWrite, Record.Elder, """{"status":"Active"}""", HttpStatusCode.NoContent),
        ["GET /api/v1/organisations/"] = Api(Permissions.OrganisationsRead),
        ["GET /api/v1/organisations/{id:guid}"] = Api(Permissions.OrganisationsRead, Record.Organisation),
        ["POST /api/v1/device-events"] = new(Access.Anonymous, Allowed: HttpStatusCode.Unauthorized), // devices sign; see DeviceEventsTests
        // The health department's partner API: its own client credentials, not a staff sign-in; see PartnerApiTests.
        ["POST /api/v1/partner/token"] = new(Access.Anonymous, Allowed: HttpStatusCode.BadRequest),
        ["POST /api/v1/partner/health/events"] = new(Access.Anonymous, Allowed: HttpStatusCode.Unauthorized),
        ["GET /api/v1/partner/health/hospital-transfers"] = new(Access.Anonymous, Allowed: HttpStatusCode.Unauthorized),
        ["GET /api/v1/alarms/"] = Api(Permissions.EmergencyRead),
        ["GET /api/v1/devices/"] = Api(Permissions.EmergencyRead),
        ["POST /api/v1/devices/"] = Api(Permissions.EmergencyDevices, body: """{"code":"","kind":"SosButton"}""", allowed: HttpStatusCode.BadRequest),
        ["POST /api/v1/devices/{id:guid}/rotate-secret"] = Api(Permissions.EmergencyDevices, allowed: HttpStatusCode.NotFound),
        ["GET /api/v1/alarms/{id:guid}"] = Api(Permissions.EmergencyRead, allowed: HttpStatusCode.NotFound),
        ["POST /api/v1/alarms/"] = Api(Permissions.EmergencyRespond, body: "{}", allowed: HttpStatusCode.BadRequest),
        ["POST /api/v1/alarms/{id:guid}/acknowledge"] = Api(Permissions.EmergencyRespond, allowed: HttpStatusCode.NotFound),
        ["POST /api/v1/alarms/{id:guid}/dispatch"] = Api(Permissions.EmergencyRespond, allowed: HttpStatusCode.NotFound),
        ["GET /api/v1/alarms/{id:guid}/responders"] = Api(Permissions.EmergencyRespond, allowed: HttpStatusCode.NotFound),
        ["POST /api/v1/alarms/{id:guid}/on-scene"] = Api(Permissions.EmergencyRespond, allowed: HttpStatusCode.NotFound),
        ["POST /api/v1/alarms/{id:guid}/resolve"] = Api(Permissions.EmergencyRespond, body: """{"outcome":"FalseAlarm"}""", allowed: HttpStatusCode.NotFound),
        ["GET /emergency"] = Page(Permissions.EmergencyRead),
        ["GET /emergency/respond"] = Page(Permissions.EmergencyRespond),
        ["GET /emergency/alarms/{Id:guid}"] = Page(Permissions.EmergencyRead),
        ["GET /emergency/devices"] = Page(Permissions.EmergencyRead),
        ["GET /emergency/kpi"] = Page(Permissions.EmergencyRead),
        ["GET /home-service"] = Page(Permissions.HomeServiceRead),
        ["GET /home-service/orders/{Id:guid}"] = Page(Permissions.HomeServiceRead),
        ["GET /home-service/dispatch"] = Page(Permissions.HomeServiceDispatch),
        ["GET /home-service/worker"] = Page(Permissions.HomeServiceWork),
        ["GET /home-service/elders/{ElderId:guid}"] = Page(Permissions.HomeServiceRead),
        ["GET /home-service/providers"] = Page(Permissions.HomeServiceRead),
        ["GET /home-service/providers/{Id:guid}"] = Page(Permissions.HomeServiceRead),
        ["GET /home-service/settlements"] = Page(Permissions.HomeServiceDispatch),
        ["GET /home-service/settlements/{Id:guid}"] = Page(Permissions.HomeServiceDispatch),
        ["GET /home-service/kpi"] = Page(Permissions.HomeServiceRead),
        ["GET /home-service/catalogue"] = Page(Permissions.HomeServiceAdmin),
        ["GET /api/v1/home-service/catalogue"] = Api(Permissions.HomeServiceRead),
        ["GET /api/v1/home-service/elders/{id:guid}"] = Api(Permissions.HomeServiceRead, Record.Elder),
        ["GET /api/v1/home-service/orders/"] = Api(Permissions.HomeServiceRead),
        ["POST /api/v1/home-service/orders/"] = Api(Permissions.HomeServiceOrder, body: "{}", allowed: HttpStatusCode.BadRequest),
        ["GET /api/v1/home-service/orders/{id:guid}"] = Api(Permissions.HomeServiceRead, allowed: HttpStatusCode.NotFound),
        ["POST /api/v1/home-service/orders/{id:guid}/dispatch"] = Api(Permissions.HomeServiceDispatch, body: "{}", allowed: HttpStatusCode.BadRequest),
        ["POST /api/v1/home-service/orders/{id:guid}/accept"] = Api(Permissions.HomeServiceWork, allowed: HttpStatusCode.NotFound),
        ["POST /api/v1/home-service/orders/{id:guid}/check-in"] = Api(Permissions.HomeServiceWork, body: """{"qrToken":"x"}""", allowed: HttpStatusCode.NotFound),
        ["POST /api/v1/home-service/orders/{id:guid}/check-out"] = Api(Permissions.HomeServiceWork, allowed: HttpStatusCode.NotFound),
        ["POST /api/v1/home-service/orders/{id:guid}/verify"] = Api(Permissions.HomeServiceDispatch, allowed: HttpStatusCode.NotFound),
        ["POST /api/v1/home-service/orders/{id:guid}/cancel"] = Api(Permissions.HomeServiceOrder, body: """{"note":"x"}""", allowed: HttpStatusCode.NotFound),
        ["POST /api/v1/home-service/orders/{id:guid}/follow-up"] = Api(Permissions.HomeServiceOrder, body: """{"satisfaction":5}""", allowed: HttpStatusCode.NotFound),
        ["GET /api/v1/home-service/board"] = Api(Permissions.HomeServiceRead),
        ["GET /api/v1/home-service/my-visits"] = Api(Permissions.HomeServiceWork),
        ["GET /api/v1/home-service/providers"] = Api(Permissions.HomeServiceRead),
        ["GET /api/v1/home-service/kpi"] = Api(Permissions.HomeServiceRead),
        ["GET /api/v1/home-service/settlements/"] = Api(Permissions.HomeServiceDispatch),
        ["GET /api/v1/home-service/settlements/uncollected-self-pay"] = Api(Permissions.HomeServiceDispatch),
        ["POST /api/v1/home-service/settlements/"] = Api(Permissions.HomeServiceDispatch, body: "{}", allowed: HttpStatusCode.BadRequest),
        ["POST /api/v1/home-service/settlements/{id:guid}/approve"] = Api(Permissions.HomeServiceDispatch, allowed: HttpStatusCode.NotFound),
        ["GET /api/v1/home-service/settlements/{id:guid}/export"] = Api(Permissions.HomeServiceDispatch, allowed: HttpStatusCode.NotFound),
        ["GET /facilities"] = Page(Permissions.FacilitiesRead),
        ["GET /facilities/{Id:guid}"] = Page(Permissions.FacilitiesRead),
        ["GET /facilities/ranking"] = Page(Permissions.FacilitiesRead),
        ["GET /facilities/settings"] = Page(Permissions.FacilitiesAdmin),
        ["GET /api/v1/facilities/"] = Api(Permissions.FacilitiesRead),
        ["GET /api/v1/facilities/ranking"] = Api(Permissions.FacilitiesRead),
        ["GET /api/v1/facilities/templates"] = Api(Permissions.FacilitiesRead),
        ["POST /api/v1/facilities/templates"] = Api(Permissions.FacilitiesAdmin, body: "{}", allowed: HttpStatusCode.BadRequest),
        ["GET /api/v1/facilities/care-ratios"] = Api(Permissions.FacilitiesRead),
        ["PUT /api/v1/facilities/care-ratios"] = Api(Permissions.FacilitiesAdmin, body: """{"ratios":[{"careLevel":0,"residentsPerCarer":0}]}""", allowed: HttpStatusCode.BadRequest),
        ["GET /api/v1/facilities/{id:guid}"] = Api(Permissions.FacilitiesRead, allowed: HttpStatusCode.NotFound),
        ["PUT /api/v1/facilities/{id:guid}/profile"] = Api(Permissions.FacilitiesManage, body: "{}", allowed: HttpStatusCode.NotFound),
        ["GET /api/v1/facilities/{id:guid}/beds"] = Api(Permissions.FacilitiesRead, allowed: HttpStatusCode.NotFound),
        ["POST /api/v1/facilities/{id:guid}/beds"] = Api(Permissions.FacilitiesManage, body: """{"codes":"1-1"}""", allowed: HttpStatusCode.NotFound),
        ["POST /api/v1/facilities/beds/{bedId:guid}/admit"] = Api(Permissions.FacilitiesManage, body: "{}", allowed: HttpStatusCode.BadRequest),
        ["POST /api/v1/facilities/beds/{bedId:guid}/discharge"] = Api(Permissions.FacilitiesManage, body: """{"dischargedOn":"2020-01-01"}""", allowed: HttpStatusCode.NotFound),
        ["POST /api/v1/facilities/beds/{bedId:guid}/state"] = Api(Permissions.FacilitiesManage, body: """{"state":"Reserved"}""", allowed: HttpStatusCode.NotFound),
        ["GET /api/v1/facilities/{id:guid}/staff"] = Api(Permissions.FacilitiesRead, allowed: HttpStatusCode.NotFound),
        ["POST /api/v1/facilities/{id:guid}/staff"] = Api(Permissions.FacilitiesManage, body: "{}", allowed: HttpStatusCode.BadRequest),
        ["POST /api/v1/facilities/staff/{staffId:guid}/shifts"] = Api(Permissions.FacilitiesManage, body: "{}", allowed: HttpStatusCode.BadRequest),
        ["GET /api/v1/facilities/{id:guid}/inspections"] = Api(Permissions.FacilitiesRead, allowed: HttpStatusCode.NotFound),
        ["POST /api/v1/facilities/{id:guid}/inspections"] = Api(Permissions.FacilitiesInspect, body: "{}", allowed: HttpStatusCode.BadRequest),
        ["POST /api/v1/facilities/hazards/{hazardId:guid}/fix"] = Api(Permissions.FacilitiesManage, body: """{"note":"x"}""", allowed: HttpStatusCode.NotFound),
        ["POST /api/v1/facilities/hazards/{hazardId:guid}/review"] = Api(Permissions.FacilitiesInspect, body: """{"accept":true}""", allowed: HttpStatusCode.NotFound),
        ["GET /api/v1/facilities/evidence/{evidenceId:guid}"] = Api(Permissions.FacilitiesRead, allowed: HttpStatusCode.NotFound),
        ["GET /api/v1/facilities/{id:guid}/complaints"] = Api(Permissions.FacilitiesRead, allowed: HttpStatusCode.NotFound),
        ["POST /api/v1/facilities/{id:guid}/complaints"] = Api(Permissions.FacilitiesInspect, body: "{}", allowed: HttpStatusCode.BadRequest),
        ["POST /api/v1/facilities/complaints/{complaintId:guid}/handling"] = Api(Permissions.FacilitiesManage, body: """{"text":"x"}""", allowed: HttpStatusCode.NotFound),
        ["POST /api/v1/facilities/complaints/{complaintId:guid}/close"] = Api(Permissions.FacilitiesInspect, body: """{"text":"x"}""", allowed: HttpStatusCode.NotFound),
        ["GET /welfare"] = Page(Permissions.WelfareRead),
        ["GET /welfare/rosters"] = Page(Permissions.WelfareRead),
        ["GET /welfare/allowance"] = Page(Permissions.WelfareRead),
        ["GET /welfare/allowance/lists/{Id:guid}"] = Page(Permissions.WelfareRead),
        ["GET /welfare/visits"] = Page(Permissions.WelfareRead),
        ["GET /health-link"] = Page(Permissions.HealthLinkRead),
        ["GET /health-link/partners"] = Page(Permissions.HealthLinkAdmin),
        ["GET /welfare/watch"] = Page(Permissions.WelfareRead),
        ["GET /api/v1/welfare/watch/checks"] = Api(Permissions.WelfareRead),
        ["POST /api/v1/welfare/watch/checks/{id:guid}/complete"] = Api(Permissions.WelfareCare, body: "{}", allowed: HttpStatusCode.NotFound),
        ["POST /api/v1/welfare/watch/run"] = Api(Permissions.WelfareCare),
        ["PUT /api/v1/welfare/watch/thresholds/{id:guid}"] = Api(Permissions.WelfareCare, Record.Elder, body: """{"inactivityHours":48,"minWaterLitres":5}""", allowed: HttpStatusCode.NoContent),
        ["GET /welfare/elders/{ElderId:guid}"] = Page(Permissions.WelfareRead),
        ["GET /api/v1/welfare/elders/{id:guid}/absences"] = Api(Permissions.WelfareRead, Record.Elder),
        ["POST /api/v1/welfare/elders/{id:guid}/away"] = Api(Permissions.WelfareCare, body: """{"from":"2026-11-01","to":"2026-10-01"}""", allowed: HttpStatusCode.BadRequest), // scope: VisitTests,
        ["POST /api/v1/welfare/away/{id:guid}/end"] = Api(Permissions.WelfareCare, body: """{"to":"2026-11-01"}""", allowed: HttpStatusCode.NotFound),
        ["GET /api/v1/welfare/visits/overdue"] = Api(Permissions.WelfareRead),
        ["GET /api/v1/welfare/visits/"] = Api(Permissions.WelfareRead),
        ["POST /api/v1/welfare/visits/schedule"] = Api(Permissions.WelfareCare),
        ["POST /api/v1/welfare/visits/{id:guid}/record"] = Api(Permissions.WelfareCare, body: """{"visitedOn":"2020-01-01"}""", allowed: HttpStatusCode.BadRequest),
        ["GET /api/v1/welfare/visits/coverage"] = Api(Permissions.WelfareRead),
        ["GET /api/v1/welfare/rosters"] = Api(Permissions.WelfareRead),
        ["GET /api/v1/welfare/rosters/counts"] = Api(Permissions.WelfareRead),
        ["GET /api/v1/welfare/rosters/changes"] = Api(Permissions.WelfareRead),
        ["GET /api/v1/welfare/rosters/birthdays"] = Api(Permissions.WelfareRead),
        ["GET /api/v1/welfare/allowance/bands"] = Api(Permissions.WelfareRead),
        ["PUT /api/v1/welfare/allowance/bands"] = Api(Permissions.WelfareAdmin, body: "{}", allowed: HttpStatusCode.BadRequest),
        ["GET /api/v1/welfare/allowance/"] = Api(Permissions.WelfareRead),
        ["POST /api/v1/welfare/allowance/"] = Api(Permissions.WelfareApprove, body: "{}", allowed: HttpStatusCode.BadRequest),
        ["POST /api/v1/welfare/allowance/approve"] = Api(Permissions.WelfareApprove, body: "{}", allowed: HttpStatusCode.BadRequest),
        ["GET /api/v1/welfare/allowance/export"] = Api(Permissions.WelfareApprove, allowed: HttpStatusCode.NotFound),
        ["GET /api/v1/welfare/allowance/overpayments"] = Api(Permissions.WelfareRead),
        ["GET /api/v1/welfare/allowance/lists/{id:guid}"] = Api(Permissions.WelfareRead, allowed: HttpStatusCode.NotFound),
        ["POST /api/v1/welfare/allowance/lists/{id:guid}/approve"] = Api(Permissions.WelfareApprove, allowed: HttpStatusCode.NotFound),
        ["GET /social"] = Page(Permissions.SocialRead),
        ["GET /social/activities/{Id:guid}"] = Page(Permissions.SocialRead),
        ["GET /api/v1/social/activities/"] = Api(Permissions.SocialRead),
        ["POST /api/v1/social/activities/"] = Api(Permissions.SocialManage, body: "{}", allowed: HttpStatusCode.BadRequest),
        ["GET /api/v1/social/activities/{id:guid}"] = Api(Permissions.SocialRead, allowed: HttpStatusCode.NotFound),
        ["POST /api/v1/social/activities/{id:guid}/enrolments"] = Api(Permissions.SocialRecord, body: "{}", allowed: HttpStatusCode.NotFound), // scope: ActivityTests
        ["POST /api/v1/social/activities/enrolments/{id:guid}/withdraw"] = Api(Permissions.SocialRecord, allowed: HttpStatusCode.NotFound),
        ["POST /api/v1/social/activities/sessions/{id:guid}/attendance"] = Api(Permissions.SocialRecord, body: "{}", allowed: HttpStatusCode.NotFound),
        ["GET /api/v1/social/digital-coverage"] = Api(Permissions.SocialRead),
        ["GET /social/circle"] = Page(Permissions.SocialRead),
        ["GET /social/circle/gaps"] = Page(Permissions.SocialRead),
        ["GET /api/v1/social/circle/"] = Api(Permissions.SocialRead),
        ["GET /api/v1/social/circle/gaps"] = Api(Permissions.SocialRead),
        ["PUT /api/v1/social/circle/points/{regionCode}"] = Api(Permissions.SocialManage, body: "{}", allowed: HttpStatusCode.BadRequest), // scope: CircleTests
        ["GET /api/v1/social/resources/"] = Api(Permissions.SocialRead),
        ["POST /api/v1/social/resources/"] = Api(Permissions.SocialManage, body: "{}", allowed: HttpStatusCode.BadRequest),
        ["PUT /api/v1/social/resources/{id:guid}"] = Api(Permissions.SocialManage, body: "{}", allowed: HttpStatusCode.BadRequest),
        ["GET /social/volunteers"] = Page(Permissions.SocialRead),
        ["GET /social/volunteers/{Id:guid}"] = Page(Permissions.SocialRead),
        ["GET /api/v1/social/volunteers/"] = Api(Permissions.SocialRead),
        ["POST /api/v1/social/volunteers/"] = Api(Permissions.SocialManage, body: "{}", allowed: HttpStatusCode.BadRequest),
        ["GET /api/v1/social/volunteers/leaderboard"] = Api(Permissions.SocialRead),
        ["GET /api/v1/social/volunteers/hours/pending"] = Api(Permissions.SocialRead),
        ["POST /api/v1/social/volunteers/hours/{id:guid}/confirm"] = Api(Permissions.SocialManage, body: "{}", allowed: HttpStatusCode.NotFound),
        ["GET /api/v1/social/volunteers/{id:guid}"] = Api(Permissions.SocialRead, allowed: HttpStatusCode.NotFound), // scope: VolunteerTests
        ["POST /api/v1/social/volunteers/{id:guid}/assignments"] = Api(Permissions.SocialManage, body: "{}", allowed: HttpStatusCode.NotFound),
        ["GET /api/v1/social/volunteers/{id:guid}/visits"] = Api(Permissions.SocialRead, allowed: HttpStatusCode.NotFound),
        ["POST /api/v1/social/volunteers/{id:guid}/visits"] = Api(Permissions.SocialManage, body: "{}", allowed: HttpStatusCode.NotFound), // scope: VisitLinkTests
        ["POST /api/v1/social/volunteers/{id:guid}/hours"] = Api(Permissions.SocialRecord, body: "{}", allowed: HttpStatusCode.BadRequest),
        ["POST /api/v1/social/volunteers/{id:guid}/redeem"] = Api(Permissions.SocialRecord, body: "{}", allowed: HttpStatusCode.BadRequest),
        ["POST /api/v1/social/volunteers/{id:guid}/transfer"] = Api(Permissions.SocialRecord, body: "{}", allowed: HttpStatusCode.BadRequest),
        ["GET /social/canteens"] = Page(Permissions.SocialRead),
        ["GET /social/canteens/{Id:guid}"] = Page(Permissions.SocialRead),
        ["GET /api/v1/social/canteens/"] = Api(Permissions.SocialRead),
        ["PUT /api/v1/social/canteens/{id:guid}/days"] = Api(Permissions.SocialRecord, body: "{}", allowed: HttpStatusCode.BadRequest),
        ["POST /api/v1/social/canteens/{id:guid}/meals"] = Api(Permissions.SocialRecord, body: "{}", allowed: HttpStatusCode.BadRequest), // scope: CanteenTests
        ["GET /api/v1/social/canteens/{id:guid}/statement"] = Api(Permissions.SocialRead, allowed: HttpStatusCode.NotFound),
        ["GET /api/v1/social/canteens/{id:guid}/statement.xlsx"] = Api(Permissions.SocialRead, allowed: HttpStatusCode.NotFound),
        ["GET /social/charities"] = Page(Permissions.SocialRead),
        ["GET /api/v1/social/charities/"] = Api(Permissions.SocialRead),
        ["POST /api/v1/social/charities/"] = Api(Permissions.SocialManage, body: "{}", allowed: HttpStatusCode.BadRequest),
        ["GET /api/v1/social/charities/{id:guid}"] = Api(Permissions.SocialRead, allowed: HttpStatusCode.NotFound),
        ["POST /api/v1/social/charities/{id:guid}/activities"] = Api(Permissions.SocialRecord, body: "{}", allowed: HttpStatusCode.BadRequest),
        ["GET /card"] = Page(Permissions.CardRead),
        ["GET /dashboard"] = Page(Permissions.DashboardRead),
        ["GET /dashboard/{RegionCode}"] = Page(Permissions.DashboardRead),
        ["GET /dashboard/wall"] = Page(Permissions.DashboardRead),
        ["GET /dashboard/wall/{RegionCode}"] = Page(Permissions.DashboardRead),
        ["GET /card/cards/{Id:guid}"] = Page(Permissions.CardRead),
        ["GET /card/pos"] = Page(Permissions.CardPay),
        ["GET /card/statements/{ElderId:guid}"] = Page(Permissions.CardRead),
        ["GET /card/print"] = Page(Permissions.CardRead),
        ["GET /card/admin"] = Page(Permissions.CardAdmin),
        ["GET /card/supervision"] = Page(Permissions.CardRead),
        ["GET /api/v1/card/cards"] = Api(Permissions.CardRead),
        ["POST /api/v1/card/cards"] = Api(Permissions.CardIssue, body: "{}", allowed: HttpStatusCode.BadRequest),
        ["POST /api/v1/card/cards/batch"] = Api(Permissions.CardIssue, body: "{}", allowed: HttpStatusCode.BadRequest),
        ["GET /api/v1/card/cards/{id:guid}"] = Api(Permissions.CardRead, allowed: HttpStatusCode.NotFound),
        ["POST /api/v1/card/cards/{id:guid}/status"] = Api(Permissions.CardIssue, body: """{"status":"ReportedLost"}""", allowed: HttpStatusCode.NotFound),
        ["POST /api/v1/card/cards/{id:guid}/replace"] = Api(Permissions.CardIssue, body: "{}", allowed: HttpStatusCode.NotFound),
        ["POST /api/v1/card/cards/{id:guid}/top-up"] = Api(Permissions.CardTopUp, body: """{"amount":10}""", allowed: HttpStatusCode.NotFound),
        ["POST /api/v1/card/payments"] = Api(Permissions.CardPay, body: "{}", allowed: HttpStatusCode.BadRequest),
        ["POST /api/v1/card/payments/{id:guid}/refund"] = Api(Permissions.CardRefund, body: """{"amount":1,"reason":"x"}""", allowed: HttpStatusCode.NotFound),
        ["GET /api/v1/card/rules"] = Api(Permissions.CardRead),
        ["POST /api/v1/card/rules"] = Api(Permissions.CardAdmin, body: "{}", allowed: HttpStatusCode.BadRequest),
        ["POST /api/v1/card/crediting"] = Api(Permissions.CardAdmin, body: "{}", allowed: HttpStatusCode.BadRequest),
        ["POST /api/v1/card/expiry"] = Api(Permissions.CardAdmin, body: "{}", allowed: HttpStatusCode.BadRequest),
        ["GET /api/v1/card/statements/{elderId:guid}"] = Api(Permissions.CardRead, allowed: HttpStatusCode.NotFound),
        ["GET /api/v1/card/settlement"] = Api(Permissions.CardAdmin),
        ["GET /api/v1/card/settlement/export"] = Api(Permissions.CardAdmin),
        ["GET /api/v1/card/reconciliation"] = Api(Permissions.CardRead),
        ["GET /api/v1/card/flags"] = Api(Permissions.CardRead),
        ["GET /api/v1/card/terminals"] = Api(Permissions.CardAdmin),
        ["POST /api/v1/card/terminals"] = Api(Permissions.CardAdmin, body: "{}", allowed: HttpStatusCode.BadRequest),
        ["GET /reports"] = Page(Permissions.ReportsRead),
        ["GET /reports/{Id:guid}"] = Page(Permissions.ReportsRead),
        ["GET /api/v1/reports"] = Api(Permissions.ReportsRead),
        ["POST /api/v1/reports"] = Api(Permissions.ReportsGenerate, body: "{}", allowed: HttpStatusCode.BadRequest),
        ["GET /api/v1/reports/{id:guid}"] = Api(Permissions.ReportsRead, allowed: HttpStatusCode.NotFound),
        ["GET /api/v1/reports/{id:guid}/xlsx"] = Api(Permissions.ReportsRead, allowed: HttpStatusCode.NotFound),
        ["GET /api/v1/reports/{id:guid}/csv"] = Api(Permissions.ReportsRead, allowed: HttpStatusCode.NotFound),
        ["POST /api/v1/card-payments"] = new(Access.Anonymous, Allowed: HttpStatusCode.Unauthorized), // terminals send their key; see CardApiTests
        ["GET /health"] = new(Access.Anonymous),
        ["GET /alive"] = new(Access.Anonymous),
        ["GET /metrics"] = new(Access.Anonymous, Allowed: HttpStatusCode.Unauthorized), // scrapers send a token; see MetricsTests
        ["GET /openapi/{documentName}.json"] = new(Access.Anonymous),
        ["GET /api-docs/{documentName?}"] = new(Access.Anonymous),
        ["POST /account/login"] = new(Access.Framework),
        ["POST /account/logout"] = new(Access.Framework),
        ["POST /account/login-2fa"] = new(Access.Framework),
        ["POST /account/ping"] = new(Access.Framework),
        ["GET /culture/set"] = new(Access.Framework),
        ["GET /{**path:file}"] = new(Access.Framework), // static web assets
        ["GET /hubs/live/negotiate"] = new(Access.Framework), // hub: covered by LiveHubTests
        ["GET /hubs/live"] = new(Access.Framework),
        ["HEAD /{**path:file}"] = new(Access.Framework),
    };

    private static readonly string[] Users = ["admin", "district", "street", "village", "responder", "worker", "facility", "street2"];

    private static readonly Dictionary<string, string> RoleOf = new()
    {
        ["admin"] = Roles.SystemAdmin, ["district"] = Roles.DistrictOperator, ["street"] = Roles.StreetStaff, ["village"] = Roles.VillageStaff,
        ["responder"] = Roles.Responder, ["worker"] = Roles.ProviderWorker, ["facility"] = Roles.FacilityManager, ["street2"] = Roles.StreetStaff,
    };

    private static readonly Dictionary<string, string> ScopeOf = new()
    {
        ["admin"] = RegionCatalog.DistrictCode, ["district"] = RegionCatalog.DistrictCode, ["street"] = RegionCatalog.YangliuqingCode,
        ["village"] = RegionCatalog.YinglunMingyuanCode, ["responder"] = RegionCatalog.YangliuqingCode, ["worker"] = RegionCatalog.YangliuqingCode,
        ["facility"] = RegionCatalog.YangliuqingCode, ["street2"] = RegionCatalog.ZhongbeiCode,
    };

    private List<(string Key, RouteEndpoint Endpoint)> Endpoints()
    {
        var source = factory.Services.GetRequiredService<EndpointDataSource>();
        return source.Endpoints.OfType<RouteEndpoint>()
            .Select(e => (Pattern: "/" + (e.RoutePattern.RawText ?? string.Empty).TrimStart('/'), Endpoint: e))
            .Where(e => !e.Pattern.StartsWith("/_", StringComparison.Ordinal) && (e.Pattern.Contains('{', StringComparison.Ordinal) || !Path.HasExtension(e.Pattern)))
            .SelectMany(e => (e.Endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? ["GET"])
                .Where(m => m != "POST" || e.Endpoint.Metadata.GetMetadata<Microsoft.AspNetCore.Components.Endpoints.ComponentTypeMetadata>() is null)
                .Select(m => ($"{m} {e.Pattern}", e.Endpoint)))
            .DistinctBy(e => e.Item1)
            .ToList();
    }

    [Fact]
    public void Every_page_and_endpoint_has_a_rule()
    {
        var endpoints = Endpoints().Select(e => e.Key).ToList();
        Assert.Contains("GET /elders", endpoints);
        Assert.Contains("GET /api/v1/elders/{id:guid}", endpoints);
        var withoutRule = endpoints.Where(e => !Rules.ContainsKey(e)).ToList();
        var stale = Rules.Keys.Where(k => !endpoints.Contains(k)).ToList();
        Assert.True(withoutRule.Count == 0, "Endpoints without a rule: " + string.Join(", ", withoutRule));
        Assert.True(stale.Count == 0, "Rules for endpoints that no longer exist: " + string.Join(", ", stale));
    }

    [Fact]
    public async Task Each_role_gets_exactly_what_its_permissions_and_scope_allow()
    {
        var ct = TestContext.Current.CancellationToken;
        var district = await factory.ClientFor("district");
        var inYinglun = await FirstId(district, $"/api/v1/elders?region={RegionCatalog.YinglunMingyuanCode}&pageSize=1");
        var inXihuayuan = await FirstId(district, $"/api/v1/elders?region={RegionCatalog.XihuayuanCode}&pageSize=1");
        var orgs = await district.GetFromJsonAsync<JsonElement>("/api/v1/organisations?pageSize=100", ct);
        var orgInYangliuqing = Guid.Parse(orgs.GetProperty("items").EnumerateArray().First(o => o.GetProperty("regionCode").GetString()!.StartsWith(RegionCatalog.YinglunMingyuanCode, StringComparison.Ordinal)).GetProperty("id").GetString()!);
        var orgInZhongbei = Guid.Parse(orgs.GetProperty("items").EnumerateArray().First(o => o.GetProperty("regionCode").GetString()!.StartsWith(RegionCatalog.ZhongbeiCode, StringComparison.Ordinal)).GetProperty("id").GetString()!);
        var recordRegions = new Dictionary<Guid, string>
        {
            [inYinglun] = RegionCatalog.YinglunMingyuanCode, [inXihuayuan] = RegionCatalog.XihuayuanCode,
            [orgInYangliuqing] = RegionCatalog.YinglunMingyuanCode, [orgInZhongbei] = RegionCatalog.XihuayuanCode,
        };

        var failures = new List<string>();
        var anonymous = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var browsers = new Dictionary<string, HttpClient>();
        var apis = new Dictionary<string, HttpClient>();
        foreach (var user in Users)
        {
            browsers[user] = await Browser(user);
            apis[user] = await factory.ClientFor(user);
        }

        foreach (var (key, _) in Endpoints())
        {
            var rule = Rules[key];
            if (rule.Access == Access.Framework)
            {
                continue; // sign-in plumbing, covered by ApiTests and AccountSecurityTests
            }

            var method = key[..key.IndexOf(' ', StringComparison.Ordinal)];
            var pattern = key[(method.Length + 1)..];
            var isApi = pattern.StartsWith("/api/v1/", StringComparison.Ordinal) && rule.Access != Access.Anonymous;
            var ids = rule.Record switch
            {
                Record.Elder => new[] { inYinglun, inXihuayuan },
                Record.Organisation => [orgInYangliuqing, orgInZhongbei],
                _ => pattern.Contains("{id", StringComparison.OrdinalIgnoreCase) ? [pattern.StartsWith("/organisations", StringComparison.Ordinal) ? orgInYangliuqing : inYinglun] : [Guid.Empty],
            };

            foreach (var id in ids)
            {
                var path = ReplaceParameters(pattern, id);

                var anon = await Send(anonymous, method, path, rule.Body);
                var anonExpected = rule.Access == Access.Anonymous ? new[] { rule.Allowed, HttpStatusCode.Unauthorized, HttpStatusCode.BadRequest }
                    : isApi ? [HttpStatusCode.Unauthorized] : [HttpStatusCode.Redirect];
                Check(failures, $"{key} anonymous", anon, anonExpected, rule.Access == Access.Anonymous ? null : "/login");

                if (rule.Access == Access.Anonymous)
                {
                    continue;
                }

                foreach (var user in Users)
                {
                    var client = isApi ? apis[user] : browsers[user];
                    var response = await Send(client, method, path, rule.Body);
                    var permitted = rule.Access != Access.Permission || Permissions.RoleGrants(RoleOf[user], rule.Permission!);
                    var inScope = rule.Record == Record.None || RegionScope.Contains(ScopeOf[user], recordRegions[id]);
                    HttpStatusCode[] expected = !permitted ? (isApi ? [HttpStatusCode.Forbidden] : [HttpStatusCode.Redirect])
                        : !inScope ? [HttpStatusCode.NotFound]
                        : [rule.Allowed];
                    Check(failures, $"{key} as {user} ({path})", response, expected, !permitted && !isApi ? "/access-denied" : null);
                }
            }
        }

        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures));
    }

    private static void Check(List<string> failures, string what, HttpResponseMessage response, HttpStatusCode[] expected, string? redirectTo)
    {
        if (!expected.Contains(response.StatusCode))
        {
            failures.Add($"{what}: {(int)response.StatusCode}, expected {string.Join("/", expected.Select(e => (int)e))}");
        }
        else if (redirectTo is not null && response.StatusCode == HttpStatusCode.Redirect && response.Headers.Location?.OriginalString.Contains(redirectTo, StringComparison.Ordinal) != true)
        {
            failures.Add($"{what}: redirected to {response.Headers.Location}, expected {redirectTo}");
        }
    }

    private static string ReplaceParameters(string pattern, Guid id) =>
        System.Text.RegularExpressions.Regex.Replace(pattern, @"\{(\w+)[^}]*\}", m => m.Groups[1].Value switch
        {
            "documentName" => "v1",
            _ => id.ToString(),
        }).Replace("/v1/", "/v1/", StringComparison.Ordinal);

    private static async Task<HttpResponseMessage> Send(HttpClient client, string method, string path, string? body)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), path);
        if (method is "POST" or "PUT")
        {
            request.Content = new StringContent(body ?? "{}", System.Text.Encoding.UTF8, "application/json");
        }

        return await client.SendAsync(request, TestContext.Current.CancellationToken);
    }

    private async Task<HttpClient> Browser(string user)
    {
        var client = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        using var login = new HttpRequestMessage(HttpMethod.Post, "/account/login") { Content = JsonContent.Create(new { userName = user, password = "Eldercare#2026" }) };
        login.Headers.Add("X-Eldercare-Request", "1");
        var response = await client.SendAsync(login, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        return client;
    }

    private static async Task<Guid> FirstId(HttpClient client, string url)
    {
        var page = await client.GetFromJsonAsync<JsonElement>(url, TestContext.Current.CancellationToken);
        return Guid.Parse(page.GetProperty("items")[0].GetProperty("id").GetString()!);
    }
}
