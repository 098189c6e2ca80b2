using FluentValidation;
using SmartEldercare.Emergency.Devices;

namespace SmartEldercare.Emergency.Features.Devices;

public static class RegisterDevice
{
    public sealed record Command(string Code, DeviceKind Kind, Guid? ElderId, Guid? OrganisationId, int HeartbeatSeconds = 300)
        : ICommand<Result<DeviceSecret>>, IRequirePermission
    {
        public string Permission => Permissions.EmergencyDevices;
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator(IStringLocalizer<Strings> l)
        {
            RuleFor(c => c.Code).NotEmpty().WithMessage(l["Devices.Code.Required"])
                .MaximumLength(Device.CodeMaxLength).WithMessage(l["Validation.MaxLength", Device.CodeMaxLength])
                .Matches("^[A-Za-z0-9-_]+$").WithMessage(l["Devices.Code.Format"]);
            RuleFor(c => c.Kind).IsInEnum().WithMessage(l["Validation.Choice"]);
            RuleFor(c => c).Must(c => c.ElderId is null != (c.OrganisationId is null)).WithName("ElderId").WithMessage(l["Devices.Owner.OneOf"]);
            RuleFor(c => c.HeartbeatSeconds).InclusiveBetween(30, 86_400).WithMessage(l["Devices.Heartbeat.Range"]);
        }
    }

    public sealed class Handler(IDbContextFactory<EldercareDbContext> dbs, ICurrentUser user, TimeProvider clock, IStringLocalizer<Strings> l)
        : ICommandHandler<Command, Result<DeviceSecret>>
    {
        public async ValueTask<Result<DeviceSecret>> Handle(Command command, CancellationToken cancellationToken)
        {
            await using var db = await dbs.CreateDbContextAsync(cancellationToken);
            var (region, failure) = await DeviceOwner.RegionOfAsync(db, user, command.ElderId, command.OrganisationId, cancellationToken);
            if (region is null)
            {
                return failure.Localized(l).As<DeviceSecret>();
            }

            var code = Device.NormalizeCode(command.Code);
            if (await db.Set<Device>().AnyAsync(d => d.Code == code, cancellationToken))
            {
                return Result.Invalid(nameof(Command.Code), l["Devices.Code.Taken"]).As<DeviceSecret>();
            }

            var now = clock.UtcNow();
            var device = new Device
            {
                Code = code, Kind = command.Kind, ElderId = command.ElderId, OrganisationId = command.OrganisationId, RegionCode = region,
                HeartbeatSeconds = command.HeartbeatSeconds, Secret = Device.NewSecret(), CreatedAtUtc = now,
            };
            device.SeenAt(now);
            device.LastSeenUtc = null;
            db.Add(device);
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateException)
            {
                return Result.Invalid(nameof(Command.Code), l["Devices.Code.Taken"]).As<DeviceSecret>();
            }

            return new DeviceSecret(device.Id, device.Code, device.Secret);
        }
    }
}
