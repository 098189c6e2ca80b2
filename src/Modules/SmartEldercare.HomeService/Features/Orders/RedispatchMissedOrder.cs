using FluentValidation;
using SmartEldercare.HomeService.Catalogue;
using SmartEldercare.HomeService.Orders;
using SmartEldercare.Platform.Elders;

namespace SmartEldercare.HomeService.Features.Orders;

/// <summary>
/// A missed visit goes back out: a new order for the same need in a new window, dispatched at once; the missed one
/// stays missed (it counts against the provider who missed it) and points to its replacement.
/// </summary>
public static class RedispatchMissedOrder
{
    public sealed record Command(Guid OrderId, DateTimeOffset WindowStart, int WindowMinutes, Guid ProviderId, Guid? WorkerId = null)
        : ICommand<Result<Guid>>, IRequirePermission
    {
        public string Permission => Permissions.HomeServiceDispatch;
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator(IStringLocalizer<Strings> l, TimeProvider clock)
        {
            RuleFor(c => c.ProviderId).NotEmpty().WithMessage(l["HomeService.Provider.Required"]);
            RuleFor(c => c.WindowMinutes).InclusiveBetween(15, 480).WithMessage(l["HomeService.Order.Window.Length"]);
            RuleFor(c => c.WindowStart).Must(s => s.UtcDateTime >= clock.UtcNow().AddMinutes(-1)).WithMessage(l["HomeService.Order.WindowInPast"]);
        }
    }

    public sealed class Handler(IDbContextFactory<EldercareDbContext> dbs, ICurrentUser user, ILiveUpdates live, TimeProvider clock, IStringLocalizer<Strings> l)
        : ICommandHandler<Command, Result<Guid>>
    {
        public async ValueTask<Result<Guid>> Handle(Command command, CancellationToken cancellationToken)
        {
            await using var db = await dbs.CreateDbContextAsync(cancellationToken);
            var missed = await db.Set<ServiceOrder>().InScopeOf(user).SingleOrDefaultAsync(o => o.Id == command.OrderId, cancellationToken);
            if (missed is null)
            {
                return Result.NotFound().As<Guid>();
            }

            var item = await db.Set<ServiceItem>().AsNoTracking().SingleAsync(i => i.Id == missed.ItemId, cancellationToken);
            var (provider, price, worker, failure) = await DispatchTarget.ResolveAsync(db, user, command.ProviderId, command.WorkerId, item.Id, cancellationToken);
            if (provider is null)
            {
                return failure.Localized(l).As<Guid>();
            }

            var now = clock.UtcNow();
            var start = command.WindowStart.UtcDateTime;
            var replacement = ServiceOrder.Request(missed.ElderId, missed.RegionCode, item, missed.Quantity, start, start.AddMinutes(command.WindowMinutes),
                missed.SelfPayConsent, missed.Note, null, user.DisplayName, now);
            var handled = missed.HandleMissed(replacement.Id, user.DisplayName, now, null);
            if (!handled.IsSuccess)
            {
                return handled.Localized(l).As<Guid>();
            }

            replacement.Dispatch(provider.Id, provider.Name, price, user.DisplayName, now);
            if (worker is not null)
            {
                replacement.Assign(worker.Id, worker.Name, user.DisplayName, now);
            }

            db.Add(replacement);
            LiveUpdate[] updates = [OrderLive.Update(missed, "missed.redispatched", now), OrderLive.Update(replacement, worker is null ? "dispatched" : "assigned", now)];
            Array.ForEach(updates, u => LiveEvent.Stage(db, u));
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateConcurrencyException)
            {
                return Result.Conflict(l["Common.ChangedByOthers"]).As<Guid>();
            }

            await live.PushAllAsync(updates, cancellationToken);
            return replacement.Id;
        }
    }
}
