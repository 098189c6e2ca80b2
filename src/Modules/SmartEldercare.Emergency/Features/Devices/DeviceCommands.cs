using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using SmartEldercare.Emergency.Devices;
using SmartEldercare.Platform.Behaviors;
using SmartEldercare.Platform.Common;
using SmartEldercare.Platform.Elders;
using SmartEldercare.Platform.Identity;
using SmartEldercare.Platform.Localization;
using SmartEldercare.Platform.Persistence;
using SmartEldercare.Platform.Regions;

namespace SmartEldercare.Emergency.Features.Devices;

/// <summary>The secret is shown once, here; only its owner's device and the platform (encrypted) keep it.</summary>
public sealed record DeviceSecret(Guid Id, string Code, string Secret);

/// <summary>Where a device belongs: an elder's home or an institution, inside the user's scope.</summary>
internal static class DeviceOwner
{
    public static async Task<(string? Region, Result Failure)> RegionOfAsync(EldercareDbContext db, ICurrentUser user, Guid? elderId, Guid? organisationId, CancellationToken ct)
    {
        string? region = null;
        if (elderId is { } e)
        {
            region = await db.Elders.AsNoTracking().InScopeOf(user).Where(x => x.Id == e && x.Status == ElderStatus.Active).Select(x => x.RegionCode).SingleOrDefaultAsync(ct);
        }
        else if (organisationId is { } o)
        {
            region = await db.Organisations.AsNoTracking().InScopeOf(user).Where(x => x.Id == o).Select(x => x.RegionCode).SingleOrDefaultAsync(ct);
        }

        return region is null ? (null, Result.Invalid(elderId is null ? "OrganisationId" : "ElderId", "Devices.Owner.Unknown")) : (region, Result.Ok());
    }
}

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

            var code = command.Code.Trim().ToUpperInvariant();
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

public static class SetDeviceEnabled
{
    public sealed record Command(Guid Id, bool Enabled) : ICommand<Result>, IRequirePermission
    {
        public string Permission => Permissions.EmergencyDevices;
    }

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

public static class BindDevice
{
    public sealed record Command(Guid Id, Guid? ElderId, Guid? OrganisationId) : ICommand<Result>, IRequirePermission
    {
        public string Permission => Permissions.EmergencyDevices;
    }

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
