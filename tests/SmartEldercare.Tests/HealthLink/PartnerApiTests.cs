using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Claims;
using System.Text.Json;
using Mediator;
using SmartEldercare.Platform.Common;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SmartEldercare.Emergency.Alarms;
using SmartEldercare.Emergency.Features.Alarms;
using SmartEldercare.HealthLink;
using SmartEldercare.HealthLink.Features;
using SmartEldercare.HealthLink.Partners;
using SmartEldercare.Platform.Auditing;
using SmartEldercare.Platform.Elders;
using SmartEldercare.Platform.Identity;
using SmartEldercare.Platform.Persistence;
using SmartEldercare.Platform.Regions;
using SmartEldercare.Tests.Infrastructure;
using SmartEldercare.Welfare.Visits;

namespace SmartEldercare.Tests.HealthLink;

/// <summary>The health department's partner API: credentials, contract, idempotence, unmatched IDs, and the effects on the other modules.</summary>
public sealed class PartnerApiTests(EldercareWebFactory factory) : IClassFixture<EldercareWebFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<HttpClient> PartnerAsync(WebApplicationFactory<Program>? app = null, string clientId = HealthLinkDemoData.DemoClientId, string secret = HealthLinkDemoData.DemoSecret)
    {
        var client = (app ?? factory).CreateClient();
        var response = await client.PostAsJsonAsync("/api/v1/partner/token",
            new { grant_type = "client_credentials", client_id = clientId, client_secret = secret }, Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var token = (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("access_token").GetString();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    private async Task<T> As<T>(ClaimsPrincipal user, Func<IMediator, ValueTask<T>> send)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<CurrentUser>().Set(user);
        return await send(scope.ServiceProvider.GetRequiredService<IMediator>());
    }

    private async Task<T> Db<T>(Func<EldercareDbContext, Task<T>> query)
    {
        await using var db = await factory.Services.GetRequiredService<IDbContextFactory<EldercareDbContext>>().CreateDbContextAsync(Ct);
        return await query(db);
    }

    /// <summary>A new 82-year-old in 英伦名苑 (the demo `village`), with the ID number the health system knows her by.</summary>
    private async Task<(Guid Id, string IdNumber)> NewElderAsync()
    {
        var command = NewElder.Command();
        var saved = await As(TestUsers.District, m => m.Send(command, Ct));
        Assert.True(saved.IsSuccess, saved.Message);
        return (saved.Value, command.IdNumber!);
    }

    private static object Event(string type, string idNumber, string? eventId = null, string? occurredOn = null) => new
    {
        eventId = eventId ?? "HIS-" + Guid.NewGuid().ToString("N")[..12],
        type,
        idNumber,
        occurredOn = occurredOn ?? DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8)).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
        facility = "西青医院",
    };

    [Fact]
    public async Task Only_a_partner_with_valid_credentials_gets_a_token_and_only_a_valid_token_posts()
    {
        var anonymous = factory.CreateClient();
        var wrong = await anonymous.PostAsJsonAsync("/api/v1/partner/token", new { grant_type = "client_credentials", client_id = HealthLinkDemoData.DemoClientId, client_secret = "guess" }, Ct);
        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        Assert.Equal("application/problem+json", wrong.Content.Headers.ContentType?.MediaType);
        var grant = await anonymous.PostAsJsonAsync("/api/v1/partner/token", new { grant_type = "password", client_id = "x", client_secret = "y" }, Ct);
        Assert.Equal(HttpStatusCode.BadRequest, grant.StatusCode);
        using var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials", ["client_id"] = HealthLinkDemoData.DemoClientId, ["client_secret"] = HealthLinkDemoData.DemoSecret,
        });
        Assert.Equal(HttpStatusCode.OK, (await anonymous.PostAsync(new Uri("/api/v1/partner/token", UriKind.Relative), form, Ct)).StatusCode);

        var (_, idNumber) = await NewElderAsync();
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PostAsJsonAsync("/api/v1/partner/health/events", Event("admission", idNumber), Ct)).StatusCode);
        anonymous.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "not-a-token");
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PostAsJsonAsync("/api/v1/partner/health/events", Event("admission", idNumber), Ct)).StatusCode);

        // A staff bearer token is not a partner token.
        var staff = await factory.ClientFor("district");
        Assert.Equal(HttpStatusCode.Unauthorized, (await staff.PostAsJsonAsync("/api/v1/partner/health/events", Event("admission", idNumber), Ct)).StatusCode);
    }

    [Fact]
    public async Task An_admission_opens_one_hospital_stay_and_a_replay_answers_the_first_result_and_changes_nothing()
    {
        var partner = await PartnerAsync();
        var (elderId, idNumber) = await NewElderAsync();
        var admission = Event("admission", idNumber, "HIS-ADM-1");

        var first = await partner.PostAsJsonAsync("/api/v1/partner/health/events", admission, Ct);
        Assert.Equal(HttpStatusCode.Accepted, first.StatusCode);
        var body = await first.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal(PartnerEventStatus.Applied, await Db(db => db.Set<PartnerEvent>().Where(e => e.EventId == "HIS-ADM-1").Select(e => e.Status).SingleAsync(Ct)));

        var replay = await partner.PostAsJsonAsync("/api/v1/partner/health/events", admission, Ct);
        Assert.Equal(HttpStatusCode.OK, replay.StatusCode);
        var again = await replay.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.True(again.GetProperty("duplicate").GetBoolean());
        Assert.Equal(body.GetProperty("id").GetGuid(), again.GetProperty("id").GetGuid());

        var today = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8));
        var stays = await factory.Services.GetRequiredService<IHospitalStays>().OverlappingAsync([elderId], today, today, Ct);
        var stay = Assert.Single(stays);
        Assert.Null(stay.To);
        Assert.Equal(1, await Db(db => db.Set<PartnerEvent>().CountAsync(e => e.EventId == "HIS-ADM-1", Ct)));

        // The audit trail names the partner and the event, never the ID number.
        var audit = await Db(db => db.Set<AuditEntry>().Where(a => a.Action == "partner.event" && a.RecordId == body.GetProperty("id").GetGuid().ToString()).ToListAsync(Ct));
        var entry = Assert.Single(audit);
        Assert.Equal("partner:" + HealthLinkDemoData.DemoClientId, entry.UserName);
        Assert.DoesNotContain(idNumber, entry.Detail ?? string.Empty, StringComparison.Ordinal);
    }

    private async Task<HttpClient> NewPartnerAsync(string clientId, PartnerCapabilities grants, string? region = null)
    {
        var created = await As(TestUsers.District, m => m.Send(new CreatePartnerClient.Command(clientId, "测试合作方 " + clientId, grants, region), Ct));
        Assert.True(created.IsSuccess, created.Message);
        return await PartnerAsync(clientId: clientId, secret: created.Value!);
    }

    [Fact]
    public async Task A_partner_posts_only_what_it_is_granted_and_matches_only_elders_of_its_region()
    {
        var (elderId, idNumber) = await NewElderAsync(); // 英伦名苑, 杨柳青镇
        var admissionsOnly = await NewPartnerAsync("grant-admissions", PartnerCapabilities.PostAdmissions);
        var zhongbeiOnly = await NewPartnerAsync("grant-zhongbei", PartnerCapabilities.All, RegionCatalog.ZhongbeiCode);

        Assert.Equal(HttpStatusCode.Forbidden, (await admissionsOnly.PostAsJsonAsync("/api/v1/partner/health/events", Event("death", idNumber), Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await admissionsOnly.GetAsync(new Uri("/api/v1/partner/health/hospital-transfers", UriKind.Relative), Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, (await admissionsOnly.PostAsJsonAsync("/api/v1/partner/health/events", Event("admission", idNumber, "GRANT-ADM-1"), Ct)).StatusCode);

        // The other street's partner: the same answer, but the elder of 杨柳青镇 is not matched for it.
        var elsewhere = await zhongbeiOnly.PostAsJsonAsync("/api/v1/partner/health/events", Event("admission", idNumber, "GRANT-ZB-1"), Ct);
        Assert.Equal(HttpStatusCode.Accepted, elsewhere.StatusCode);
        var events = await Db(db => db.Set<PartnerEvent>().Where(e => e.EventId == "GRANT-ADM-1" || e.EventId == "GRANT-ZB-1").ToDictionaryAsync(e => e.EventId, Ct));
        Assert.Equal(elderId, events["GRANT-ADM-1"].ElderId);
        Assert.Null(events["GRANT-ZB-1"].ElderId);
        Assert.Equal(PartnerEventStatus.Unmatched, events["GRANT-ZB-1"].Status);
    }

    [Fact]
    public async Task Rotating_or_disabling_a_partner_ends_the_tokens_it_was_given()
    {
        var rotated = await NewPartnerAsync("rotate-me", PartnerCapabilities.All);
        var disabled = await NewPartnerAsync("disable-me", PartnerCapabilities.All);
        var transfers = new Uri("/api/v1/partner/health/hospital-transfers", UriKind.Relative);
        Assert.Equal(HttpStatusCode.OK, (await rotated.GetAsync(transfers, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await disabled.GetAsync(transfers, Ct)).StatusCode);

        var clients = await As(TestUsers.District, m => m.Send(new ListPartnerClients.Query(), Ct));
        var (r, d) = (clients.Single(c => c.ClientId == "rotate-me"), clients.Single(c => c.ClientId == "disable-me"));
        Assert.True((await As(TestUsers.District, m => m.Send(new RotatePartnerSecret.Command(r.Id, r.Version), Ct))).IsSuccess);
        Assert.True((await As(TestUsers.District, m => m.Send(new SetPartnerEnabled.Command(d.Id, false, d.Version), Ct))).IsSuccess);

        Assert.Equal(HttpStatusCode.Unauthorized, (await rotated.GetAsync(transfers, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await disabled.GetAsync(transfers, Ct)).StatusCode);
    }

    [Fact]
    public async Task A_discharge_ends_the_stay_and_the_welfare_module_plans_a_visit_within_a_day()
    {
        var partner = await PartnerAsync();
        var (elderId, idNumber) = await NewElderAsync();
        var today = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8));
        var day = (DateOnly d) => d.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(HttpStatusCode.Accepted, (await partner.PostAsJsonAsync("/api/v1/partner/health/events", Event("admission", idNumber, occurredOn: day(today.AddDays(-5))), Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, (await partner.PostAsJsonAsync("/api/v1/partner/health/events", Event("discharge", idNumber, occurredOn: day(today)), Ct)).StatusCode);

        var stay = Assert.Single(await factory.Services.GetRequiredService<IHospitalStays>().OverlappingAsync([elderId], today.AddDays(-30), today, Ct));
        Assert.Equal((today.AddDays(-5), today), (stay.From, stay.To));

        await factory.Services.GetRequiredService<VisitScheduler>().PlanAsync("120111", Ct);
        var visit = Assert.Single(await Db(db => db.Set<Visit>().Where(v => v.ElderId == elderId && v.Reason == VisitReason.Discharge).ToListAsync(Ct)));
        Assert.True(visit.DueDate <= today.AddDays(1), $"due {visit.DueDate}");
    }

    [Fact]
    public async Task An_unknown_ID_number_is_recorded_as_unmatched_for_the_district_and_nothing_is_guessed()
    {
        var partner = await PartnerAsync();
        var stranger = NewElder.IdNumber(new DateOnly(1939, 1, 2)); // valid, but nobody registered it
        var response = await partner.PostAsJsonAsync("/api/v1/partner/health/events", Event("admission", stranger), Ct);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        // The answer is the same as for a registered elder: it does not tell whether the ID number is known.
        Assert.Equal(["duplicate", "id"], body.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));

        var id = body.GetProperty("id").GetGuid();
        var forDistrict = await As(TestUsers.District, m => m.Send(new ListPartnerEvents.Query(PartnerEventStatus.Unmatched), Ct));
        var seen = Assert.Single(forDistrict, e => e.Id == id);
        Assert.Null(seen.ElderId);
        Assert.Equal("**************" + stranger[^4..], seen.IdNumberMasked);
        Assert.DoesNotContain(await As(TestUsers.Village, m => m.Send(new ListPartnerEvents.Query(), Ct)), e => e.Id == id);

        var dismissed = await As(TestUsers.District, m => m.Send(new DismissUnmatched.Command(id, "非本区户籍", seen.Version), Ct));
        Assert.True(dismissed.IsSuccess, dismissed.Message);
        Assert.Equal(PartnerEventStatus.Dismissed, await Db(db => db.Set<PartnerEvent>().Where(e => e.Id == id).Select(e => e.Status).SingleAsync(Ct)));
    }

    [Fact]
    public async Task A_reported_death_changes_nothing_until_village_staff_confirm_it_and_other_streets_cannot()
    {
        var partner = await PartnerAsync();
        var (elderId, idNumber) = await NewElderAsync();
        var response = await partner.PostAsJsonAsync("/api/v1/partner/health/events", Event("death", idNumber), Ct);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var id = (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("id").GetGuid();
        Assert.Equal(ElderStatus.Active, await Db(db => db.Elders.Where(e => e.Id == elderId).Select(e => e.Status).SingleAsync(Ct)));

        var pending = Assert.Single(await As(TestUsers.Village, m => m.Send(new ListPartnerEvents.Query(PartnerEventStatus.AwaitingConfirmation), Ct)), e => e.Id == id);
        var outsider = await As(TestUsers.Street2, m => m.Send(new ConfirmDeath.Command(id, pending.Version), Ct));
        Assert.Equal(ResultStatus.NotFound, outsider.Status);

        var confirmed = await As(TestUsers.Village, m => m.Send(new ConfirmDeath.Command(id, pending.Version), Ct));
        Assert.True(confirmed.IsSuccess, confirmed.Message);
        Assert.Equal(ElderStatus.Deceased, await Db(db => db.Elders.Where(e => e.Id == elderId).Select(e => e.Status).SingleAsync(Ct)));
        var twice = await As(TestUsers.Village, m => m.Send(new ConfirmDeath.Command(id, pending.Version), Ct));
        Assert.Equal(ResultStatus.Conflict, twice.Status);
    }

    [Fact]
    public async Task Malformed_events_are_refused_with_a_problem_for_each_field_and_nothing_is_stored()
    {
        var partner = await PartnerAsync();
        var (_, idNumber) = await NewElderAsync();
        var badCheckDigit = idNumber[..17] + (idNumber[17] == '1' ? "2" : "1");
        var before = await Db(db => db.Set<PartnerEvent>().CountAsync(Ct));

        var response = await partner.PostAsJsonAsync("/api/v1/partner/health/events",
            new { eventId = "", type = "birth", idNumber = badCheckDigit, occurredOn = "2099-01-01" }, Ct);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("errors");
        foreach (var field in new[] { "eventId", "type", "idNumber", "occurredOn" })
        {
            Assert.True(errors.TryGetProperty(field, out _), field);
        }

        using var notJson = new StringContent("{ not json", System.Text.Encoding.UTF8, "application/json");
        Assert.Equal(HttpStatusCode.BadRequest, (await partner.PostAsync(new Uri("/api/v1/partner/health/events", UriKind.Relative), notJson, Ct)).StatusCode);
        Assert.Equal(before, await Db(db => db.Set<PartnerEvent>().CountAsync(Ct)));
    }

    [Fact]
    public async Task Alarms_that_ended_in_a_hospital_transfer_are_fed_out_with_the_ID_number_and_the_disclosure_is_audited()
    {
        var (elderId, idNumber) = await NewElderAsync();
        var raised = await As(TestUsers.District, m => m.Send(new RaiseAlarm.Command(elderId, AlarmType.Fall, "家属来电"), Ct));
        Assert.True(raised.IsSuccess, raised.Message);
        var since = DateTime.UtcNow.AddSeconds(-1);
        // Answered by a responder, not by the operator who raised it.
        Assert.True((await As(TestUsers.Responder, m => m.Send(new AcknowledgeAlarm.Command(raised.Value), Ct))).IsSuccess);
        Assert.True((await As(TestUsers.Responder, m => m.Send(new ResolveAlarm.Command(raised.Value, AlarmOutcome.SentToHospital, "120送西青医院"), Ct))).IsSuccess);
        // A manual alarm its raiser also closed as "sent to hospital" does not send the elder's ID number to partners.
        var alone = await As(TestUsers.District, m => m.Send(new RaiseAlarm.Command(elderId, AlarmType.Fall, "自报自结"), Ct));
        Assert.True((await As(TestUsers.District, m => m.Send(new AcknowledgeAlarm.Command(alone.Value), Ct))).IsSuccess);
        Assert.True((await As(TestUsers.District, m => m.Send(new ResolveAlarm.Command(alone.Value, AlarmOutcome.SentToHospital, "120"), Ct))).IsSuccess);

        var partner = await PartnerAsync();
        var feed = await partner.GetFromJsonAsync<JsonElement>($"/api/v1/partner/health/hospital-transfers?after={since:O}", Ct);
        Assert.DoesNotContain(feed.EnumerateArray(), i => i.GetProperty("alarmId").GetGuid() == alone.Value);
        var item = Assert.Single(feed.EnumerateArray(), i => i.GetProperty("alarmId").GetGuid() == raised.Value);
        Assert.Equal(idNumber, item.GetProperty("idNumber").GetString());
        var disclosure = await Db(db => db.Set<AuditEntry>().Where(a => a.Action == "partner.transfers").OrderByDescending(a => a.Sequence).FirstAsync(Ct));
        Assert.Contains(raised.Value.ToString(), disclosure.Detail, StringComparison.Ordinal);
        Assert.DoesNotContain(idNumber, disclosure.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_partner_over_its_rate_limit_gets_429_with_retry_after()
    {
        await using var limited = factory.WithWebHostBuilder(b => b.UseSetting("HealthLink:RequestsPerMinute", "3"));
        var partner = await PartnerAsync(limited);
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 5; i++)
        {
            statuses.Add((await partner.GetAsync(new Uri("/api/v1/partner/health/hospital-transfers", UriKind.Relative), Ct)).StatusCode);
        }

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests, HttpStatusCode.TooManyRequests], statuses);
        var refused = await partner.GetAsync(new Uri("/api/v1/partner/health/hospital-transfers", UriKind.Relative), Ct);
        Assert.NotNull(refused.Headers.RetryAfter);
    }
}
