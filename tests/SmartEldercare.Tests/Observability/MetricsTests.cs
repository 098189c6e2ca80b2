using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using SmartEldercare.Tests.Emergency;
using SmartEldercare.Tests.Infrastructure;

namespace SmartEldercare.Tests.Observability;

/// <summary><c>/metrics</c>: Prometheus text for a scraper with the token, nothing for anyone else; alarms and device events counted.</summary>
public sealed class MetricsTests(EldercareWebFactory factory) : IClassFixture<EldercareWebFactory>
{
    private async Task<string> ScrapeAsync()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/metrics");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", EldercareWebFactory.MetricsToken);
        var response = await factory.CreateClient().SendAsync(request, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
    }

    /// <summary>The sum of the samples of <paramref name="name"/> whose labels include every one of <paramref name="labels"/>.</summary>
    private static double Value(string text, string name, params string[] labels) =>
        text.Split('\n')
            .Where(line => line.StartsWith(name + "{", StringComparison.Ordinal) || line.StartsWith(name + " ", StringComparison.Ordinal))
            .Where(line => labels.All(l => line.Contains(l, StringComparison.Ordinal)))
            .Sum(line => double.Parse(line.Split('}')[^1].Trim().Split(' ')[0], CultureInfo.InvariantCulture));

    [Fact]
    public async Task The_endpoint_refuses_a_scraper_without_the_token()
    {
        var client = factory.CreateClient();
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/metrics", TestContext.Current.CancellationToken)).StatusCode);
        using var wrong = new HttpRequestMessage(HttpMethod.Get, "/metrics");
        wrong.Headers.Authorization = new AuthenticationHeaderValue("Bearer", EldercareWebFactory.MetricsToken + "x");
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.SendAsync(wrong, TestContext.Current.CancellationToken)).StatusCode);
        // A signed-in user is not a scraper either.
        var admin = await factory.ClientFor("admin");
        Assert.Equal(HttpStatusCode.Unauthorized, (await admin.GetAsync("/metrics", TestContext.Current.CancellationToken)).StatusCode);
    }

    [Fact]
    public async Task Alarms_raised_and_acknowledged_and_device_events_ingested_and_refused_are_counted()
    {
        var before = await ScrapeAsync();
        var (secret, _) = await DeviceEventsTests.RegisterAsync(factory.Services);
        var device = new SignedDevice(factory.CreateClient(), secret.Code, secret.Secret);
        var response = await device.SendAsync(SignedDevice.Event("m-1", "sos"));
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var alarmId = (await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken)).GetProperty("results")[0].GetProperty("alarmId").GetGuid();
        Assert.Equal(HttpStatusCode.Accepted, (await device.SendAsync(SignedDevice.Event("m-1", "sos"))).StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, (await device.SendAsync(SignedDevice.Event("m-2", "heartbeat"))).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await device.SendAsync(SignedDevice.Event("m-3", "sos"), signatureOverride: new string('0', 64))).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await device.SendAsync("""{"eventId":"m-4","type":"meteor"}""")).StatusCode);
        var responder = await factory.ClientFor("responder");
        Assert.True((await responder.PostAsync($"/api/v1/alarms/{alarmId}/acknowledge", null, TestContext.Current.CancellationToken)).IsSuccessStatusCode);

        var after = await ScrapeAsync();
        // The meters are per process and other tests' hosts run alongside: at least what this test did is counted.
        double Delta(string name, params string[] labels) => Value(after, name, labels) - Value(before, name, labels);
        Assert.InRange(Delta("eldercare_alarms_raised_total", "priority=\"critical\"", "source=\"device\""), 1, double.MaxValue);
        Assert.InRange(Delta("eldercare_device_events_ingested_total", "type=\"sos\""), 1, double.MaxValue);
        Assert.InRange(Delta("eldercare_device_events_ingested_total", "type=\"heartbeat\""), 1, double.MaxValue);
        Assert.InRange(Delta("eldercare_device_events_duplicates_total"), 1, double.MaxValue);
        Assert.InRange(Delta("eldercare_device_events_rejected_total", "reason=\"unauthenticated\""), 1, double.MaxValue);
        Assert.InRange(Delta("eldercare_device_events_rejected_total", "reason=\"invalid\""), 1, double.MaxValue);
        Assert.InRange(Delta("eldercare_alarms_acknowledged_total", "priority=\"critical\""), 1, double.MaxValue);
        Assert.InRange(Delta("eldercare_alarms_acknowledge_latency_seconds_count", "priority=\"critical\""), 1, double.MaxValue);
        Assert.Contains("eldercare_live_fanout_duration_seconds_bucket", after, StringComparison.Ordinal);
        Assert.DoesNotContain(secret.Code, after, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_a_configured_token_there_is_no_endpoint()
    {
        var connectionString = await TestDatabases.CreateAsync(TestProvider.Sqlite);
        await using var app = new DeviceEventsOutageTests.App(connectionString);
        Assert.Equal(HttpStatusCode.NotFound, (await app.CreateClient().GetAsync("/metrics", TestContext.Current.CancellationToken)).StatusCode);
    }
}
