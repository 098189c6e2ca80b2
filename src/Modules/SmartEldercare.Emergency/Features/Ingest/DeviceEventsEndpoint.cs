using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Logging;
using SmartEldercare.Emergency.Devices;

namespace SmartEldercare.Emergency.Features.Ingest;

/// <summary>
/// <c>POST /api/v1/device-events</c>: devices (and gateways speaking for one device) report events, signed with the
/// device's own secret. Answers 202 only after the events are committed.
/// </summary>
public static class DeviceEventsEndpoint
{
    public const string DeviceHeader = "X-Device-Code";
    public const string TimestampHeader = "X-Timestamp";
    public const string SignatureHeader = "X-Signature";
    public const int MaxBodyBytes = 64 * 1024;
    public const int MaxBatch = 100;
    public static readonly TimeSpan ClockSkew = TimeSpan.FromMinutes(5);

    public const string Description =
        "Signed by the device: headers `X-Device-Code` (its serial), `X-Timestamp` (Unix seconds, within 5 minutes of the server's clock) " +
        "and `X-Signature` = lowercase hex of HMAC-SHA256(key = the device secret as UTF-8, message = `{X-Timestamp}.{raw body}`). " +
        "Body: one event `{ eventId, type, occurredAt?, readings? }` or a batch `{ events: [ ... ] }` of up to 100 (64 KB at most). " +
        "Types: sos, fall, smoke, gas, water_leak, inactivity, heartbeat, low_battery, tamper, test, and the activity events door, motion, water_usage " +
        "(`readings.litres`; no alarm, they feed the wellbeing watch); `readings.battery` (0-100) updates the battery level. " +
        "Idempotent on eventId per device: a replay answers the first result and creates nothing. 401 for any authentication failure " +
        "(unknown, disabled, bad signature, stale timestamp), 400 for a malformed body, 413 over 64 KB, 503 with Retry-After when the database is unavailable, 429 with Retry-After past the rate per source address.";

    public static RouteHandlerBuilder MapDeviceEvents(this IEndpointRouteBuilder api) =>
        api.MapPost("/device-events", HandleAsync)
            .AllowAnonymous()
            .WithTags("Devices")
            .WithSummary("Device events (signed by the device)")
            .WithDescription(Description)
            .Accepts<JsonElement>("application/json")
            .Produces<DeviceEventsAccepted>(StatusCodes.Status202Accepted)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status429TooManyRequests)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable)
            .RequireRateLimiting(RateLimits.Machines);

    /// <param name="Results">One per event, in the request's order.</param>
    public sealed record DeviceEventsAccepted(IReadOnlyList<IngestResult> Results);

    private static async Task<IResult> HandleAsync(HttpContext http, DeviceAuthenticator authenticator, DeviceEventIngestor ingestor,
        TimeProvider clock, EmergencyMetrics metrics, IStringLocalizer<Strings> l, ILoggerFactory loggers, CancellationToken ct)
    {
        if (http.Request.ContentLength > MaxBodyBytes)
        {
            metrics.Rejected("too_large");
            return TypedResults.Problem(statusCode: StatusCodes.Status413PayloadTooLarge, title: l["Devices.Ingest.TooLarge"]);
        }

        var body = await ReadBodyAsync(http, ct);
        if (body is null)
        {
            metrics.Rejected("too_large");
            return TypedResults.Problem(statusCode: StatusCodes.Status413PayloadTooLarge, title: l["Devices.Ingest.TooLarge"]);
        }

        try
        {
            var device = await authenticator.AuthenticateAsync(http.Request, body, ct);
            if (device is null)
            {
                return Unauthenticated(metrics, l);
            }

            var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
            var events = Parse(body, clock.UtcNow(), errors, l);
            if (events is null)
            {
                metrics.Rejected("invalid");
                return TypedResults.ValidationProblem(errors, title: l["Api.Invalid"]);
            }

            var results = await ingestor.IngestSignedAsync(device, events, ct);
            if (results is null)
            {
                // The device's credentials changed after they were kept (disabled, secret rotated, re-bound; here or on
                // another instance) and nothing was stored: the database decides again.
                authenticator.Forget(device.Code);
                device = await authenticator.AuthenticateAsync(http.Request, body, ct);
                results = device is null ? null : await ingestor.IngestSignedAsync(device, events, ct);
                if (results is null)
                {
                    return Unauthenticated(metrics, l);
                }
            }

            return TypedResults.Accepted((string?)null, new DeviceEventsAccepted(results));
        }
        catch (Exception ex) when (DatabaseUnavailable.Is(ex))
        {
            loggers.CreateLogger(typeof(DeviceEventsEndpoint)).LogError("Device events refused, database unavailable: {Error}", ex.Message);
            metrics.Rejected("unavailable");
            return DatabaseUnavailable.Answer(http, l["Devices.Ingest.Unavailable"], retryAfterSeconds: 5);
        }
    }

    private static async Task<byte[]?> ReadBodyAsync(HttpContext http, CancellationToken ct)
    {
        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = MaxBodyBytes;
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[8192];
        try
        {
            int read;
            while ((read = await http.Request.Body.ReadAsync(chunk, ct)) > 0)
            {
                buffer.Write(chunk, 0, read);
                if (buffer.Length > MaxBodyBytes)
                {
                    return null;
                }
            }
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return null;
        }

        return buffer.ToArray();
    }

    private static ProblemHttpResult Unauthenticated(EmergencyMetrics metrics, IStringLocalizer l)
    {
        // One answer for every failure: an unknown code, a disabled device and a bad signature look alike.
        metrics.Rejected("unauthenticated");
        return TypedResults.Problem(statusCode: StatusCodes.Status401Unauthorized, title: l["Devices.Ingest.Unauthenticated"]);
    }

    /// <summary>The signature a device sends: lowercase hex HMAC-SHA256 over <c>{timestamp}.{body}</c>.</summary>
    public static string Sign(string secret, string timestamp, byte[] body) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), SignedMessage(timestamp, body)));

    /// <summary>What the signature covers: <c>{timestamp}.{body}</c>.</summary>
    internal static byte[] SignedMessage(string timestamp, byte[] body)
    {
        var message = new byte[timestamp.Length + 1 + body.Length];
        Encoding.ASCII.GetBytes(timestamp, message);
        message[timestamp.Length] = (byte)'.';
        body.CopyTo(message, timestamp.Length + 1);
        return message;
    }

    private static List<IncomingEvent>? Parse(byte[] body, DateTime utcNow, Dictionary<string, string[]> errors, IStringLocalizer l)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body, new JsonDocumentOptions { MaxDepth = 8 });
        }
        catch (JsonException)
        {
            errors["body"] = [l["Devices.Ingest.Malformed"]];
            return null;
        }

        using (document)
        {
            var root = document.RootElement;
            List<(string Path, JsonElement Event)> items;
            if (root.ValueKind == JsonValueKind.Object && root.TryGetProperty("events", out var batch))
            {
                if (batch.ValueKind != JsonValueKind.Array || batch.GetArrayLength() == 0)
                {
                    errors["events"] = [l["Devices.Ingest.EmptyBatch"]];
                    return null;
                }

                if (batch.GetArrayLength() > MaxBatch)
                {
                    errors["events"] = [l["Devices.Ingest.BatchTooLarge", MaxBatch]];
                    return null;
                }

                items = [.. batch.EnumerateArray().Select((e, i) => ($"events[{i}]", e))];
            }
            else if (root.ValueKind == JsonValueKind.Object)
            {
                items = [(string.Empty, root)];
            }
            else
            {
                errors["body"] = [l["Devices.Ingest.Malformed"]];
                return null;
            }

            var events = new List<IncomingEvent>(items.Count);
            foreach (var (path, item) in items)
            {
                var prefix = path.Length == 0 ? string.Empty : path + ".";
                if (item.ValueKind != JsonValueKind.Object)
                {
                    errors[path.Length == 0 ? "body" : path] = [l["Devices.Ingest.Malformed"]];
                    continue;
                }

                var eventId = item.TryGetProperty("eventId", out var id) && id.ValueKind == JsonValueKind.String ? id.GetString()!.Trim() : string.Empty;
                if (eventId.Length is 0 or > DeviceEvent.EventIdMaxLength)
                {
                    errors[prefix + "eventId"] = [l["Devices.Ingest.EventId"]];
                }

                var type = item.TryGetProperty("type", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString()! : string.Empty;
                if (!DeviceEventTypes.All.Contains(type))
                {
                    errors[prefix + "type"] = [l["Devices.Ingest.Type"]];
                }

                var occurred = utcNow;
                if (item.TryGetProperty("occurredAt", out var at) && at.ValueKind != JsonValueKind.Null)
                {
                    if (at.ValueKind != JsonValueKind.String || !at.TryGetDateTimeOffset(out var when) || when.UtcDateTime > utcNow + ClockSkew)
                    {
                        errors[prefix + "occurredAt"] = [l["Devices.Ingest.OccurredAt"]];
                    }
                    else
                    {
                        occurred = when.UtcDateTime;
                    }
                }

                int? battery = null;
                string? readings = null;
                if (item.TryGetProperty("readings", out var r) && r.ValueKind != JsonValueKind.Null)
                {
                    if (r.ValueKind != JsonValueKind.Object)
                    {
                        errors[prefix + "readings"] = [l["Devices.Ingest.Readings"]];
                    }
                    else
                    {
                        readings = r.GetRawText();
                        if (readings.Length > 4000)
                        {
                            errors[prefix + "readings"] = [l["Devices.Ingest.Readings"]];
                        }

                        if (r.TryGetProperty("battery", out var b))
                        {
                            if (b.ValueKind == JsonValueKind.Number && b.TryGetInt32(out var level) && level is >= 0 and <= 100)
                            {
                                battery = level;
                            }
                            else
                            {
                                errors[prefix + "readings.battery"] = [l["Devices.Ingest.Battery"]];
                            }
                        }
                    }
                }

                events.Add(new IncomingEvent(eventId, type, occurred, battery, readings));
            }

            return errors.Count == 0 ? events : null;
        }
    }
}
