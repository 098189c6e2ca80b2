using System.Diagnostics;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SmartEldercare.Emergency.Devices;
using SmartEldercare.Emergency.Features.Ingest;
using SmartEldercare.Platform.Persistence;
using SmartEldercare.Platform.Privacy;
using SmartEldercare.Web.Hosting;
using static System.FormattableString;

namespace SmartEldercare.Bench;

/// <summary>One step of a single-event request, timed alone: mean and median over the samples.</summary>
internal sealed record StepTime(string Step, double MeanMs, double P50Ms);

/// <summary>
/// Where the time of one single-event request goes, each step timed alone, one at a time (no contention), in the same
/// process: the HTTP round trip through the app's middleware (<c>GET /alive</c>), the device's authentication
/// (<see cref="DeviceAuthenticator"/>: with its credentials kept, and on a device's first request with the lookup, the
/// secret's decryption and the HMAC), the decryption alone, the ingestor (<see cref="DeviceEventIngestor"/>, from a DI
/// scope: device load, duplicate check, open-alarm check, commit) and its three reads alone (the same queries), the
/// floor's bare transaction, and the whole signed POST.
/// </summary>
internal static class IngestBreakdown
{
    private const int WarmUp = 30;
    private const int Samples = 300;

    public static async Task<List<StepTime>> RunAsync(AppServer app, DatabaseProvider provider, string connectionString, BenchDevice[] devices, SignedDeviceClient client)
    {
        var services = app.Services;
        var dbs = services.GetRequiredService<IDbContextFactory<EldercareDbContext>>();
        var protector = services.GetRequiredService<PersonalDataProtector>();
        var protectedSecret = protector.Protect(devices[0].Secret);
        var authenticator = services.GetRequiredService<DeviceAuthenticator>();
        var n = 0;
        string NextId() => Invariant($"b-{n++}");
        BenchDevice Device() => devices[n % devices.Length];

        async Task AuthenticateAsync(bool forget)
        {
            var device = Device();
            var body = PlannedEvent.Body([new PlannedEvent(NextId(), "heartbeat", 80)]);
            var timestamp = DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
            var http = new Microsoft.AspNetCore.Http.DefaultHttpContext();
            http.Request.Headers[DeviceEventsEndpoint.DeviceHeader] = device.Code;
            http.Request.Headers[DeviceEventsEndpoint.TimestampHeader] = timestamp;
            http.Request.Headers[DeviceEventsEndpoint.SignatureHeader] = DeviceEventsEndpoint.Sign(device.Secret, timestamp, body);
            if (forget)
            {
                authenticator.Forget(device.Code);
            }

            _ = await authenticator.AuthenticateAsync(http.Request, body, CancellationToken.None) ?? throw new InvalidOperationException("The bench's device was refused.");
        }

        var steps = new List<StepTime>
        {
            await TimeAsync("HTTP round trip through the middleware (GET /alive)", () => client.PingAsync()),
            await TimeAsync("authentication, credentials kept: HMAC (DeviceAuthenticator)", () => AuthenticateAsync(forget: false)),
            await TimeAsync("authentication, first request: lookup by code, decryption, HMAC", () => AuthenticateAsync(forget: true)),
            await TimeAsync("  of which the secret's decryption (Data Protection)", () =>
            {
                _ = protector.Unprotect(protectedSecret);
                return Task.CompletedTask;
            }),
            await TimeAsync("DeviceEventIngestor.IngestAsync, one heartbeat (device read + commit)", async () =>
            {
                var device = Device();
                await using var scope = services.CreateAsyncScope();
                var ingestor = scope.ServiceProvider.GetRequiredService<DeviceEventIngestor>();
                await ingestor.IngestAsync(device.Id, [new IncomingEvent(NextId(), "heartbeat", DateTime.UtcNow, 80, """{"battery":80}""")], CancellationToken.None);
            }),
            await TimeAsync("  of which its device read alone (binding, health, version)", async () =>
            {
                var deviceIds = new List<Guid> { Device().Id };
                await using var db = await dbs.CreateDbContextAsync();
                _ = await db.Set<Device>().AsNoTracking().Where(d => deviceIds.Contains(d.Id))
                    .Select(d => new { d.Id, d.Code, d.RegionCode, d.ElderId, d.OrganisationId, d.HeartbeatSeconds, d.Offline, d.BatteryPercent, d.Enabled, d.Version })
                    .ToListAsync();
            }),
        };

        await using (var floor = await IngestFloor.OpenAsync(provider, connectionString))
        {
            steps.Add(await TimeAsync("floor: the same work in one bare transaction (read, duplicate check, rows)", () =>
                floor.InsertAsync(Device(), [new PlannedEvent(NextId(), "heartbeat", 80)], TimeSpan.FromHours(1))));
        }

        steps.Add(await TimeAsync("the whole signed POST of one heartbeat (202)", async () =>
        {
            var answer = await client.SendAsync(Device(), PlannedEvent.Body([new PlannedEvent(NextId(), "heartbeat", 80)]));
            if (answer.Status != System.Net.HttpStatusCode.Accepted)
            {
                throw new InvalidOperationException(Invariant($"POST answered {(int)answer.Status}"));
            }
        }));
        return steps;
    }

    private static async Task<StepTime> TimeAsync(string step, Func<Task> work)
    {
        var samples = new double[Samples];
        for (var i = -WarmUp; i < Samples; i++)
        {
            var started = Stopwatch.GetTimestamp();
            await work();
            if (i >= 0)
            {
                samples[i] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            }
        }

        return new StepTime(step, samples.Average(), Percentiles.Of(samples).P50);
    }
}
