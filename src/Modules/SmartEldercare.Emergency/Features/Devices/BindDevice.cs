using FluentValidation;
using SmartEldercare.Emergency.Devices;
using SmartEldercare.Platform.Elders;

namespace SmartEldercare.Emergency.Features.Devices;

public static class BindDevice
{
    public sealed record Command(Guid Id, Guid? ElderId, Guid? OrganisationId) : RequiresPermission(Permissions.EmergencyDevices), ICommand<Result>;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator(IStringLocalizer<Strings> l) =>
            RuleFor(c => c).Must(c => c.ElderId is null != (c.OrganisationId is null)).WithName("ElderId").WithMessage(l["Devices.Owner.OneOf"]);
    }

    public sealed class Handler(IDbContextFactory<EldercareDbContext> dbs, ICurrentUser user, IStringLocalizer<Strings> l) : ICommandHandler<Command, Result>
    {
        public async ValueTask<Result> Handle(Command command, CancellationToken cancellationToken)
        {
            await using var db = await dbs.CreateDbContextAsync(cancellationToken);
            var device = await db.Set<Device>().InScopeOf(user).SingleOrDefaultAsync(d => d.Id == command.Id, cancellationToken);
            if (device is null)
            {
                return Result.NotFound();
            }

            var (region, failure) = await DeviceOwner.RegionOfAsync(db, user, command.ElderId, command.OrganisationId, cancellationToken);
            if (region is null)
            {
                return failure.Localized(l);
            }

            device.ElderId = command.ElderId;
            device.OrganisationId = command.OrganisationId;
            device.RegionCode = region;
            device.Version++;
            await db.SaveChangesAsync(cancellationToken);
            return Result.Ok();
        }
    }
}
