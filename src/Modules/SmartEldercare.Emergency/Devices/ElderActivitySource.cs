using System.Globalization;
using System.Text.Json;
using SmartEldercare.Platform.Elders;

namespace SmartEldercare.Emergency.Devices;

/// <summary>
/// The last sign of life from an elder's door, motion and water-meter sensors, read from the stored device events
/// (anything but the device's own housekeeping: heartbeats, battery, tamper, tests), and the water used, summed
/// from the meter's <c>{"litres": n}</c> readings. Two queries for a whole scope.
/// </summary>
public sealed class ElderActivitySource(IDbContextFactory<EldercareDbContext> dbs) : IElderActivitySource
{
    private static readonly DeviceKind[] ActivityKinds = [DeviceKind.DoorSensor, DeviceKind.MotionSensor, DeviceKind.WaterMeter];
    private static readonly string[] Housekeeping = ["heartbeat", "low_battery", "tamper", "test"];

    public async Task<IReadOnlyList<ElderActivity>> ActivityAsync(string scope, DateTime sinceUtc, DateTime waterSinceUtc, CancellationToken ct = default)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        var devices = await db.Set<Device>().AsNoTracking().InRegion(scope)
            .Where(d => d.Enabled && d.ElderId != null && ActivityKinds.Contains(d.Kind))
            .Select(d => new { d.Id, ElderId = d.ElderId!.Value, d.Kind }).ToListAsync(ct);
        if (devices.Count == 0)
        {
            return [];
        }

        var byDevice = devices.ToDictionary(d => d.Id);
        var from = sinceUtc < waterSinceUtc ? sinceUtc : waterSinceUtc;
        var events = new List<(Guid DeviceId, DateTime At, string? Readings)>();
        foreach (var chunk in devices.Select(d => d.Id).Chunk(500))
        {
            var found = await db.Set<DeviceEvent>().AsNoTracking()
                .Where(e => chunk.Contains(e.DeviceId) && e.OccurredAtUtc >= from && !Housekeeping.Contains(e.Type))
                .Select(e => new { e.DeviceId, e.OccurredAtUtc, e.Readings }).ToListAsync(ct);
            events.AddRange(found.Select(e => (e.DeviceId, e.OccurredAtUtc, e.Readings)));
        }

        return [.. devices.GroupBy(d => d.ElderId).Select(g =>
        {
            var ids = g.Select(d => d.Id).ToHashSet();
            var mine = events.Where(e => ids.Contains(e.DeviceId)).ToList();
            var meter = g.Any(d => d.Kind == DeviceKind.WaterMeter);
            double? water = meter ? mine.Where(e => byDevice[e.DeviceId].Kind == DeviceKind.WaterMeter && e.At >= waterSinceUtc).Sum(e => Litres(e.Readings)) : null;
            var active = mine.Where(e => e.At >= sinceUtc).ToList();
            return new ElderActivity(g.Key, active.Count == 0 ? null : active.Max(e => e.At), meter, water);
        })];
    }

    private static double Litres(string? readings)
    {
        if (string.IsNullOrEmpty(readings))
        {
            return 0;
        }

        try
        {
            using var json = JsonDocument.Parse(readings);
            return json.RootElement.ValueKind == JsonValueKind.Object && json.RootElement.TryGetProperty("litres", out var litres) && litres.TryGetDouble(out var value) ? value
                : json.RootElement.TryGetProperty("litres", out var text) && text.ValueKind == JsonValueKind.String && double.TryParse(text.GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed) ? parsed
                : 0;
        }
        catch (JsonException)
        {
            return 0;
        }
    }
}
