using SmartEldercare.Emergency.Devices;
using SmartEldercare.Platform.Elders;

namespace SmartEldercare.Emergency.Features.Devices;

public static class SetDeviceEnabled
{
    public sealed record Command(Guid Id, bool Enabled) : RequiresPermission(Permissions.EmergencyDevices), ICommand<Result>;

    public sealed class Handler(IDbContextFactory<EldercareDbContext> dbs, ICurrentUser user, TimeProvider clock) : ICommandHandler<Command, Result>
    {
        public async ValueTask<Result> Handle(Command command, CancellationToken cancellationToken)
        {
            await using var db = await dbs.CreateDbContextAsync(cancellationToken);
            var device = await db.Set<Device>().InScopeOf(user).SingleOrDefaultAsync(d => d.Id == command.Id, cancellationToken);
            if (device is null)
            {
                return Result.NotFound();
            }

            device.Enabled = command.Enabled;
            if (command.Enabled)
            {
                // Re-enabled: give it a full heartbeat period before it counts as offline.
                var lastSeen = device.LastSeenUtc;
                device.SeenAt(clock.UtcNow());
                device.LastSeenUtc = lastSeen;
            }

            device.Version++;
            await db.SaveChangesAsync(cancellationToken);
            return Result.Ok();
        }
    }
}
