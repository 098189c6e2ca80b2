using FluentValidation;
using SmartEldercare.HomeService.Catalogue;
using SmartEldercare.HomeService.Features.Orders;
using SmartEldercare.HomeService.Orders;
using SmartEldercare.Platform.Elders;

namespace SmartEldercare.HomeService.Features.Elders;

/// <summary>A recurring need (e.g. lunch every working day at 11:00), optionally straight to a provider and worker.</summary>
public static class SavePlan
{
    public sealed record Command(Guid ElderId, Guid ItemId, int Quantity, Weekdays Days, TimeOnly StartTime, int WindowMinutes, DateOnly FromDate, DateOnly? ToDate,
        Guid? ProviderId = null, Guid? WorkerId = null, bool SelfPayConsent = false) : RequiresPermission(Permissions.HomeServiceOrder), ICommand<Result<Guid>>;

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
