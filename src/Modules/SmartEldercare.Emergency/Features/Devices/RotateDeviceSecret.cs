using SmartEldercare.Emergency.Devices;
using SmartEldercare.Platform.Elders;

namespace SmartEldercare.Emergency.Features.Devices;

public static class RotateDeviceSecret
{
    public sealed record Command(Guid Id) : ICommand<Result<DeviceSecret>>, IRequirePermission, IAuditDetail
    {
        public string Permission => Permissions.EmergencyDevices;

        public string AuditDetail => "rotate device secret";
    }

    public sealed class Handler(IDbContextFactory<EldercareDbContext> dbs, ICurrentUser user) : ICommandHandler<Command, Result<DeviceSecret>>
    {
        public async ValueTask<Result<DeviceSecret>> Handle(Command command, CancellationToken cancellationToken)
        {
            await using var db = await dbs.CreateDbContextAsync(cancellationToken);
            var device = await db.Set<Device>().InScopeOf(user).SingleOrDefaultAsync(d => d.Id == command.Id, cancellationToken);
            if (device is null)
            {
                return Result.NotFound().As<DeviceSecret>();
            }

            device.Secret = Device.NewSecret();
            device.Version++;
            await db.SaveChangesAsync(cancellationToken);
            return new DeviceSecret(device.Id, device.Code, device.Secret);
        }
    }
}
