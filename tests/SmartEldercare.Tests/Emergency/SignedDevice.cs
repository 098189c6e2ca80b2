using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using SmartEldercare.Emergency.Features.Ingest;

namespace SmartEldercare.Tests.Emergency;

/// <summary>A device as it talks to the platform: it signs each body with its secret.</summary>
public sealed class SignedDevice(HttpClient http, string code, string secret, TimeProvider? clock = null)
{
    public string Code { get; } = code;

    public Task<HttpResponseMessage> SendAsync(string json, DateTimeOffset? at = null, string? signatureOverride = null, string? codeOverride = null)
    {
        var body = Encoding.UTF8.GetBytes(json);
        var timestamp = (at ?? clock?.GetUtcNow() ?? DateTimeOffset.UtcNow).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/device-events") { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.Add(DeviceEventsEndpoint.DeviceHeader, codeOverride ?? Code);
        request.Headers.Add(DeviceEventsEndpoint.TimestampHeader, timestamp);
        request.Headers.Add(DeviceEventsEndpoint.SignatureHeader, signatureOverride ?? DeviceEventsEndpoint.Sign(secret, timestamp, body));
        return http.SendAsync(request, TestContext.Current.CancellationToken);
    }

    public static string Event(string eventId, string type, string? readings = null) =>
        $$"""{"eventId":"{{eventId}}","type":"{{type}}"{{(readings is null ? string.Empty : $",\"readings\":{readings}")}}}""";
}
