using SmartEldercare.Emergency.Alarms;
using SmartEldercare.Emergency.Devices;
using SmartEldercare.Platform.Organisations;

namespace SmartEldercare.Emergency.Features.Devices;

public enum DeviceHealth
{
    Ok,
    Offline,
    LowBattery,
    TestDue,
    Disabled,
}

public sealed record DeviceListItem(
    Guid Id, string Code, DeviceKind Kind, string RegionName, Guid? ElderId, string? ElderName, Guid? OrganisationId, bool Enabled,
    DateTime? LastSeenUtc, int? BatteryPercent, IReadOnlyList<DeviceHealth> Health);

public sealed record DeviceList(IReadOnlyList<DeviceListItem> Items, int Total, IReadOnlyDictionary<DeviceHealth, int> Counts);

/// <summary>The devices of the user's scope with their health, and the scope's health counts.</summary>
public static class ListDevices
{
    public sealed record Query(DeviceHealth? Health = null, string? Code = null, int Page = 1, int PageSize = 20) : RequiresPermission(Permissions.EmergencyRead), IQuery<DeviceList>;

    public sealed class Handler(IDbContextFactory<EldercareDbContext> dbs, ICurrentUser user, RegionDirectory regions, TimeProvider clock) : IQueryHandler<Query, DeviceList>
    {
        public async ValueTask<DeviceList> Handle(Query query, CancellationToken cancellationToken)
        {
            var now = clock.UtcNow();
            var testDueBefore = now - Device.TestPressDue;
            await using var db = await dbs.CreateDbContextAsync(cancellationToken);
            var own = await OwnOrganisation.OfFacilityManagerAsync(db, user, cancellationToken);
            var scoped = db.Set<Device>().AsNoTracking().InScopeOf(user).OfOwn(own);
            // All five counts in one pass over the scope's devices (one query, not five).
            var tally = await scoped.GroupBy(_ => 1).Select(g => new
            {
                Offline = g.Count(d => d.Enabled && d.Offline),
                LowBattery = g.Count(d => d.Enabled && d.BatteryPercent < Device.LowBatteryPercent),
                TestDue = g.Count(d => d.Enabled && d.Kind == DeviceKind.SosButton && (d.LastPressUtc ?? d.CreatedAtUtc) < testDueBefore),
                Disabled = g.Count(d => !d.Enabled),
                Ok = g.Count(d => d.Enabled && !d.Offline && (d.BatteryPercent == null || d.BatteryPercent >= Device.LowBatteryPercent)
                    && !(d.Kind == DeviceKind.SosButton && (d.LastPressUtc ?? d.CreatedAtUtc) < testDueBefore)),
            }).SingleOrDefaultAsync(cancellationToken);
            var counts = new Dictionary<DeviceHealth, int>
            {
                [DeviceHealth.Offline] = tally?.Offline ?? 0,
                [DeviceHealth.LowBattery] = tally?.LowBattery ?? 0,
                [DeviceHealth.TestDue] = tally?.TestDue ?? 0,
                [DeviceHealth.Disabled] = tally?.Disabled ?? 0,
                [DeviceHealth.Ok] = tally?.Ok ?? 0,
            };

            var filtered = query.Health switch
            {
                DeviceHealth.Offline => scoped.Where(d => d.Enabled && d.Offline),
                DeviceHealth.LowBattery => scoped.Where(d => d.Enabled && d.BatteryPercent < Device.LowBatteryPercent),
                DeviceHealth.TestDue => scoped.Where(d => d.Enabled && d.Kind == DeviceKind.SosButton && (d.LastPressUtc ?? d.CreatedAtUtc) < testDueBefore),
                DeviceHealth.Disabled => scoped.Where(d => !d.Enabled),
                _ => scoped,
            };
            if (!string.IsNullOrWhiteSpace(query.Code))
            {
                var code = query.Code.Trim().ToUpperInvariant();
                filtered = filtered.Where(d => d.Code.StartsWith(code));
            }

            var pageSize = Math.Clamp(query.PageSize, 1, 100);
            var total = await filtered.CountAsync(cancellationToken);
            var page = await filtered.OrderBy(d => d.Code).Skip((Math.Max(1, query.Page) - 1) * pageSize).Take(pageSize).ToListAsync(cancellationToken);
            var elderIds = page.Where(d => d.ElderId is not null).Select(d => d.ElderId!.Value).ToList();
            var names = await db.Elders.AsNoTracking().Where(e => elderIds.Contains(e.Id)).ToDictionaryAsync(e => e.Id, e => e.Name, cancellationToken);
            var all = await regions.AllAsync(cancellationToken);
            return new DeviceList(
                [.. page.Select(d => new DeviceListItem(d.Id, d.Code, d.Kind, all.GetValueOrDefault(d.RegionCode)?.Name ?? d.RegionCode, d.ElderId,
                    d.ElderId is { } id ? names.GetValueOrDefault(id) : null, d.OrganisationId, d.Enabled, d.LastSeenUtc, d.BatteryPercent, HealthOf(d, now)))],
                total, counts);
        }

        private static List<DeviceHealth> HealthOf(Device d, DateTime now)
        {
            if (!d.Enabled)
            {
                return [DeviceHealth.Disabled];
            }

            var health = new List<DeviceHealth>();
            if (d.Offline)
            {
                health.Add(DeviceHealth.Offline);
            }

            if (d.LowBattery)
            {
                health.Add(DeviceHealth.LowBattery);
            }

            if (d.TestPressIsDue(now))
            {
                health.Add(DeviceHealth.TestDue);
            }

            return health.Count == 0 ? [DeviceHealth.Ok] : health;
        }
    }
}
