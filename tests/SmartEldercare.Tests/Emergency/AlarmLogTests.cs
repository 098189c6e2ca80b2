using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using SmartEldercare.Platform.Persistence;
using SmartEldercare.Tests.Infrastructure;

namespace SmartEldercare.Tests.Emergency;

/// <summary>The logs an operator follows an alarm by: request id and alarm id on the same record, no personal data.</summary>
public sealed class AlarmLogTests(EldercareWebFactory factory) : IClassFixture<EldercareWebFactory>
{
    [Fact]
    public async Task A_device_alarm_and_its_acknowledgement_are_logged_with_the_request_and_alarm_ids_and_no_personal_data()
    {
        var logs = new CapturingLoggerProvider();
        await using var app = factory.WithWebHostBuilder(b => b.ConfigureLogging(l => l.AddProvider(logs).AddFilter<CapturingLoggerProvider>("SmartEldercare", LogLevel.Information)));
        var (secret, elderId) = await DeviceEventsTests.RegisterAsync(app.Services);
        var device = new SignedDevice(app.CreateClient(), secret.Code, secret.Secret);

        var response = await device.SendAsync(SignedDevice.Event("log-1", "sos"));
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var alarmId = (await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken)).GetProperty("results")[0].GetProperty("alarmId").GetGuid();
        var district = await ClientFor(app, "district");
        Assert.True((await district.PostAsync(new Uri($"/api/v1/alarms/{alarmId}/acknowledge", UriKind.Relative), null, TestContext.Current.CancellationToken)).IsSuccessStatusCode);

        var raised = Assert.Single(logs.Records, r => r.Values.TryGetValue("AlarmId", out var id) && Equals(id, alarmId) && r.Message.Contains("raised", StringComparison.Ordinal));
        Assert.Equal("log-1", raised.Values["EventId"]);
        Assert.Contains("RequestId", raised.Scopes.Keys);
        Assert.Equal("/api/v1/device-events", raised.Scopes["RequestPath"]);
        var acknowledged = Assert.Single(logs.Records, r => r.Values.TryGetValue("AlarmId", out var id) && Equals(id, alarmId) && Equals(r.Values.GetValueOrDefault("Transition"), "acknowledged"));
        Assert.Contains("RequestId", acknowledged.Scopes.Keys);
        Assert.NotEqual(raised.Scopes["RequestId"], acknowledged.Scopes["RequestId"]);

        // Nothing the platform logged names the elder or carries their numbers.
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<EldercareDbContext>();
        var elder = await db.Elders.AsNoTracking().SingleAsync(e => e.Id == elderId, TestContext.Current.CancellationToken);
        var everything = string.Join('\n', logs.Records.Select(r => r.Message + " " + string.Join(' ', r.Values.Values) + " " + string.Join(' ', r.Scopes.Values)));
        Assert.DoesNotContain(elder.Name, everything, StringComparison.Ordinal);
        Assert.DoesNotContain(elder.IdNumber, everything, StringComparison.Ordinal);
    }

    private static async Task<HttpClient> ClientFor(Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactory<Program> app, string userName)
    {
        var client = app.CreateClient();
        var response = await client.PostAsJsonAsync("/api/v1/auth/token", new { userName, password = "Eldercare#2026" }, TestContext.Current.CancellationToken);
        response.EnsureSuccessStatusCode();
        var token = await response.Content.ReadFromJsonAsync<EldercareWebFactory.TokenResponse>(TestContext.Current.CancellationToken);
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token!.AccessToken);
        return client;
    }

    public sealed record LogRecord(string Category, string Message, IReadOnlyDictionary<string, object?> Values, IReadOnlyDictionary<string, object?> Scopes);

    /// <summary>Keeps every record with its structured values and the values of the scopes around it (as a JSON console would print them).</summary>
    private sealed class CapturingLoggerProvider : ILoggerProvider, ISupportExternalScope
    {
        private IExternalScopeProvider scopes = new LoggerExternalScopeProvider();

        public ConcurrentQueue<LogRecord> Records { get; } = new();

        public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

        public void SetScopeProvider(IExternalScopeProvider scopeProvider) => scopes = scopeProvider;

        public void Dispose()
        {
        }

        private sealed class Logger(CapturingLoggerProvider owner, string category) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state)
                where TState : notnull => owner.scopes.Push(state);

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            {
                var values = new Dictionary<string, object?>(StringComparer.Ordinal);
                if (state is IEnumerable<KeyValuePair<string, object?>> pairs)
                {
                    foreach (var (key, value) in pairs)
                    {
                        values[key] = value;
                    }
                }

                var around = new Dictionary<string, object?>(StringComparer.Ordinal);
                owner.scopes.ForEachScope(
                    (scope, into) =>
                    {
                        if (scope is IEnumerable<KeyValuePair<string, object?>> kv)
                        {
                            foreach (var (key, value) in kv)
                            {
                                into[key] = value;
                            }
                        }
                    },
                    around);
                owner.Records.Enqueue(new LogRecord(category, formatter(state, exception), values, around));
            }
        }
    }
}
