using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Http.HttpResults;
using SmartEldercare.HealthLink.Partners;
using SmartEldercare.Platform.Auditing;
using SmartEldercare.Platform.Elders;
using SmartEldercare.Platform.Privacy;

namespace SmartEldercare.HealthLink.Features;

/// <summary>Issues and checks partner access tokens (OAuth 2 client credentials), and limits each client's rate.</summary>
public sealed class PartnerTokens : IDisposable
{
    private readonly ITimeLimitedDataProtector protector;
    private readonly HealthLinkOptions options;
    private readonly PartitionedRateLimiter<string> limiter;

    public PartnerTokens(IDataProtectionProvider provider, HealthLinkOptions options)
    {
        protector = provider.CreateProtector("SmartEldercare.HealthLink.Token.v1").ToTimeLimitedDataProtector();
        this.options = options;
        limiter = PartitionedRateLimiter.Create<string, string>(key => RateLimitPartition.GetFixedWindowLimiter(key,
            _ => new FixedWindowRateLimiterOptions { PermitLimit = Math.Max(1, options.RequestsPerMinute), Window = TimeSpan.FromMinutes(1), QueueLimit = 0 }));
    }

    public TimeSpan Lifetime => TimeSpan.FromMinutes(Math.Max(1, options.TokenMinutes));

    /// <summary>A token for the client as it is now: a rotation or a disabling (each bumps <see cref="PartnerClient.Version"/>) ends it.</summary>
    public string Issue(PartnerClient client) => protector.Protect(string.Create(CultureInfo.InvariantCulture, $"{client.ClientId}\n{client.Version}"), Lifetime);

    /// <summary>The client id and client version of a valid, unexpired token; null otherwise.</summary>
    public (string ClientId, int Version)? ClientOf(string token)
    {
        try
        {
            var parts = protector.Unprotect(token).Split('\n');
            return parts.Length == 2 && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var version) ? (parts[0], version) : null;
        }
        catch (CryptographicException)
        {
            return null;
        }
    }

    public bool Allow(string key)
    {
        using var lease = limiter.AttemptAcquire(key);
        return lease.IsAcquired;
    }

    public void Dispose() => limiter.Dispose();
}

/// <summary>
/// The health department's partner API under <c>/api/v1/partner/health</c>: hospital admissions, discharges, deaths and
/// family-doctor contracts in; hospital transfers out. Authenticated by client credentials, rate-limited, audited.
/// </summary>
public static class PartnerApi
{
    public const string EventsDescription =
        "Authorization: `Bearer {access_token}` from `POST /api/v1/partner/token`. Body: `{ eventId, type, idNumber, occurredOn, facility?, doctor?, endsOn?, note? }` — " +
        "`type` is `admission`, `discharge`, `death` or `family_doctor_contract`; `idNumber` the 18-character resident ID; `occurredOn` a date (yyyy-MM-dd). " +
        "The elder is matched by the keyed hash of the ID number (never logged in plain). Effects: an admission opens a hospital stay (visits and the " +
        "wellbeing watch's inactivity checks are suppressed meanwhile); a discharge ends it, and the welfare module plans a visit within 24 hours; " +
        "a death waits for village staff to confirm it (nothing is applied blindly); a contract is recorded. An ID number matching no elder of the " +
        "client's region is recorded as unmatched for review; the answer is the same either way (202 with the event's id), so the API never tells " +
        "whether an ID number is registered. Each client posts only the event types it is granted (403 otherwise). Idempotent on eventId per client: " +
        "a replay answers 200 (`duplicate: true`) and changes nothing. 400 for a malformed body, 401 without a valid token (a rotated secret or a " +
        "disabled client ends its tokens), 429 over the rate limit.\n\n" +
        "Example: `{ \"eventId\": \"HIS-20261128-0001\", \"type\": \"admission\", \"idNumber\": \"120111194503150021\", \"occurredOn\": \"2026-11-28\", \"facility\": \"西青医院\" }` → " +
        "`202 { \"id\": \"…\", \"duplicate\": false }`.";

    private static readonly Dictionary<string, PartnerEventType> Types = new(StringComparer.Ordinal)
    {
        ["admission"] = PartnerEventType.Admission,
        ["discharge"] = PartnerEventType.Discharge,
        ["death"] = PartnerEventType.Death,
        ["family_doctor_contract"] = PartnerEventType.FamilyDoctorContract,
    };

    public static void MapHealthLinkPartnerApi(this IEndpointRouteBuilder api)
    {
        var partner = api.MapGroup("/partner").WithTags("Health department partner").AllowAnonymous();
        partner.MapPost("/token", TokenAsync)
            .WithSummary("Access token for a partner client (OAuth 2 client credentials)")
            .WithDescription("Form or JSON: `grant_type=client_credentials`, `client_id`, `client_secret`. Answers `{ access_token, token_type: \"Bearer\", expires_in }` (seconds). " +
                "401 for unknown, disabled or wrong credentials; 429 over the rate limit. Example: `{ \"grant_type\": \"client_credentials\", \"client_id\": \"xq-health\", \"client_secret\": \"…\" }`.")
            .Produces<TokenResponse>()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);
        partner.MapPost("/health/events", EventAsync)
            .WithSummary("Post a hospital admission, discharge, death or family-doctor contract")
            .WithDescription(EventsDescription)
            .Accepts<PartnerEventBody>("application/json")
            .Produces<PartnerEventAccepted>(StatusCodes.Status202Accepted)
            .Produces<PartnerEventAccepted>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);
        partner.MapGet("/health/hospital-transfers", TransfersAsync)
            .WithSummary("Alarms that ended with the elder sent to hospital / 120, closed after `after` (UTC), oldest first")
            .WithDescription("Query: `after` (ISO 8601, default 24 hours ago), `take` (1–500, default 100). Each item carries the elder's ID number, so " +
                "the health system can match its own records; every call is audited. Only transfers of the client's region, and only for a client granted " +
                "this feed (403 otherwise). Page on by passing the last item's `closedAt` as `after`.")
            .Produces<IReadOnlyList<TransferItem>>()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);
    }

    /// <param name="EventId">The partner's own id of the event (idempotency key, at most 64 characters).</param>
    /// <param name="Type">admission, discharge, death or family_doctor_contract.</param>
    /// <param name="IdNumber">The elder's 18-character resident ID number.</param>
    /// <param name="OccurredOn">The day it happened (yyyy-MM-dd).</param>
    /// <param name="Facility">Hospital or clinic.</param>
    /// <param name="Doctor">Family doctor (contracts).</param>
    /// <param name="EndsOn">End of a contract.</param>
    /// <param name="Note">Free text, at most 200 characters.</param>
    public sealed record PartnerEventBody(string EventId, string Type, string IdNumber, DateOnly OccurredOn, string? Facility, string? Doctor, DateOnly? EndsOn, string? Note);

    /// <summary>Received (or already received): nothing tells whether the ID number belongs to a registered elder.</summary>
    public sealed record PartnerEventAccepted(Guid Id, bool Duplicate);

    public sealed record TokenResponse(string access_token, string token_type, int expires_in);

    public sealed record TransferItem(Guid AlarmId, string IdNumber, string AlarmType, DateTime RaisedAt, DateTime ClosedAt, string RegionCode);

    private static ProblemHttpResult Unauthorized(IStringLocalizer<Strings> l) =>
        TypedResults.Problem(statusCode: StatusCodes.Status401Unauthorized, title: l["HealthLink.Api.Unauthorized"]);

    private static ProblemHttpResult TooMany(HttpContext http, IStringLocalizer<Strings> l)
    {
        http.Response.Headers.RetryAfter = "60";
        return TypedResults.Problem(statusCode: StatusCodes.Status429TooManyRequests, title: l["HealthLink.Api.TooMany"]);
    }

    private static async Task<IResult> TokenAsync(HttpContext http, PartnerTokens tokens, IDbContextFactory<EldercareDbContext> dbs, AuditTrail audit, IStringLocalizer<Strings> l, CancellationToken ct)
    {
        var address = http.Connection.RemoteIpAddress?.ToString() ?? "unknown";
        if (!tokens.Allow("token:" + address))
        {
            return TooMany(http, l);
        }

        string? grant, clientId, secret;
        try
        {
            if (http.Request.HasFormContentType)
            {
                var form = await http.Request.ReadFormAsync(ct);
                (grant, clientId, secret) = (form["grant_type"], form["client_id"], form["client_secret"]);
            }
            else
            {
                using var json = await JsonDocument.ParseAsync(http.Request.Body, cancellationToken: ct);
                (grant, clientId, secret) = (Text(json.RootElement, "grant_type"), Text(json.RootElement, "client_id"), Text(json.RootElement, "client_secret"));
            }
        }
        catch (Exception ex) when (ex is JsonException or InvalidDataException or InvalidOperationException)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["body"] = [l["HealthLink.Api.Body"]] }, title: l["Api.Invalid"]);
        }

        if (grant != "client_credentials")
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["grant_type"] = [l["HealthLink.Api.Grant"]] }, title: l["Api.Invalid"]);
        }

        await using var db = await dbs.CreateDbContextAsync(ct);
        var client = clientId is { Length: > 0 and <= PartnerClient.ClientIdMaxLength }
            ? await db.Set<PartnerClient>().AsNoTracking().SingleOrDefaultAsync(c => c.ClientId == clientId, ct)
            : null;
        if (client is null || !client.Enabled || secret is null || !client.Verifies(secret))
        {
            await audit.AppendAsync(null, "partner:" + (clientId is { Length: <= PartnerClient.ClientIdMaxLength } ? clientId : "?"), address,
                new AuditRecord("partner.token", null, AuditOutcome.Refused), ct);
            return Unauthorized(l);
        }

        await audit.AppendAsync(null, "partner:" + client.ClientId, address, new AuditRecord("partner.token", client.Id.ToString(), AuditOutcome.Succeeded), ct);
        return TypedResults.Ok(new TokenResponse(tokens.Issue(client), "Bearer", (int)tokens.Lifetime.TotalSeconds));
    }

    /// <summary>The authenticated, enabled, within-rate client of a request; or the answer to give instead.</summary>
    private static async Task<(PartnerClient? Client, IResult? Refusal)> AuthenticateAsync(HttpContext http, PartnerTokens tokens, EldercareDbContext db, IStringLocalizer<Strings> l, CancellationToken ct)
    {
        var header = http.Request.Headers.Authorization.ToString();
        var bearer = header.StartsWith("Bearer ", StringComparison.Ordinal) ? tokens.ClientOf(header["Bearer ".Length..].Trim()) : null;
        if (bearer is not { } token)
        {
            return (null, Unauthorized(l));
        }

        if (!tokens.Allow(token.ClientId))
        {
            return (null, TooMany(http, l));
        }

        // A token of an earlier version of the client (rotated, disabled since) is no longer valid.
        var client = await db.Set<PartnerClient>().AsNoTracking().SingleOrDefaultAsync(c => c.ClientId == token.ClientId, ct);
        return client is { Enabled: true } && client.Version == token.Version ? (client, null) : (null, Unauthorized(l));
    }

    private static async Task<IResult> EventAsync(HttpContext http, PartnerTokens tokens, IDbContextFactory<EldercareDbContext> dbs, PersonalDataProtector personalData,
        AuditTrail audit, TimeProvider clock, ILiveUpdates live, IServiceProvider services, IStringLocalizer<Strings> l, CancellationToken ct)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        var (client, refusal) = await AuthenticateAsync(http, tokens, db, l, ct);
        if (client is null)
        {
            return refusal!;
        }

        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var body = await ReadAsync(http, errors, l, clock.Today(), ct);
        if (body is null)
        {
            return TypedResults.ValidationProblem(errors, title: l["Api.Invalid"]);
        }

        var existing = await db.Set<PartnerEvent>().AsNoTracking().SingleOrDefaultAsync(e => e.ClientId == client.ClientId && e.EventId == body.EventId, ct);
        if (existing is not null)
        {
            return TypedResults.Ok(new PartnerEventAccepted(existing.Id, true));
        }

        var type = Types[body.Type];
        if (!client.Capabilities.HasFlag(CapabilityFor(type)))
        {
            await audit.AppendAsync(null, "partner:" + client.ClientId, http.Connection.RemoteIpAddress?.ToString(),
                new AuditRecord("partner.event", null, AuditOutcome.Refused, $"{body.Type} not granted"), ct);
            return TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: l["HealthLink.Api.NotGranted"]);
        }

        // Matched only inside the partner's region: an elder elsewhere is, for this partner, an unknown ID number.
        var idHash = personalData.Hash(body.IdNumber);
        var scope = client.RegionCode ?? RegionCatalog.DistrictCode;
        var elder = await db.Elders.AsNoTracking().InScope(scope).Where(e => e.IdNumberHash == idHash).Select(e => new { e.Id, e.RegionCode, e.Status }).SingleOrDefaultAsync(ct);
        var recordedBy = client.Name;
        var note = string.Join(' ', new[] { body.Facility, body.Note }.Where(s => !string.IsNullOrWhiteSpace(s)));
        var status = PartnerEventStatus.Unmatched;
        if (elder is not null)
        {
            // The effect first, then the record: a partner retrying after a failure re-applies an idempotent effect, and
            // a recorded event always had its effect.
            var stays = services.GetService<IHospitalStayRecorder>();
            status = type switch
            {
                PartnerEventType.Admission when stays is not null => await stays.AdmitAsync(elder.Id, body.OccurredOn, note, recordedBy, ct) ? PartnerEventStatus.Applied : PartnerEventStatus.Unmatched,
                PartnerEventType.Discharge when stays is not null => await stays.DischargeAsync(elder.Id, body.OccurredOn, note, recordedBy, ct) ? PartnerEventStatus.Applied : PartnerEventStatus.Unmatched,
                PartnerEventType.Death => elder.Status == ElderStatus.Deceased ? PartnerEventStatus.Applied : PartnerEventStatus.AwaitingConfirmation,
                _ => PartnerEventStatus.Applied,
            };
        }

        var record = new PartnerEvent
        {
            ClientId = client.ClientId, EventId = body.EventId, Type = type, IdNumberHash = idHash, IdNumberTail = body.IdNumber[^4..].ToUpperInvariant(),
            ElderId = elder?.Id, RegionCode = elder?.RegionCode ?? string.Empty, OccurredOn = body.OccurredOn, Facility = Clean(body.Facility), Doctor = Clean(body.Doctor),
            EndsOn = body.EndsOn, Note = Clean(body.Note), Status = status, ReceivedAtUtc = clock.GetUtcNow().UtcDateTime,
        };
        db.Add(record);
        var reported = status == PartnerEventStatus.AwaitingConfirmation
            ? new LiveUpdate(LiveUpdate.NewId(), record.RegionCode, "healthlink.death.reported", record.Id.ToString(), record.ReceivedAtUtc)
            : null;
        if (reported is not null)
        {
            LiveEvent.Stage(db, reported);
        }

        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // The same event posted twice at once: the other request recorded it; answer what it stored.
            await using var fresh = await dbs.CreateDbContextAsync(ct);
            var first = await fresh.Set<PartnerEvent>().AsNoTracking().SingleOrDefaultAsync(e => e.ClientId == client.ClientId && e.EventId == body.EventId, ct);
            if (first is null)
            {
                throw;
            }

            return TypedResults.Ok(new PartnerEventAccepted(first.Id, true));
        }

        await audit.AppendAsync(null, "partner:" + client.ClientId, http.Connection.RemoteIpAddress?.ToString(),
            new AuditRecord("partner.event", record.Id.ToString(), AuditOutcome.Succeeded, $"{body.Type} {body.EventId} → {status}{(elder is null ? string.Empty : " elder " + elder.Id)}"), ct);
        if (reported is not null)
        {
            await live.PushAsync(reported, ct);
        }

        return TypedResults.Accepted((string?)null, new PartnerEventAccepted(record.Id, false));
    }

    private static async Task<IResult> TransfersAsync(HttpContext http, PartnerTokens tokens, IDbContextFactory<EldercareDbContext> dbs, AuditTrail audit, TimeProvider clock,
        IServiceProvider services, IStringLocalizer<Strings> l, DateTime? after, int? take, CancellationToken ct)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        var (client, refusal) = await AuthenticateAsync(http, tokens, db, l, ct);
        if (client is null)
        {
            return refusal!;
        }

        if (!client.Capabilities.HasFlag(PartnerCapabilities.ReadTransfers))
        {
            await audit.AppendAsync(null, "partner:" + client.ClientId, http.Connection.RemoteIpAddress?.ToString(), new AuditRecord("partner.transfers", null, AuditOutcome.Refused, "not granted"), ct);
            return TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: l["HealthLink.Api.NotGranted"]);
        }

        var since = after is { } a ? (a.Kind == DateTimeKind.Unspecified ? DateTime.SpecifyKind(a, DateTimeKind.Utc) : a.ToUniversalTime()) : clock.GetUtcNow().UtcDateTime.AddDays(-1);
        var transfers = services.GetService<IHospitalTransfers>() is { } source ? await source.ClosedAfterAsync(since, take ?? 100, ct) : [];
        var ids = transfers.Select(t => t.ElderId).Distinct().ToList();
        var numbers = await db.Elders.AsNoTracking().Where(e => ids.Contains(e.Id)).Select(e => new { e.Id, e.IdNumber }).ToDictionaryAsync(e => e.Id, e => e.IdNumber, ct);
        var scope = client.RegionCode ?? RegionCatalog.DistrictCode;
        var items = transfers.Where(t => numbers.ContainsKey(t.ElderId) && RegionScope.Contains(scope, t.RegionCode))
            .Select(t => new TransferItem(t.AlarmId, numbers[t.ElderId], t.AlarmType, t.RaisedAtUtc, t.ClosedAtUtc, t.RegionCode)).ToList();
        // A disclosure of ID numbers to a partner: audited with how many and which alarms, never the numbers.
        await audit.AppendAsync(null, "partner:" + client.ClientId, http.Connection.RemoteIpAddress?.ToString(),
            new AuditRecord("partner.transfers", null, AuditOutcome.Succeeded, string.Create(CultureInfo.InvariantCulture, $"{items.Count} transfers after {since:O}: {string.Join(',', items.Select(i => i.AlarmId))}")), ct);
        return TypedResults.Ok(items);
    }

    private static PartnerCapabilities CapabilityFor(PartnerEventType type) => type switch
    {
        PartnerEventType.Admission => PartnerCapabilities.PostAdmissions,
        PartnerEventType.Discharge => PartnerCapabilities.PostDischarges,
        PartnerEventType.Death => PartnerCapabilities.PostDeaths,
        _ => PartnerCapabilities.PostContracts,
    };

    private static async Task<PartnerEventBody?> ReadAsync(HttpContext http, Dictionary<string, string[]> errors, IStringLocalizer<Strings> l, DateOnly today, CancellationToken ct)
    {
        JsonElement root;
        try
        {
            using var json = await JsonDocument.ParseAsync(http.Request.Body, cancellationToken: ct);
            root = json.RootElement.Clone();
        }
        catch (JsonException)
        {
            errors["body"] = [l["HealthLink.Api.Body"]];
            return null;
        }

        if (root.ValueKind != JsonValueKind.Object)
        {
            errors["body"] = [l["HealthLink.Api.Body"]];
            return null;
        }

        var eventId = Text(root, "eventId");
        if (eventId is not { Length: > 0 and <= PartnerEvent.EventIdMaxLength })
        {
            errors["eventId"] = [l["HealthLink.Api.EventId", PartnerEvent.EventIdMaxLength]];
        }

        var type = Text(root, "type");
        if (type is null || !Types.ContainsKey(type))
        {
            errors["type"] = [l["HealthLink.Api.Type"]];
        }

        var idNumber = Text(root, "idNumber")?.Trim().ToUpperInvariant();
        if (!ChinaIdNumber.TryParse(idNumber, out _, out _))
        {
            errors["idNumber"] = [l["HealthLink.Api.IdNumber"]];
        }

        var occurredOn = Date(root, "occurredOn");
        if (occurredOn is null || occurredOn > today.AddDays(1))
        {
            errors["occurredOn"] = [l["HealthLink.Api.OccurredOn"]];
        }

        var endsOn = Date(root, "endsOn");
        if (Text(root, "endsOn") is not null && (endsOn is null || endsOn < occurredOn))
        {
            errors["endsOn"] = [l["HealthLink.Api.EndsOn"]];
        }

        Check(root, "facility", PartnerEvent.FacilityMaxLength, errors, l);
        Check(root, "doctor", PartnerEvent.DoctorMaxLength, errors, l);
        Check(root, "note", PartnerEvent.NoteMaxLength, errors, l);
        return errors.Count > 0 ? null
            : new PartnerEventBody(eventId!, type!, idNumber!, occurredOn!.Value, Text(root, "facility"), Text(root, "doctor"), endsOn, Text(root, "note"));
    }

    private static void Check(JsonElement root, string name, int max, Dictionary<string, string[]> errors, IStringLocalizer<Strings> l)
    {
        if (Text(root, name) is { Length: var n } && n > max)
        {
            errors[name] = [l["Validation.MaxLength", max]];
        }
    }

    private static string? Text(JsonElement root, string name) =>
        root.ValueKind == JsonValueKind.Object && root.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    private static DateOnly? Date(JsonElement root, string name) =>
        DateOnly.TryParseExact(Text(root, name), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d : null;

    private static string? Clean(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
