using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using SmartEldercare.HomeService.Catalogue;
using SmartEldercare.HomeService.Features.Orders;
using SmartEldercare.HomeService.Orders;
using SmartEldercare.Platform.Behaviors;
using SmartEldercare.Platform.Common;
using SmartEldercare.Platform.Elders;
using SmartEldercare.Platform.Identity;
using SmartEldercare.Platform.Localization;
using SmartEldercare.Platform.Persistence;
using SmartEldercare.Platform.Regions;

namespace SmartEldercare.HomeService.Features.Elders;

/// <summary>An elder of the user's scope, and the home record (created on first use with a fresh QR token).</summary>
internal static class Homes
{
    public static async Task<(Elder? Elder, ElderHome? Home)> LoadAsync(EldercareDbContext db, ICurrentUser user, Guid elderId, CancellationToken ct)
    {
        var elder = await db.Elders.AsNoTracking().InScopeOf(user).SingleOrDefaultAsync(e => e.Id == elderId && e.Status == ElderStatus.Active, ct);
        if (elder is null)
        {
            return (null, null);
        }

        var home = await db.Set<ElderHome>().SingleOrDefaultAsync(h => h.ElderId == elderId, ct);
        if (home is null)
        {
            home = new ElderHome { ElderId = elderId, RegionCode = elder.RegionCode };
            db.Add(home);
        }

        home.RegionCode = elder.RegionCode;
        return (elder, home);
    }
}

/// <summary>Records where the home is (e.g. staff standing at the door press "use my position"), for location check-ins.</summary>
public static class LocateHome
{
    public sealed record Command(Guid ElderId, double Latitude, double Longitude) : ICommand<Result>, IRequirePermission
    {
        public string Permission => Permissions.HomeServiceOrder;
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator(IStringLocalizer<Strings> l) =>
            RuleFor(c => c).Must(c => ElderHome.AreValid(c.Latitude, c.Longitude)).WithName(nameof(Command.Latitude)).WithMessage(l["HomeService.Location.Invalid"]);
    }

    public sealed class Handler(IDbContextFactory<EldercareDbContext> dbs, ICurrentUser user, TimeProvider clock) : ICommandHandler<Command, Result>
    {
        public async ValueTask<Result> Handle(Command command, CancellationToken cancellationToken)
        {
            await using var db = await dbs.CreateDbContextAsync(cancellationToken);
            var (elder, home) = await Homes.LoadAsync(db, user, command.ElderId, cancellationToken);
            if (elder is null)
            {
                return Result.NotFound();
            }

            home!.Locate(command.Latitude, command.Longitude, clock.UtcNow());
            await db.SaveChangesAsync(cancellationToken);
            return Result.Ok();
        }
    }
}

/// <summary>A new QR code for the home (the old printout stops working), e.g. after it was lost or copied.</summary>
public static class RenewHomeQr
{
    public sealed record Command(Guid ElderId) : ICommand<Result>, IRequirePermission
    {
        public string Permission => Permissions.HomeServiceOrder;
    }

    public sealed class Handler(IDbContextFactory<EldercareDbContext> dbs, ICurrentUser user, TimeProvider clock) : ICommandHandler<Command, Result>
    {
        public async ValueTask<Result> Handle(Command command, CancellationToken cancellationToken)
        {
            await using var db = await dbs.CreateDbContextAsync(cancellationToken);
            var (elder, home) = await Homes.LoadAsync(db, user, command.ElderId, cancellationToken);
            if (elder is null)
            {
                return Result.NotFound();
            }

            if (db.Entry(home!).State != EntityState.Added)
            {
                home!.RenewToken(clock.UtcNow());
            }

            await db.SaveChangesAsync(cancellationToken);
            return Result.Ok();
        }
    }
}

/// <summary>Village staff record a hospital stay (to: empty while still there): visits in it are flagged.</summary>
public static class RecordHospitalStay
{
    public sealed record Command(Guid ElderId, DateOnly From, DateOnly? To, string? Note) : ICommand<Result>, IRequirePermission
    {
        public string Permission => Permissions.HomeServiceOrder;
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator(IStringLocalizer<Strings> l)
        {
            RuleFor(c => c.To).Must((c, to) => to is null || to >= c.From).WithMessage(l["HomeService.Stay.Range"]);
            RuleFor(c => c.Note).MaximumLength(HospitalStay.NoteMaxLength).WithMessage(l["Validation.MaxLength", HospitalStay.NoteMaxLength]);
        }
    }

    public sealed class Handler(IDbContextFactory<EldercareDbContext> dbs, ICurrentUser user, TimeProvider clock, IStringLocalizer<Strings> l) : ICommandHandler<Command, Result>
    {
        public async ValueTask<Result> Handle(Command command, CancellationToken cancellationToken)
        {
            await using var db = await dbs.CreateDbContextAsync(cancellationToken);
            var elder = await db.Elders.AsNoTracking().InScopeOf(user).SingleOrDefaultAsync(e => e.Id == command.ElderId, cancellationToken);
            if (elder is null)
            {
                return Result.NotFound();
            }

            // One person is in one hospital stay at a time: a stay sharing a day with one already recorded is refused.
            if (await db.Set<HospitalStay>().AnyAsync(h => h.ElderId == elder.Id && (h.To == null || h.To >= command.From) && (command.To == null || h.From <= command.To), cancellationToken))
            {
                return Result.Invalid(nameof(Command.From), l["HomeService.Stay.Overlap"]);
            }

            db.Add(new HospitalStay
            {
                ElderId = elder.Id, RegionCode = elder.RegionCode, From = command.From, To = command.To, Note = string.IsNullOrWhiteSpace(command.Note) ? null : command.Note.Trim(),
                RecordedBy = user.DisplayName, RecordedAtUtc = clock.UtcNow(),
            });
            await db.SaveChangesAsync(cancellationToken);
            return Result.Ok();
        }
    }
}

/// <summary>The elder is back home: the stay ends on the given day (visits after it are no longer flagged).</summary>
public static class EndHospitalStay
{
    public sealed record Command(Guid StayId, DateOnly To) : ICommand<Result>, IRequirePermission
    {
        public string Permission => Permissions.HomeServiceOrder;
    }

    public sealed class Handler(IDbContextFactory<EldercareDbContext> dbs, ICurrentUser user, IStringLocalizer<Strings> l) : ICommandHandler<Command, Result>
    {
        public async ValueTask<Result> Handle(Command command, CancellationToken cancellationToken)
        {
            await using var db = await dbs.CreateDbContextAsync(cancellationToken);
            var stay = await db.Set<HospitalStay>().InScopeOf(user).SingleOrDefaultAsync(h => h.Id == command.StayId, cancellationToken);
            if (stay is null)
            {
                return Result.NotFound();
            }

            if (command.To < stay.From)
            {
                return Result.Invalid(nameof(Command.To), l["HomeService.Stay.Range"]);
            }

            stay.To = command.To;
            await db.SaveChangesAsync(cancellationToken);
            return Result.Ok();
        }
    }
}

/// <summary>A recurring need (e.g. lunch every working day at 11:00), optionally straight to a provider and worker.</summary>
public static class SavePlan
{
    public sealed record Command(Guid ElderId, Guid ItemId, int Quantity, Weekdays Days, TimeOnly StartTime, int WindowMinutes, DateOnly FromDate, DateOnly? ToDate,
        Guid? ProviderId = null, Guid? WorkerId = null, bool SelfPayConsent = false) : ICommand<Result<Guid>>, IRequirePermission
    {
        public string Permission => Permissions.HomeServiceOrder;
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator(IStringLocalizer<Strings> l, TimeProvider clock)
        {
            RuleFor(c => c.ItemId).NotEmpty().WithMessage(l["HomeService.Item.Required"]);
            RuleFor(c => c.Quantity).InclusiveBetween(1, RequestOrder.MaxQuantity).WithMessage(l["HomeService.Order.Quantity.Range", RequestOrder.MaxQuantity]);
            RuleFor(c => c.Days).Must(d => d != Weekdays.None && (d & ~Weekdays.Every) == 0).WithMessage(l["HomeService.Plan.Days.Required"]);
            RuleFor(c => c.WindowMinutes).InclusiveBetween(15, 480).WithMessage(l["HomeService.Order.Window.Length"]);
            RuleFor(c => c.FromDate).Must(d => d >= clock.Today()).WithMessage(l["HomeService.Order.WindowInPast"]);
            RuleFor(c => c.ToDate).Must((c, to) => to is null || to >= c.FromDate).WithMessage(l["HomeService.Stay.Range"]);
        }
    }

    public sealed class Handler(IDbContextFactory<EldercareDbContext> dbs, ICurrentUser user, TimeProvider clock, PlanScheduler scheduler, IStringLocalizer<Strings> l)
        : ICommandHandler<Command, Result<Guid>>
    {
        public async ValueTask<Result<Guid>> Handle(Command command, CancellationToken cancellationToken)
        {
            await using var db = await dbs.CreateDbContextAsync(cancellationToken);
            var elder = await db.Elders.AsNoTracking().InScopeOf(user).SingleOrDefaultAsync(e => e.Id == command.ElderId && e.Status == ElderStatus.Active, cancellationToken);
            if (elder is null)
            {
                return Result.NotFound().As<Guid>();
            }

            if (!await db.Set<ServiceItem>().AnyAsync(i => i.Id == command.ItemId && i.Active, cancellationToken))
            {
                return Result.Invalid(nameof(Command.ItemId), l["HomeService.Item.Required"]).As<Guid>();
            }

            if (command.ProviderId is { } providerId)
            {
                var (provider, _, _, failure) = await DispatchTarget.ResolveAsync(db, user, providerId, command.WorkerId, command.ItemId, cancellationToken);
                if (provider is null)
                {
                    return failure.Localized(l).As<Guid>();
                }
            }

            var plan = new ServicePlan
            {
                ElderId = elder.Id, RegionCode = elder.RegionCode, ItemId = command.ItemId, Quantity = command.Quantity, Days = command.Days, StartTime = command.StartTime,
                WindowMinutes = command.WindowMinutes, FromDate = command.FromDate, ToDate = command.ToDate, ProviderId = command.ProviderId,
                WorkerId = command.ProviderId is null ? null : command.WorkerId, SelfPayConsent = command.SelfPayConsent, CreatedBy = user.DisplayName, CreatedAtUtc = clock.UtcNow(),
            };
            db.Add(plan);
            await db.SaveChangesAsync(cancellationToken);
            // The first days are ordered now rather than at the scheduler's next hourly run.
            await scheduler.RunOnceAsync(cancellationToken);
            return plan.Id;
        }
    }
}

public static class StopPlan
{
    public sealed record Command(Guid PlanId) : ICommand<Result>, IRequirePermission
    {
        public string Permission => Permissions.HomeServiceOrder;
    }

    public sealed class Handler(IDbContextFactory<EldercareDbContext> dbs, ICurrentUser user) : ICommandHandler<Command, Result>
    {
        public async ValueTask<Result> Handle(Command command, CancellationToken cancellationToken)
        {
            await using var db = await dbs.CreateDbContextAsync(cancellationToken);
            var plan = await db.Set<ServicePlan>().InScopeOf(user).SingleOrDefaultAsync(p => p.Id == command.PlanId, cancellationToken);
            if (plan is null)
            {
                return Result.NotFound();
            }

            plan.Active = false;
            plan.Version++;
            await db.SaveChangesAsync(cancellationToken);
            return Result.Ok();
        }
    }
}
