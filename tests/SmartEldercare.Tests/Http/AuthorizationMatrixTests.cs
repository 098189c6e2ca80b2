using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SmartEldercare.Card.Cards;
using SmartEldercare.Card.Features.Cards;
using SmartEldercare.Card.Features.Payments;
using SmartEldercare.Card.Ledger;
using SmartEldercare.Emergency.Alarms;
using SmartEldercare.Emergency.Devices;
using SmartEldercare.Emergency.Features.Devices;
using SmartEldercare.Facilities.Beds;
using SmartEldercare.Facilities.Complaints;
using SmartEldercare.Facilities.Features.Beds;
using SmartEldercare.Facilities.Features.Complaints;
using SmartEldercare.Facilities.Features.Inspections;
using SmartEldercare.Facilities.Features.Staff;
using SmartEldercare.Facilities.Inspections;
using SmartEldercare.Facilities.Staff;
using SmartEldercare.HomeService.Catalogue;
using SmartEldercare.HomeService.Features.Orders;
using SmartEldercare.HomeService.Orders;
using SmartEldercare.HomeService.Settlements;
using SmartEldercare.Platform.Common;
using SmartEldercare.Platform.Elders;
using SmartEldercare.Platform.Identity;
using SmartEldercare.Platform.Organisations;
using SmartEldercare.Platform.Persistence;
using SmartEldercare.Platform.Regions;
using SmartEldercare.Reports.Features;
using SmartEldercare.Reports.Runs;
using SmartEldercare.Social.Activities;
using SmartEldercare.Social.Charities;
using SmartEldercare.Social.Circle;
using SmartEldercare.Social.Features.Activities;
using SmartEldercare.Social.Volunteers;
using SmartEldercare.Tests.Infrastructure;
using SmartEldercare.Welfare.Allowance;
using SmartEldercare.Welfare.Away;
using SmartEldercare.Welfare.Features.Allowance;
using SmartEldercare.Welfare.Features.Away;
using SmartEldercare.Welfare.Visits;
using SmartEldercare.Welfare.Watch;

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

    /// <summary>The kind of record an endpoint's id names; the test finds (or makes) a real one in 杨柳青镇 and one in 中北镇.</summary>
    private enum Record
    {
        None,
        Elder,
        Organisation,
        Institution,
        Alarm,
        Device,
        Order,
        Settlement,
        Bed,
        Staff,
        Hazard,
        Evidence,
        Complaint,
        WelfareCheck,
        Away,
        Visit,
        AllowanceList,
        Activity,
        Enrolment,
        Session,
        Volunteer,
        Hours,
        Resource,
        Canteen,
        Charity,
        Card,
        Payment,
        Report,
        Village,
    }

    private sealed record Rule(Access Access, string? Permission = null, Record Record = Record.None, string? Body = null, HttpStatusCode Allowed = HttpStatusCode.OK)
    {
        /// <summary>What a permitted user gets for a record of their scope (never 403 or 404).</summary>
        public HttpStatusCode[] Inside { get; init; } = [Allowed];

        /// <summary>What a permitted user gets for a record outside their scope: the same as for an id that does not exist.</summary>
        public HttpStatusCode Outside { get; init; } = HttpStatusCode.NotFound;
    }

    // A change runs once per user on the same record: the first may succeed, the next find it changed (409) or refused by
    // its state; what matters is that the record was found.
    private static readonly HttpStatusCode[] Changed = [HttpStatusCode.OK, HttpStatusCode.Created, HttpStatusCode.NoContent, HttpStatusCode.BadRequest, HttpStatusCode.Conflict];

    private static Rule Page(string? permission = null) => permission is null ? new(Access.SignedIn) : new(Access.Permission, permission);

    private static Rule Api(string permission, Record record = Record.None, string? body = null, HttpStatusCode allowed = HttpStatusCode.OK) =>
        new(Access.Permission, permission, record, body, allowed);

    private static Rule Change(string permission, Record record, string body = "{}") => new(Access.Permission, permission, record, body) { Inside = Changed };

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
        ["PUT /api/v1/elders/{id:guid}"] = Change(Permissions.EldersWrite, Record.Elder, """{"name":"王秀英","regionCode":"{region}","livingSituation":"WithFamily","emergencyContacts":[{"name":"王建国","relation":"儿子","phone":"13912345678"}]}"""),
        ["POST /api/v1/elders/{id:guid}/status"] = Change(Permissions.EldersWrite, Record.Elder, """{"status":"Active"}"""),
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
        ["POST /api/v1/devices/{id:guid}/rotate-secret"] = Change(Permissions.EmergencyDevices, Record.Device),
        ["GET /api/v1/alarms/{id:guid}"] = Api(Permissions.EmergencyRead, Record.Alarm),
        ["POST /api/v1/alarms/"] = Api(Permissions.EmergencyRespond, body: "{}", allowed: HttpStatusCode.BadRequest),
        ["POST /api/v1/alarms/{id:guid}/acknowledge"] = Change(Permissions.EmergencyRespond, Record.Alarm),
        ["POST /api/v1/alarms/{id:guid}/dispatch"] = Change(Permissions.EmergencyRespond, Record.Alarm),
        ["GET /api/v1/alarms/{id:guid}/responders"] = Api(Permissions.EmergencyRespond, Record.Alarm),
        ["POST /api/v1/alarms/{id:guid}/on-scene"] = Change(Permissions.EmergencyRespond, Record.Alarm),
        ["POST /api/v1/alarms/{id:guid}/resolve"] = Change(Permissions.EmergencyRespond, Record.Alarm, """{"outcome":"FalseAlarm"}"""),
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
        ["GET /api/v1/home-service/orders/{id:guid}"] = Api(Permissions.HomeServiceRead, Record.Order),
        ["POST /api/v1/home-service/orders/{id:guid}/dispatch"] = Change(Permissions.HomeServiceDispatch, Record.Order, """{"providerId":"{provider}"}"""),
        ["POST /api/v1/home-service/orders/{id:guid}/accept"] = Change(Permissions.HomeServiceWork, Record.Order),
        ["POST /api/v1/home-service/orders/{id:guid}/check-in"] = Change(Permissions.HomeServiceWork, Record.Order, """{"qrToken":"x"}"""),
        ["POST /api/v1/home-service/orders/{id:guid}/check-out"] = Change(Permissions.HomeServiceWork, Record.Order),
        ["POST /api/v1/home-service/orders/{id:guid}/verify"] = Change(Permissions.HomeServiceDispatch, Record.Order),
        ["POST /api/v1/home-service/orders/{id:guid}/cancel"] = Change(Permissions.HomeServiceOrder, Record.Order, """{"note":"x"}"""),
        ["POST /api/v1/home-service/orders/{id:guid}/follow-up"] = Change(Permissions.HomeServiceOrder, Record.Order, """{"satisfaction":5}"""),
        ["GET /api/v1/home-service/board"] = Api(Permissions.HomeServiceRead),
        ["GET /api/v1/home-service/my-visits"] = Api(Permissions.HomeServiceWork),
        ["GET /api/v1/home-service/providers"] = Api(Permissions.HomeServiceRead),
        ["GET /api/v1/home-service/kpi"] = Api(Permissions.HomeServiceRead),
        ["GET /api/v1/home-service/settlements/"] = Api(Permissions.HomeServiceDispatch),
        ["GET /api/v1/home-service/settlements/uncollected-self-pay"] = Api(Permissions.HomeServiceDispatch),
        ["POST /api/v1/home-service/settlements/"] = Api(Permissions.HomeServiceDispatch, body: "{}", allowed: HttpStatusCode.BadRequest),
        ["POST /api/v1/home-service/settlements/{id:guid}/approve"] = Change(Permissions.HomeServiceDispatch, Record.Settlement),
        ["GET /api/v1/home-service/settlements/{id:guid}/export"] = Api(Permissions.HomeServiceDispatch, Record.Settlement),
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
        ["GET /api/v1/facilities/{id:guid}"] = Api(Permissions.FacilitiesRead, Record.Institution),
        ["PUT /api/v1/facilities/{id:guid}/profile"] = Change(Permissions.FacilitiesManage, Record.Institution, """{"starRating":3,"capacity":100}"""),
        ["GET /api/v1/facilities/{id:guid}/beds"] = Api(Permissions.FacilitiesRead, Record.Institution),
        ["POST /api/v1/facilities/{id:guid}/beds"] = Change(Permissions.FacilitiesManage, Record.Institution, """{"codes":"901-1"}"""),
        ["POST /api/v1/facilities/beds/{bedId:guid}/admit"] = Change(Permissions.FacilitiesManage, Record.Bed, """{"elderIdNumber":"{unknownIdNumber}","elderName":"王秀英","careLevel":1,"admittedOn":"{today}"}"""),
        ["POST /api/v1/facilities/beds/{bedId:guid}/discharge"] = Change(Permissions.FacilitiesManage, Record.Bed, """{"dischargedOn":"{today}"}"""),
        ["POST /api/v1/facilities/beds/{bedId:guid}/state"] = Change(Permissions.FacilitiesManage, Record.Bed, """{"state":"Reserved"}"""),
        ["GET /api/v1/facilities/{id:guid}/staff"] = Api(Permissions.FacilitiesRead, Record.Institution),
        ["POST /api/v1/facilities/{id:guid}/staff"] = Change(Permissions.FacilitiesManage, Record.Institution, """{"name":"李护理","role":"Carer"}"""),
        ["POST /api/v1/facilities/staff/{staffId:guid}/shifts"] = Change(Permissions.FacilitiesManage, Record.Staff, """{"date":"{today}","kind":"Day","onDuty":true}"""),
        ["GET /api/v1/facilities/{id:guid}/inspections"] = Api(Permissions.FacilitiesRead, Record.Institution),
        ["POST /api/v1/facilities/{id:guid}/inspections"] = Change(Permissions.FacilitiesInspect, Record.Institution, """{"templateId":"{template}","score":90}"""),
        ["POST /api/v1/facilities/hazards/{hazardId:guid}/fix"] = Change(Permissions.FacilitiesManage, Record.Hazard, """{"note":"x"}"""),
        ["POST /api/v1/facilities/hazards/{hazardId:guid}/review"] = Change(Permissions.FacilitiesInspect, Record.Hazard, """{"accept":true}"""),
        ["GET /api/v1/facilities/evidence/{evidenceId:guid}"] = Api(Permissions.FacilitiesRead, Record.Evidence),
        ["GET /api/v1/facilities/{id:guid}/complaints"] = Api(Permissions.FacilitiesRead, Record.Institution),
        ["POST /api/v1/facilities/{id:guid}/complaints"] = Change(Permissions.FacilitiesInspect, Record.Institution, """{"summary":"x"}"""),
        ["POST /api/v1/facilities/complaints/{complaintId:guid}/handling"] = Change(Permissions.FacilitiesManage, Record.Complaint, """{"text":"x"}"""),
        ["POST /api/v1/facilities/complaints/{complaintId:guid}/close"] = Change(Permissions.FacilitiesInspect, Record.Complaint, """{"text":"x"}"""),
        ["GET /welfare"] = Page(Permissions.WelfareRead),
        ["GET /welfare/rosters"] = Page(Permissions.WelfareRead),
        ["GET /welfare/allowance"] = Page(Permissions.WelfareRead),
        ["GET /welfare/allowance/lists/{Id:guid}"] = Page(Permissions.WelfareRead),
        ["GET /welfare/visits"] = Page(Permissions.WelfareRead),
        ["GET /health-link"] = Page(Permissions.HealthLinkRead),
        ["GET /health-link/partners"] = Page(Permissions.HealthLinkAdmin),
        ["GET /welfare/watch"] = Page(Permissions.WelfareRead),
        ["GET /api/v1/welfare/watch/checks"] = Api(Permissions.WelfareRead),
        ["POST /api/v1/welfare/watch/checks/{id:guid}/complete"] = Change(Permissions.WelfareCare, Record.WelfareCheck, """{"note":"x"}"""),
        ["POST /api/v1/welfare/watch/run"] = Api(Permissions.WelfareCare),
        ["PUT /api/v1/welfare/watch/thresholds/{id:guid}"] = Change(Permissions.WelfareCare, Record.Elder, """{"inactivityHours":48,"minWaterLitres":5}"""),
        ["GET /welfare/elders/{ElderId:guid}"] = Page(Permissions.WelfareRead),
        ["GET /api/v1/welfare/elders/{id:guid}/absences"] = Api(Permissions.WelfareRead, Record.Elder),
        ["POST /api/v1/welfare/elders/{id:guid}/away"] = Change(Permissions.WelfareCare, Record.Elder, """{"from":"{today}","to":"{today}"}"""),
        ["POST /api/v1/welfare/away/{id:guid}/end"] = Change(Permissions.WelfareCare, Record.Away, """{"to":"{today}"}"""),
        ["GET /api/v1/welfare/visits/overdue"] = Api(Permissions.WelfareRead),
        ["GET /api/v1/welfare/visits/"] = Api(Permissions.WelfareRead),
        ["POST /api/v1/welfare/visits/schedule"] = Api(Permissions.WelfareCare),
        ["POST /api/v1/welfare/visits/{id:guid}/record"] = Change(Permissions.WelfareCare, Record.Visit, """{"visitedOn":"{today}","mode":"Home","health":"Good","mood":"Good","homeSafety":"Good","followUps":"None"}"""),
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
        ["GET /api/v1/welfare/allowance/export"] = Api(Permissions.WelfareApprove), // this month's lists are generated for the allowance list records
        ["GET /api/v1/welfare/allowance/overpayments"] = Api(Permissions.WelfareRead),
        ["GET /api/v1/welfare/allowance/lists/{id:guid}"] = Api(Permissions.WelfareRead, Record.AllowanceList),
        ["POST /api/v1/welfare/allowance/lists/{id:guid}/approve"] = Change(Permissions.WelfareApprove, Record.AllowanceList),
        ["GET /social"] = Page(Permissions.SocialRead),
        ["GET /social/activities/{Id:guid}"] = Page(Permissions.SocialRead),
        ["GET /api/v1/social/activities/"] = Api(Permissions.SocialRead),
        ["POST /api/v1/social/activities/"] = Api(Permissions.SocialManage, body: "{}", allowed: HttpStatusCode.BadRequest),
        ["GET /api/v1/social/activities/{id:guid}"] = Api(Permissions.SocialRead, Record.Activity),
        ["POST /api/v1/social/activities/{id:guid}/enrolments"] = Change(Permissions.SocialRecord, Record.Activity, """{"elderId":"{elder}"}"""),
        ["POST /api/v1/social/activities/enrolments/{id:guid}/withdraw"] = Change(Permissions.SocialRecord, Record.Enrolment),
        ["POST /api/v1/social/activities/sessions/{id:guid}/attendance"] = Change(Permissions.SocialRecord, Record.Session, """{"elderId":"{elder}"}"""),
        ["GET /api/v1/social/digital-coverage"] = Api(Permissions.SocialRead),
        ["GET /social/circle"] = Page(Permissions.SocialRead),
        ["GET /social/circle/gaps"] = Page(Permissions.SocialRead),
        ["GET /api/v1/social/circle/"] = Api(Permissions.SocialRead),
        ["GET /api/v1/social/circle/gaps"] = Api(Permissions.SocialRead),
        ["PUT /api/v1/social/circle/points/{regionCode}"] = Change(Permissions.SocialManage, Record.Village, """{"latitude":39.137,"longitude":117.005}""") with { Outside = HttpStatusCode.BadRequest },
        ["GET /api/v1/social/resources/"] = Api(Permissions.SocialRead),
        ["POST /api/v1/social/resources/"] = Api(Permissions.SocialManage, body: "{}", allowed: HttpStatusCode.BadRequest),
        ["PUT /api/v1/social/resources/{id:guid}"] = Change(Permissions.SocialManage, Record.Resource, """{"name":"社区卫生服务站","type":"Clinic","regionCode":"{region}","latitude":39.137,"longitude":117.005}"""),
        ["GET /social/volunteers"] = Page(Permissions.SocialRead),
        ["GET /social/volunteers/{Id:guid}"] = Page(Permissions.SocialRead),
        ["GET /api/v1/social/volunteers/"] = Api(Permissions.SocialRead),
        ["POST /api/v1/social/volunteers/"] = Api(Permissions.SocialManage, body: "{}", allowed: HttpStatusCode.BadRequest),
        ["GET /api/v1/social/volunteers/leaderboard"] = Api(Permissions.SocialRead),
        ["GET /api/v1/social/volunteers/hours/pending"] = Api(Permissions.SocialRead),
        ["POST /api/v1/social/volunteers/hours/{id:guid}/confirm"] = Change(Permissions.SocialManage, Record.Hours, """{"accept":true}"""),
        ["GET /api/v1/social/volunteers/{id:guid}"] = Api(Permissions.SocialRead, Record.Volunteer),
        ["POST /api/v1/social/volunteers/{id:guid}/assignments"] = Change(Permissions.SocialManage, Record.Volunteer, """{"activityId":"{activity}"}"""),
        ["GET /api/v1/social/volunteers/{id:guid}/visits"] = Api(Permissions.SocialRead, Record.Volunteer),
        ["POST /api/v1/social/volunteers/{id:guid}/visits"] = Change(Permissions.SocialManage, Record.Volunteer, """{"visitId":"{visit}"}"""),
        ["POST /api/v1/social/volunteers/{id:guid}/hours"] = Change(Permissions.SocialRecord, Record.Volunteer, """{"description":"陪伴","start":"{start}","end":"{end}"}"""),
        ["POST /api/v1/social/volunteers/{id:guid}/redeem"] = Change(Permissions.SocialRecord, Record.Volunteer, """{"minutes":1,"note":"x"}"""),
        ["POST /api/v1/social/volunteers/{id:guid}/transfer"] = Change(Permissions.SocialRecord, Record.Volunteer, """{"toVolunteerId":"{volunteer}","minutes":1,"relation":"子女"}"""),
        ["GET /social/canteens"] = Page(Permissions.SocialRead),
        ["GET /social/canteens/{Id:guid}"] = Page(Permissions.SocialRead),
        ["GET /api/v1/social/canteens/"] = Api(Permissions.SocialRead),
        ["PUT /api/v1/social/canteens/{id:guid}/days"] = Change(Permissions.SocialRecord, Record.Canteen, """{"date":"{today}","dineIn":1,"delivery":0}"""),
        ["POST /api/v1/social/canteens/{id:guid}/meals"] = Change(Permissions.SocialRecord, Record.Canteen, """{"elderId":"{elder}","date":"{today}","mode":"DineIn"}"""),
        ["GET /api/v1/social/canteens/{id:guid}/statement"] = Api(Permissions.SocialRead, Record.Canteen),
        ["GET /api/v1/social/canteens/{id:guid}/statement.xlsx"] = Api(Permissions.SocialRead, Record.Canteen),
        ["GET /social/charities"] = Page(Permissions.SocialRead),
        ["GET /api/v1/social/charities/"] = Api(Permissions.SocialRead),
        ["POST /api/v1/social/charities/"] = Api(Permissions.SocialManage, body: "{}", allowed: HttpStatusCode.BadRequest),
        ["GET /api/v1/social/charities/{id:guid}"] = Api(Permissions.SocialRead, Record.Charity),
        ["POST /api/v1/social/charities/{id:guid}/activities"] = Change(Permissions.SocialRecord, Record.Charity, """{"date":"{today}","title":"慰问","beneficiaries":1}"""),
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
        ["GET /api/v1/card/cards/{id:guid}"] = Api(Permissions.CardRead, Record.Card),
        ["POST /api/v1/card/cards/{id:guid}/status"] = Change(Permissions.CardIssue, Record.Card, """{"status":"Active"}"""),
        ["POST /api/v1/card/cards/{id:guid}/replace"] = Change(Permissions.CardIssue, Record.Card),
        ["POST /api/v1/card/cards/{id:guid}/top-up"] = Change(Permissions.CardTopUp, Record.Card, """{"amount":10}"""),
        ["POST /api/v1/card/payments"] = Api(Permissions.CardPay, body: "{}", allowed: HttpStatusCode.BadRequest),
        ["POST /api/v1/card/payments/{id:guid}/refund"] = Change(Permissions.CardRefund, Record.Payment, """{"amount":0.01,"reason":"x"}"""),
        ["GET /api/v1/card/rules"] = Api(Permissions.CardRead),
        ["POST /api/v1/card/rules"] = Api(Permissions.CardAdmin, body: "{}", allowed: HttpStatusCode.BadRequest),
        ["POST /api/v1/card/crediting"] = Api(Permissions.CardAdmin, body: "{}", allowed: HttpStatusCode.BadRequest),
        ["POST /api/v1/card/expiry"] = Api(Permissions.CardAdmin, body: "{}", allowed: HttpStatusCode.BadRequest),
        ["GET /api/v1/card/statements/{elderId:guid}"] = Api(Permissions.CardRead, Record.Elder),
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
        ["GET /api/v1/reports/{id:guid}"] = Api(Permissions.ReportsRead, Record.Report),
        ["GET /api/v1/reports/{id:guid}/xlsx"] = Api(Permissions.ReportsRead, Record.Report) with { Inside = [HttpStatusCode.OK, HttpStatusCode.Conflict] },
        ["GET /api/v1/reports/{id:guid}/csv"] = Api(Permissions.ReportsRead, Record.Report) with { Inside = [HttpStatusCode.OK, HttpStatusCode.Conflict] },
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
        // An endpoint that names a record is tried with real ones, in and out of each user's scope: a dummy id would let a 404 pass as allowed.
        var withoutRecord = Rules.Where(r => r.Key.Contains(" /api/v1/", StringComparison.Ordinal) && r.Key.Contains('{', StringComparison.Ordinal)
            && r.Value.Access == Access.Permission && r.Value.Record == Record.None).Select(r => r.Key).ToList();
        Assert.True(withoutRecord.Count == 0, "Endpoints with an id but no record kind: " + string.Join(", ", withoutRecord));
    }

    [Fact]
    public async Task Each_role_gets_exactly_what_its_permissions_and_scope_allow()
    {
        var records = await Samples.FindAsync(factory.Services, TestContext.Current.CancellationToken);
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
            // Pages show a not-found view for an id they cannot see; they are given one id (the API below is where scope is proved).
            var samples = rule.Record == Record.None
                ? [new Sample(pattern.StartsWith("/organisations", StringComparison.Ordinal) ? records.Of(Record.Organisation)[0].Id : records.Of(Record.Elder)[0].Id, RegionCatalog.YinglunMingyuanCode)]
                : records.Of(rule.Record);

            foreach (var sample in samples)
            {
                var path = ReplaceParameters(pattern, sample.Id);

                var anon = await Send(anonymous, method, path, records.Fill(rule.Body, sample, "admin", rule));
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
                    var body = records.Fill(rule.Body, sample, user, rule);
                    var response = await Send(client, method, path, body);
                    var permitted = rule.Access != Access.Permission || Permissions.RoleGrants(RoleOf[user], rule.Permission!);
                    var visible = rule.Record == Record.None || records.Visible(user, rule, sample);
                    HttpStatusCode[] expected = !permitted ? (isApi ? [HttpStatusCode.Forbidden] : [HttpStatusCode.Redirect])
                        : visible ? rule.Inside
                        : [rule.Outside];
                    var what = $"{key} as {user} ({rule.Record} in {sample.Region}: {path})";
                    Check(failures, what, response, expected, !permitted && !isApi ? "/access-denied" : null);

                    if (permitted && !visible)
                    {
                        // Out of scope must be indistinguishable from an id that does not exist.
                        var missing = await Send(client, method, ReplaceParameters(pattern, Samples.Missing(rule.Record)), body);
                        if (missing.StatusCode != response.StatusCode)
                        {
                            failures.Add($"{what}: {(int)response.StatusCode} out of scope, {(int)missing.StatusCode} for an id that does not exist");
                        }
                    }
                }
            }
        }

        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures));
    }

    private sealed record Sample(string Id, string Region, Guid? Owner = null);

    private sealed record Row(Guid Id, string Region, Guid? Owner);

    /// <summary>
    /// Real records of every kind: one in 杨柳青镇 (in 英伦名苑社区 where there is one), one in 中北镇 (溪华苑社区 where there is
    /// one) and, where an account is bound to its own organisation or visits, one of 杨柳青镇 that is not theirs.
    /// </summary>
    private sealed class Samples
    {
        // A facility manager sees only their institution's records; a provider's worker only the orders given to them.
        private static readonly HashSet<Record> FacilityBound = [Record.Institution, Record.Bed, Record.Staff, Record.Hazard, Record.Evidence, Record.Complaint, Record.Alarm, Record.Device];

        private readonly Dictionary<Record, List<Sample>> samples = [];
        private readonly Dictionary<string, Dictionary<string, string>> companions = []; // by street: body placeholders
        private readonly List<string> volunteers = [];
        private Guid facilityOrganisation;
        private Guid worker;

        public List<Sample> Of(Record kind) => samples[kind];

        public static string Missing(Record kind) => kind == Record.Village ? "120111999999" : Guid.NewGuid().ToString();

        public bool Visible(string user, Rule rule, Sample sample) =>
            RegionScope.Contains(ScopeOf[user], sample.Region) && (user, rule.Record) switch
            {
                ("facility", var kind) when FacilityBound.Contains(kind) => sample.Owner == facilityOrganisation,
                // A worker's visit actions: the worker's own orders; anyone else acting with the permission has none.
                (_, Record.Order) when rule.Permission == Permissions.HomeServiceWork => user == "worker" && sample.Owner == worker,
                _ => true,
            };

        /// <summary>The body's placeholders: companions of the record's street, and <c>{region}</c>: the record's own region, or,
        /// for a record the user cannot see, a village of theirs (an attempt to pull the record into their scope).</summary>
        public string? Fill(string? body, Sample sample, string user, Rule rule)
        {
            if (body is null)
            {
                return null;
            }

            var today = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8));
            var street = sample.Region.StartsWith(RegionCatalog.ZhongbeiCode, StringComparison.Ordinal) ? RegionCatalog.ZhongbeiCode : RegionCatalog.YangliuqingCode;
            var values = new Dictionary<string, string>(companions[street])
            {
                ["region"] = Visible(user, rule, sample) ? sample.Region : user == "street2" ? RegionCatalog.XihuayuanCode : RegionCatalog.YinglunMingyuanCode,
                ["today"] = today.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
                ["start"] = today.AddDays(-1).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) + "T09:00:00",
                ["end"] = today.AddDays(-1).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) + "T10:00:00",
                ["unknownIdNumber"] = ChinaIdNumber.Create("120111", new DateOnly(1931, 7, 9), 987, Gender.Male),
                ["volunteer"] = volunteers.First(v => v != sample.Id),
            };
            return System.Text.RegularExpressions.Regex.Replace(body, @"\{(\w+)\}", m => values.TryGetValue(m.Groups[1].Value, out var v) ? v : m.Value);
        }

        /// <summary>The demo data has no such record in one of the streets (or none of another institution): made here, as the admin would.</summary>
        private async Task MakeAsync(IServiceProvider services, EldercareDbContext db, Guid adminId, Guid? workerProvider, CancellationToken ct)
        {
            var admin = new System.Security.Claims.ClaimsPrincipal(new System.Security.Claims.ClaimsIdentity(
                [
                    new(System.Security.Claims.ClaimTypes.NameIdentifier, adminId.ToString()), new(System.Security.Claims.ClaimTypes.Name, "admin"),
                    new(System.Security.Claims.ClaimTypes.Role, Roles.SystemAdmin), new(EldercareClaims.Region, RegionCatalog.DistrictCode), new(EldercareClaims.DisplayName, "admin"),
                ],
                "test"));
            async Task<T> Send<T>(Func<Mediator.IMediator, ValueTask<T>> send) where T : Result
            {
                await using var scope = services.CreateAsyncScope();
                scope.ServiceProvider.GetRequiredService<CurrentUser>().Set(admin);
                var result = await send(scope.ServiceProvider.GetRequiredService<Mediator.IMediator>());
                Assert.True(result.IsSuccess, result.Message);
                return result;
            }

            var now = DateTime.UtcNow;
            var today = DateOnly.FromDateTime(now.AddHours(8));
            var thisMonth = (today.Year * 100) + today.Month;
            var lastMonth = today.Month == 1 ? ((today.Year - 1) * 100) + 12 : thisMonth - 1;
            var elders = samples[Record.Elder].Select(e => Guid.Parse(e.Id)).ToList(); // 英伦名苑, 溪华苑
            var institutions = samples[Record.Institution]; // mine, 中北镇, another of 杨柳青镇
            var own = Guid.Parse(institutions[0].Id);
            var others = institutions.Skip(1).Select(i => Guid.Parse(i.Id)).ToList();

            db.Add(Alarm.Raise(AlarmType.Sos, AlarmSource.Staff, institutions[0].Region, null, own, null, now, null, "test", null));
            db.Add(Alarm.Raise(AlarmType.Sos, AlarmSource.Staff, RegionCatalog.YinglunMingyuanCode, elders[0], null, null, now, null, "test", null));
            db.Add(Alarm.Raise(AlarmType.Sos, AlarmSource.Staff, RegionCatalog.XihuayuanCode, elders[1], null, null, now, null, "test", null));
            foreach (var (elder, region) in new[] { (elders[0], RegionCatalog.YinglunMingyuanCode), (elders[1], RegionCatalog.XihuayuanCode) })
            {
                db.Add(new WelfareCheck { ElderId = elder, ElderName = "王秀英", RegionCode = region, Reason = CheckReason.NoActivity, RaisedAtUtc = now, EscalateAtUtc = now.AddHours(4) });
            }

            if (!await db.Organisations.InRegion(RegionCatalog.YangliuqingCode).AnyAsync(o => o.Type == OrganisationType.ServiceProvider && o.Id != workerProvider, ct))
            {
                db.Add(new Organisation { Name = "英伦名苑居家服务站", Type = OrganisationType.ServiceProvider, RegionCode = RegionCatalog.YinglunMingyuanCode, CreatedAtUtc = now });
                await db.SaveChangesAsync(ct);
            }

            foreach (var street in new[] { RegionCatalog.YangliuqingCode, RegionCatalog.ZhongbeiCode })
            {
                var provider = await db.Organisations.InRegion(street).Where(o => o.Type == OrganisationType.ServiceProvider).OrderBy(o => o.Id).FirstAsync(ct);
                db.Add(new Settlement { ProviderId = provider.Id, ProviderName = provider.Name, RegionCode = provider.RegionCode, Month = lastMonth });
            }

            await db.SaveChangesAsync(ct);

            await Send(m => m.Send(new RegisterDevice.Command("MATRIX-1", DeviceKind.SosButton, null, own), ct));
            await Send(m => m.Send(new RegisterDevice.Command("MATRIX-2", DeviceKind.SosButton, elders[0], null), ct));
            await Send(m => m.Send(new RegisterDevice.Command("MATRIX-3", DeviceKind.SosButton, elders[1], null), ct));
            var lunch = await db.Set<ServiceItem>().Where(i => i.Code == "MEAL-LUNCH").Select(i => i.Id).SingleAsync(ct);
            foreach (var elder in elders)
            {
                await Send(m => m.Send(new RequestOrder.Command(elder, lunch, 1, DateTimeOffset.UtcNow.AddHours(3), 60, SelfPayConsent: true), ct));
                await Send(m => m.Send(new RecordAway.Command(elder, today.AddDays(-20), null, "探亲"), ct));
            }

            var pdf = "%PDF-1.4\n%matrix\n"u8.ToArray();
            foreach (var institution in institutions.Select(i => Guid.Parse(i.Id)))
            {
                if (institution != own)
                {
                    await Send(m => m.Send(new AddBeds.Command(institution, "M-1"), ct));
                    await Send(m => m.Send(new SaveStaff.Command { OrganisationId = institution, Name = "李护理", Role = StaffRole.Carer }, ct));
                }

                var template = await db.Set<ChecklistTemplate>().OrderBy(t => t.Id).Select(t => t.Id).FirstAsync(ct);
                await Send(m => m.Send(new RecordInspection.Command
                {
                    OrganisationId = institution, TemplateId = template, Score = 80, Findings = [new() { Description = "灭火器过期" }], Evidence = [new Upload("evidence.pdf", pdf)],
                }, ct));
                await Send(m => m.Send(new RegisterComplaint.Command { OrganisationId = institution, Summary = "饭菜偏咸" }, ct));
            }

            await Send(m => m.Send(new GenerateAllowanceMonth.Command(thisMonth), ct));
            await Send(m => m.Send(new Enrol.Command(Guid.Parse(samples[Record.Activity][1].Id), elders[1]), ct));
            var card = (await Send(m => m.Send(new IssueCard.Command(elders[1]), ct))).Value;
            var number = await db.Set<ServiceCard>().Where(c => c.Id == card).Select(c => c.Number).SingleAsync(ct);
            await Send(m => m.Send(new TopUpCard.Command(card, 50, Guid.NewGuid()), ct));
            await Send(m => m.Send(new PayWithCard.Command(number, Guid.Parse(samples[Record.Canteen][1].Id), 5, Guid.NewGuid()), ct));
            await Send(m => m.Send(new RequestReport.Command("overall", lastMonth, RegionCatalog.YangliuqingCode), ct));
            await Send(m => m.Send(new RequestReport.Command("overall", lastMonth, RegionCatalog.ZhongbeiCode), ct));
        }

        public static async Task<Samples> FindAsync(IServiceProvider services, CancellationToken ct)
        {
            var found = new Samples();
            Guid adminId;
            Guid? workerProvider;
            await using var db = await services.GetRequiredService<IDbContextFactory<EldercareDbContext>>().CreateDbContextAsync(ct);
            await using (var scope = services.CreateAsyncScope())
            {
                var users = scope.ServiceProvider.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<AppUser>>();
                found.facilityOrganisation = (await users.FindByNameAsync("facility"))!.OrganisationId ?? Guid.Empty;
                found.worker = (await users.FindByNameAsync("worker"))!.Id;
                adminId = (await users.FindByNameAsync("admin"))!.Id;
                workerProvider = (await users.FindByNameAsync("worker"))!.OrganisationId;
            }

            var missing = new List<string>();
            async Task Add(Record kind, Func<string, IQueryable<Row>> rows)
            {
                var inYangliuqing = await rows(RegionCatalog.YangliuqingCode).Take(500).ToListAsync(ct);
                var inZhongbei = await rows(RegionCatalog.ZhongbeiCode).Take(500).ToListAsync(ct);
                var ownerOfMine = FacilityBound.Contains(kind) ? found.facilityOrganisation : kind == Record.Order ? found.worker : (Guid?)null;
                var list = new List<Row?>
                {
                    Prefer(inYangliuqing.Where(r => ownerOfMine is null || r.Owner == ownerOfMine), RegionCatalog.YinglunMingyuanCode),
                    Prefer(inZhongbei, RegionCatalog.XihuayuanCode),
                };
                if (ownerOfMine is not null)
                {
                    list.Add(Prefer(inYangliuqing.Where(r => r.Owner != ownerOfMine), RegionCatalog.YinglunMingyuanCode));
                }

                if (list.Any(r => r is null))
                {
                    missing.Add($"{kind} [{string.Join(", ", list.Select(r => r is null ? "none" : "ok"))}]");
                }

                found.samples[kind] = [.. list.OfType<Row>().Select(r => new Sample(r.Id.ToString(), r.Region, r.Owner))];
            }

            static Row? Prefer(IEnumerable<Row> rows, string village) =>
                rows.OrderBy(r => r.Region.StartsWith(village, StringComparison.Ordinal) ? 0 : 1).ThenBy(r => r.Id).FirstOrDefault();

            string Village(string street) => street == RegionCatalog.YangliuqingCode ? RegionCatalog.YinglunMingyuanCode : RegionCatalog.XihuayuanCode;

            await Add(Record.Elder, s => db.Elders.InScope(Village(s)).Where(e => e.Status == ElderStatus.Active).Select(e => new Row(e.Id, e.RegionCode, null)));
            await Add(Record.Organisation, s => db.Organisations.InRegion(Village(s)).Select(o => new Row(o.Id, o.RegionCode, null)));
            await Add(Record.Institution, s => db.Organisations.InRegion(s).Where(o => o.Type == OrganisationType.Institution || o.Type == OrganisationType.DayCareCentre)
                .Select(o => new Row(o.Id, o.RegionCode, o.Id)));
            await Add(Record.Activity, s => db.Set<Activity>().InRegion(s).Select(x => new Row(x.Id, x.RegionCode, null)));
            await Add(Record.Canteen, s => db.Organisations.InRegion(s).Where(o => o.Type == OrganisationType.Canteen).Select(o => new Row(o.Id, o.RegionCode, null)));
            await found.MakeAsync(services, db, adminId, workerProvider, ct);
            await Add(Record.Alarm, s => db.Set<Alarm>().InRegion(s).Select(a => new Row(a.Id, a.RegionCode, a.OrganisationId)));
            await Add(Record.Device, s => db.Set<Device>().InRegion(s).Select(d => new Row(d.Id, d.RegionCode, d.OrganisationId)));
            // The worker's own orders, and orders not yet given to any provider (so not the worker's provider's either).
            await Add(Record.Order, s => db.Set<ServiceOrder>().InRegion(s).Where(o => o.WorkerId == found.worker || o.ProviderId == null).Select(o => new Row(o.Id, o.RegionCode, o.WorkerId)));
            await Add(Record.Settlement, s => db.Set<Settlement>().InRegion(s).Select(x => new Row(x.Id, x.RegionCode, null)));
            await Add(Record.Bed, s => db.Set<Bed>().InRegion(s).Select(x => new Row(x.Id, x.RegionCode, x.OrganisationId)));
            await Add(Record.Staff, s => db.Set<StaffMember>().InRegion(s).Select(x => new Row(x.Id, x.RegionCode, x.OrganisationId)));
            await Add(Record.Hazard, s => db.Set<Hazard>().InRegion(s).Select(x => new Row(x.Id, x.RegionCode, x.OrganisationId)));
            await Add(Record.Evidence, s => db.Set<EvidenceFile>().InRegion(s).Select(x => new Row(x.Id, x.RegionCode, x.OrganisationId)));
            await Add(Record.Complaint, s => db.Set<Complaint>().InRegion(s).Select(x => new Row(x.Id, x.RegionCode, x.OrganisationId)));
            await Add(Record.WelfareCheck, s => db.Set<WelfareCheck>().InRegion(s).Select(x => new Row(x.Id, x.RegionCode, null)));
            await Add(Record.Away, s => db.Set<AwayPeriod>().InRegion(s).Select(x => new Row(x.Id, x.RegionCode, null)));
            await Add(Record.Visit, s => db.Set<Visit>().InRegion(s).Where(v => v.Status == VisitStatus.Planned).Select(x => new Row(x.Id, x.RegionCode, null)));
            await Add(Record.AllowanceList, s => db.Set<AllowanceList>().InRegion(s).Select(x => new Row(x.Id, x.RegionCode, null)));
            await Add(Record.Enrolment, s => db.Set<Enrolment>().InRegion(s).Select(x => new Row(x.Id, x.RegionCode, null)));
            await Add(Record.Session, s => db.Set<Activity>().InRegion(s).SelectMany(a => db.Set<ActivitySession>().Where(x => x.ActivityId == a.Id), (a, x) => new Row(x.Id, a.RegionCode, null)));
            await Add(Record.Volunteer, s => db.Set<Volunteer>().InRegion(s).Select(x => new Row(x.Id, x.RegionCode, null)));
            await Add(Record.Hours, s => db.Set<ServiceRecord>().InRegion(s).Select(x => new Row(x.Id, x.RegionCode, null)));
            await Add(Record.Resource, s => db.Set<ServiceResource>().InRegion(s).Select(x => new Row(x.Id, x.RegionCode, null)));
            await Add(Record.Charity, s => db.Set<Charity>().InRegion(s).Select(x => new Row(x.Id, x.RegionCode, null)));
            await Add(Record.Card, s => db.Set<ServiceCard>().InRegion(s).Select(x => new Row(x.Id, x.RegionCode, null)));
            await Add(Record.Payment, s => db.Set<LedgerEntry>().InRegion(s).Where(e => e.Kind == EntryKind.Payment).Select(x => new Row(x.Id, x.RegionCode, null)));
            await Add(Record.Report, s => db.Set<ReportRun>().InRegion(s).Select(x => new Row(x.Id, x.RegionCode, null)));
            found.samples[Record.Village] = [new(RegionCatalog.YinglunMingyuanCode, RegionCatalog.YinglunMingyuanCode), new(RegionCatalog.XihuayuanCode, RegionCatalog.XihuayuanCode)];
            Assert.True(missing.Count == 0, "No record of: " + string.Join("; ", missing));

            found.volunteers.AddRange(found.samples[Record.Volunteer].Select(v => v.Id));
            var template = (await db.Set<ChecklistTemplate>().Select(t => t.Id).FirstAsync(ct)).ToString();
            foreach (var street in new[] { RegionCatalog.YangliuqingCode, RegionCatalog.ZhongbeiCode })
            {
                var i = street == RegionCatalog.YangliuqingCode ? 0 : 1;
                var visit = Guid.Parse(found.samples[Record.Visit][i].Id);
                found.companions[street] = new()
                {
                    ["elder"] = found.samples[Record.Elder][i].Id,
                    ["activity"] = found.samples[Record.Activity][i].Id,
                    // Not the worker's provider: a dispatch to it would give the worker orders this test counts as not theirs.
                    ["provider"] = (await db.Organisations.InRegion(street).Where(o => o.Type == OrganisationType.ServiceProvider && o.Id != workerProvider)
                        .OrderBy(o => o.Id).Select(o => o.Id).FirstAsync(ct)).ToString(),
                    // Another planned visit of the record's village than the one recorded as done (assigning needs it planned).
                    ["visit"] = (await db.Set<Visit>().InRegion(street).Where(v => v.Status == VisitStatus.Planned && v.Id != visit)
                        .OrderByDescending(v => v.Id).Select(v => v.Id).FirstAsync(ct)).ToString(),
                    ["template"] = template,
                };
            }

            return found;
        }
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

    private static string ReplaceParameters(string pattern, string id) =>
        System.Text.RegularExpressions.Regex.Replace(pattern, @"\{(\w+)[^}]*\}", m => m.Groups[1].Value switch
        {
            "documentName" => "v1",
            _ => id,
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
}
