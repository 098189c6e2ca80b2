using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SmartEldercare.Emergency.Devices;
using SmartEldercare.Emergency.Features.Devices;
using SmartEldercare.Emergency.Features.Ingest;
using SmartEldercare.Platform.Elders;
using SmartEldercare.Platform.Identity;
using SmartEldercare.Platform.Persistence;
using static System.FormattableString;

namespace SmartEldercare.Bench;

/// <summary>A device the bench registered: its index in the fleet, its id, serial and secret, its elder and village.</summary>
internal sealed record BenchDevice(int Index, Guid Id, string Code, string Secret, Guid ElderId, string RegionCode);

/// <summary>One event as the bench sends it: <c>readings.battery</c> only on heartbeats.</summary>
internal sealed record PlannedEvent(string EventId, string Type, int? Battery)
{
    public bool IsAlarm => Emergency.Devices.DeviceEventTypes.AlarmFor(Type) is not null;

    public string Json => "{\"eventId\":\"" + EventId + "\",\"type\":\"" + Type + "\"" + (Readings is { } r ? ",\"readings\":" + r : string.Empty) + "}";

    /// <summary>The readings object as the device sends it (and the platform stores it).</summary>
    public string? Readings => Battery is { } battery ? Invariant($"{{\"battery\":{battery}}}") : null;

    /// <summary>One event as it is, several as <c>{"events":[...]}</c>.</summary>
    public static byte[] Body(IReadOnlyList<PlannedEvent> events) =>
        Encoding.UTF8.GetBytes(events.Count == 1 ? events[0].Json : "{\"events\":[" + string.Join(',', events.Select(e => e.Json)) + "]}");
}

internal static class BenchDevices
{
    /// <summary>
    /// Registers <paramref name="count"/> SOS buttons through <c>IMediator</c> as the demo <c>district</c> account (the
    /// real <c>RegisterDevice</c> slice), one per active elder, the elders taken in turn from every village (or those that
    /// <paramref name="village"/> accepts).
    /// </summary>
    public static async Task<BenchDevice[]> RegisterAsync(IServiceProvider services, int count, string codePrefix, int heartbeatSeconds, Func<string, bool>? village = null)
    {
        var user = await BenchAccounts.DistrictOperatorAsync(services);
        List<(Guid Id, string RegionCode)> elders;
        await using (var db = await services.GetRequiredService<IDbContextFactory<EldercareDbContext>>().CreateDbContextAsync())
        {
            elders = [.. (await db.Elders.AsNoTracking().Where(e => e.Status == ElderStatus.Active).OrderBy(e => e.Id).Select(e => new { e.Id, e.RegionCode }).ToListAsync())
                .Select(e => (e.Id, e.RegionCode))];
        }

        var villages = elders.Where(e => village?.Invoke(e.RegionCode) ?? true).GroupBy(e => e.RegionCode, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => g.ToList()).ToList();
        var picked = Enumerable.Range(0, villages.Count == 0 ? 0 : villages.Max(v => v.Count))
            .SelectMany(i => villages.Where(v => i < v.Count).Select(v => v[i]))
            .Take(count)
            .ToList();
        if (picked.Count < count)
        {
            throw new InvalidOperationException($"Only {picked.Count} active elders for {count} devices: seed more elders.");
        }

        var devices = new BenchDevice[count];
        for (var i = 0; i < count; i++)
        {
            await using var scope = services.CreateAsyncScope();
            scope.ServiceProvider.GetRequiredService<CurrentUser>().Set(user);
            var code = Invariant($"{codePrefix}-{i:D5}");
            var result = await scope.ServiceProvider.GetRequiredService<IMediator>()
                .Send(new RegisterDevice.Command(code, DeviceKind.SosButton, picked[i].Id, null, heartbeatSeconds));
            var secret = result.IsSuccess ? result.Value! : throw new InvalidOperationException($"Registering {code} failed: {result.Status} {result.Message}");
            devices[i] = new BenchDevice(i, secret.Id, secret.Code, secret.Secret, picked[i].Id, picked[i].RegionCode);
        }

        return devices;
    }

    public static string DescribeVillages(IReadOnlyCollection<BenchDevice> devices) =>
        Invariant($"{devices.Count} SOS buttons on {devices.Count} elders in {devices.Select(d => d.RegionCode).Distinct().Count()} villages");
}

/// <summary>What the platform answered to one signed POST: the status, and per event (202 only) its result.</summary>
internal sealed record SignedAnswer(HttpStatusCode Status, IReadOnlyList<IngestResult> Results);

/// <summary>
/// Sends signed events over real HTTP as a device does: <c>X-Device-Code</c>, <c>X-Timestamp</c> (Unix seconds) and
/// <c>X-Signature</c> = <see cref="DeviceEventsEndpoint.Sign"/> (HMAC-SHA256 of <c>{timestamp}.{body}</c> with the secret).
/// </summary>
internal sealed class SignedDeviceClient : IDisposable
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private static readonly MediaTypeHeaderValue JsonType = new("application/json");
    private readonly HttpClient http;

    /// <param name="baseUrl">The app's address.</param>
    /// <param name="connections">At most this many connections to the app (one per concurrent sender).</param>
    public SignedDeviceClient(Uri baseUrl, int connections) =>
        http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = connections, PooledConnectionLifetime = Timeout.InfiniteTimeSpan })
        {
            BaseAddress = baseUrl,
            Timeout = TimeSpan.FromSeconds(100),
        };

    public async Task<SignedAnswer> SendAsync(BenchDevice device, byte[] body)
    {
        var timestamp = DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/device-events") { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = JsonType;
        request.Headers.Add(DeviceEventsEndpoint.DeviceHeader, device.Code);
        request.Headers.Add(DeviceEventsEndpoint.TimestampHeader, timestamp);
        request.Headers.Add(DeviceEventsEndpoint.SignatureHeader, DeviceEventsEndpoint.Sign(device.Secret, timestamp, body));
        using var response = await http.SendAsync(request);
        if (response.StatusCode != HttpStatusCode.Accepted)
        {
            return new SignedAnswer(response.StatusCode, []);
        }

        var accepted = await response.Content.ReadFromJsonAsync<DeviceEventsEndpoint.DeviceEventsAccepted>(Json);
        return new SignedAnswer(response.StatusCode, accepted?.Results ?? []);
    }

    /// <summary><c>GET /alive</c>: an HTTP round trip through the app's middleware that touches no database.</summary>
    public async Task PingAsync()
    {
        using var response = await http.GetAsync(new Uri("/alive", UriKind.Relative));
        response.EnsureSuccessStatusCode();
    }

    public void Dispose() => http.Dispose();
}
