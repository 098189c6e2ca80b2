using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace SmartEldercare.DeviceSimulator;

/// <summary>A registered device as the simulator keeps it (the secret is only ever shown at registration).</summary>
public sealed record SimulatedDevice(Guid Id, string Code, string Secret);

/// <summary>The platform's answer per event.</summary>
public sealed record EventResult(string EventId, bool Duplicate, Guid? AlarmId);

/// <summary>
/// What a device (or its installer) does against the platform: a staff account registers devices for elders
/// (<c>POST /api/v1/devices</c>); each device then signs its events (<c>POST /api/v1/device-events</c>) with
/// HMAC-SHA256 over <c>{timestamp}.{body}</c>, as the OpenAPI description documents.
/// </summary>
public sealed class DeviceSimulator : IDisposable
{
    private static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);

    private readonly HttpClient staff;
    private readonly HttpClient devices;

    private DeviceSimulator(HttpClient staff, HttpClient devices)
    {
        this.staff = staff;
        this.devices = devices;
    }

    public static async Task<DeviceSimulator> SignInAsync(Uri baseUrl, string userName, string password, CancellationToken ct)
    {
        var staff = new HttpClient { BaseAddress = baseUrl };
        try
        {
            var response = await staff.PostAsJsonAsync("/api/v1/auth/token", new { userName, password }, ct);
            response.EnsureSuccessStatusCode();
            var token = (await response.Content.ReadFromJsonAsync<JsonElement>(ct)).GetProperty("accessToken").GetString();
            staff.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
            return new DeviceSimulator(staff, new HttpClient { BaseAddress = baseUrl, Timeout = TimeSpan.FromSeconds(30) });
        }
        catch
        {
            staff.Dispose();
            throw;
        }
    }

    /// <summary>The first active elder of a village (or of the account's scope), by id.</summary>
    public async Task<Guid> FindElderAsync(string? regionCode, CancellationToken ct)
    {
        var query = "/api/v1/elders?status=Active&pageSize=1" + (regionCode is null ? string.Empty : "&region=" + Uri.EscapeDataString(regionCode));
        var page = await staff.GetFromJsonAsync<JsonElement>(query, ct);
        var items = page.GetProperty("items");
        return items.GetArrayLength() > 0 ? items[0].GetProperty("id").GetGuid() : throw new InvalidOperationException($"No active elder in {regionCode ?? "the account's scope"}.");
    }

    public async Task<SimulatedDevice> RegisterAsync(Guid elderId, string kind, string? code, CancellationToken ct)
    {
        code ??= "SIM-" + Convert.ToHexString(RandomNumberGenerator.GetBytes(5));
        var response = await staff.PostAsJsonAsync("/api/v1/devices", new { code, kind, elderId, heartbeatSeconds = 300 }, ct);
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"Registering {code} failed: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(ct)}");
        }

        return (await response.Content.ReadFromJsonAsync<SimulatedDevice>(ct))!;
    }

    /// <summary>Sends one event or a batch, signed; answers the status code and the per-event results (if accepted).</summary>
    public async Task<(int Status, IReadOnlyList<EventResult> Results)> SendAsync(SimulatedDevice device, IReadOnlyList<object> events, CancellationToken ct)
    {
        var (status, results, _) = await SendOnceAsync(device, events, ct);
        return (status, results);
    }

    private async Task<(int Status, IReadOnlyList<EventResult> Results, TimeSpan? RetryAfter)> SendOnceAsync(SimulatedDevice device, IReadOnlyList<object> events, CancellationToken ct)
    {
        var body = JsonSerializer.SerializeToUtf8Bytes(events.Count == 1 ? events[0] : new { events });
        var timestamp = DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/device-events") { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.Add("X-Device-Code", device.Code);
        request.Headers.Add("X-Timestamp", timestamp);
        request.Headers.Add("X-Signature", Sign(device.Secret, timestamp, body));
        using var response = await devices.SendAsync(request, ct);
        if (!response.IsSuccessStatusCode)
        {
            return ((int)response.StatusCode, [], response.Headers.RetryAfter?.Delta);
        }

        var answer = await response.Content.ReadFromJsonAsync<JsonElement>(ct);
        return ((int)response.StatusCode, answer.GetProperty("results").Deserialize<List<EventResult>>(Web)!, null);
    }

    /// <summary>
    /// What a real device does when the platform cannot take its events: it keeps them and sends them again, with the
    /// same event ids, until they are accepted. A 5xx, a dropped connection or a timeout is retried (after Retry-After,
    /// capped, or a short back-off); a 4xx is the platform's final word and is returned. Because ingest is idempotent on
    /// the event id, an event whose 202 was lost in a crash is answered as a duplicate and counted once.
    /// </summary>
    /// <param name="device">The signing device.</param>
    /// <param name="events">The events, sent together.</param>
    /// <param name="giveUpAfter">How long to keep trying.</param>
    /// <param name="onAttempt">Called with each attempt's status (0 for no answer at all).</param>
    /// <param name="ct">Stops the retries.</param>
    public async Task<(int Status, IReadOnlyList<EventResult> Results)> SendUntilAcceptedAsync(
        SimulatedDevice device, IReadOnlyList<object> events, TimeSpan giveUpAfter, Action<int>? onAttempt, CancellationToken ct)
    {
        var until = DateTime.UtcNow + giveUpAfter;
        var backOff = TimeSpan.FromMilliseconds(200);
        while (true)
        {
            int status;
            IReadOnlyList<EventResult> results = [];
            TimeSpan? retryAfter = null;
            try
            {
                (status, results, retryAfter) = await SendOnceAsync(device, events, ct);
            }
            catch (Exception ex) when (ex is HttpRequestException or IOException || (ex is TaskCanceledException && !ct.IsCancellationRequested))
            {
                status = 0;
            }

            onAttempt?.Invoke(status);
            if (status is > 0 and < 500 || DateTime.UtcNow >= until)
            {
                return (status, results);
            }

            var wait = retryAfter is { } r ? TimeSpan.FromTicks(Math.Clamp(r.Ticks, TimeSpan.FromMilliseconds(100).Ticks, TimeSpan.FromSeconds(2).Ticks)) : backOff;
            await Task.Delay(wait, ct);
            backOff = TimeSpan.FromMilliseconds(Math.Min(backOff.TotalMilliseconds * 2, 2000));
        }
    }

    public static object Event(string type, int? battery = null) => new
    {
        eventId = Guid.NewGuid().ToString("N"),
        type,
        occurredAt = DateTimeOffset.UtcNow,
        readings = battery is null ? null : new { battery },
    };

    public static string Sign(string secret, string timestamp, byte[] body)
    {
        var message = Encoding.ASCII.GetBytes(timestamp + ".").Concat(body).ToArray();
        return Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), message));
    }

    public void Dispose()
    {
        staff.Dispose();
        devices.Dispose();
    }
}
