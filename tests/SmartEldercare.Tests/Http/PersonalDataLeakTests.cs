using System.Collections.Concurrent;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Logging;
using SmartEldercare.Platform.Regions;
using SmartEldercare.Tests.Infrastructure;

namespace SmartEldercare.Tests.Http;

/// <summary>Logs never hold a full ID number or phone: everything the app logs while handling them is captured and searched.</summary>
public sealed class PersonalDataLeakTests(EldercareWebFactory factory) : IClassFixture<EldercareWebFactory>
{
    [Fact]
    public async Task No_log_line_contains_a_full_ID_number_or_phone()
    {
        var lines = new ConcurrentQueue<string>();
        await using var app = factory.WithWebHostBuilder(b => b.ConfigureLogging(l =>
        {
            // The app's own log levels (appsettings.json), with everything it writes captured.
            l.SetMinimumLevel(LogLevel.Information);
            l.AddProvider(new CapturingLoggerProvider(lines));
        }));
        var client = app.CreateClient();
        var token = await (await client.PostAsJsonAsync("/api/v1/auth/token", new { userName = "village", password = "Eldercare#2026" }, TestContext.Current.CancellationToken))
            .Content.ReadFromJsonAsync<EldercareWebFactory.TokenResponse>(TestContext.Current.CancellationToken);
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token!.AccessToken);
        var idNumber = NewElder.IdNumber(new DateOnly(1941, 7, 1));
        const string phone = "13755556666";
        var elder = new
        {
            name = "泄露测试",
            idNumber,
            phone,
            regionCode = RegionCatalog.YinglunMingyuanCode,
            emergencyContacts = new[] { new { name = "家属", relation = "女儿", phone = "13899990000" } },
        };

        var created = await client.PostAsJsonAsync("/api/v1/elders", elder, TestContext.Current.CancellationToken);
        await client.PostAsJsonAsync("/api/v1/elders", elder, TestContext.Current.CancellationToken); // duplicate: refused
        await client.PostAsJsonAsync("/api/v1/elders", elder with { phone = "1375555666x" }, TestContext.Current.CancellationToken); // invalid
        await client.GetAsync(new Uri($"/api/v1/elders?q={idNumber}", UriKind.Relative), TestContext.Current.CancellationToken);
        await client.GetAsync(new Uri($"/api/v1/elders?q={phone}", UriKind.Relative), TestContext.Current.CancellationToken);
        await client.GetAsync(created.Headers.Location!, TestContext.Current.CancellationToken);

        Assert.NotEmpty(lines); // the capture works: the pipeline logs every request by type
        Assert.DoesNotContain(lines, l => l.Contains(idNumber, StringComparison.Ordinal) || l.Contains(phone, StringComparison.Ordinal) || l.Contains("13899990000", StringComparison.Ordinal));
    }

    private sealed class CapturingLoggerProvider(ConcurrentQueue<string> lines) : ILoggerProvider
    {
        public ILogger CreateLogger(string categoryName) => new Logger(categoryName, lines);

        public void Dispose()
        {
        }

        private sealed class Logger(string category, ConcurrentQueue<string> lines) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
                lines.Enqueue($"{category}: {formatter(state, exception)} {exception}");
        }
    }
}
