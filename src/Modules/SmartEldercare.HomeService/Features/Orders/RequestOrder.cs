using FluentValidation;
using SmartEldercare.HomeService.Catalogue;
using SmartEldercare.HomeService.Entitlements;
using SmartEldercare.HomeService.Orders;
using SmartEldercare.Platform.Elders;

namespace SmartEldercare.HomeService.Features.Orders;

/// <summary>
/// Village or street staff order a service for an elder (e.g. after a phone call): the item, how many units, the
/// time window. Beyond what the elder's month still allows, only with the elder's consent to pay the rest.
/// </summary>
public static class RequestOrder
{
    public const int MaxQuantity = 10;

    /// <summary>
    /// <c>WindowStart</c>: when the worker should arrive (with its offset; shown in Asia/Shanghai), open for <c>WindowMinutes</c>;
    /// <c>SelfPayConsent</c>: the elder agreed to pay what the entitlement does not cover.
    /// </summary>
    public sealed record Command(Guid ElderId, Guid ItemId, int Quantity, DateTimeOffset WindowStart, int WindowMinutes = 60, bool SelfPayConsent = false, string? Note = null)
        : ICommand<Result<Guid>>, IRequirePermission
    {
        public string Permission => Permissions.HomeServiceOrder;
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator(IStringLocalizer<Strings> l, TimeProvider clock)
        {
            RuleFor(c => c.ElderId).NotEmpty().WithMessage(l["HomeService.Elder.Required"]);
            RuleFor(c => c.ItemId).NotEmpty().WithMessage(l["HomeService.Item.Required"]);
            RuleFor(c => c.Quantity).InclusiveBetween(1, MaxQuantity).WithMessage(l["HomeService.Order.Quantity.Range", MaxQuantity]);
            RuleFor(c => c.WindowMinutes).InclusiveBetween(15, 480).WithMessage(l["HomeService.Order.Window.Length"]);
            // A minute's grace for the time it takes to press the button.
            RuleFor(c => c.WindowStart).Must(s => s.UtcDateTime >= clock.UtcNow().AddMinutes(-1)).WithMessage(l["HomeService.Order.WindowInPast"])
                .Must(s => s.UtcDateTime <= clock.UtcNow().AddDays(92)).WithMessage(l["HomeService.Order.WindowTooFar"]);
            RuleFor(c => c.Note).MaximumLength(ServiceOrder.NoteMaxLength).WithMessage(l["Validation.MaxLength", ServiceOrder.NoteMaxLength]);
        }
    }

    public sealed class Handler(IDbContextFactory<EldercareDbContext> dbs, ICurrentUser user, ILiveUpdates live, TimeProvider clock, IStringLocalizer<Strings> l)
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

            var item = await db.Set<ServiceItem>().AsNoTracking().SingleOrDefaultAsync(i => i.Id == command.ItemId && i.Active, cancellationToken);
            if (item is null)
            {
                return Result.Invalid(nameof(Command.ItemId), l["HomeService.Item.Required"]).As<Guid>();
            }

            var start = command.WindowStart.UtcDateTime;
            var entitled = await CheckEntitlementAsync(db, elder, YearMonth.OfUtc(start), command.Quantity, command.SelfPayConsent, l, cancellationToken);
            if (!entitled.IsSuccess)
            {
                return entitled.As<Guid>();
            }

            var now = clock.UtcNow();
            var order = ServiceOrder.Request(elder.Id, elder.RegionCode, item, command.Quantity, start, start.AddMinutes(command.WindowMinutes),
                command.SelfPayConsent, command.Note, null, user.DisplayName, now);
            db.Add(order);
            var liveUpdate = OrderLive.Update(order, "requested", now);
            LiveEvent.Stage(db, liveUpdate);
            await db.SaveChangesAsync(cancellationToken);
            await live.PushAsync(liveUpdate, cancellationToken);
            return order.Id;
        }
    }

    /// <summary>Ordering beyond what the month still allows needs the elder's consent to self-pay.</summary>
    internal static async Task<Result> CheckEntitlementAsync(EldercareDbContext db, Elder elder, int month, int quantity, bool selfPayConsent, IStringLocalizer l, CancellationToken ct)
    {
        if (selfPayConsent)
        {
            return Result.Ok();
        }

        var balance = await Balances.ViewAsync(db, elder, month, ct);
        return quantity <= balance.Available
            ? Result.Ok()
            : Result.Invalid(nameof(Command.SelfPayConsent), l["HomeService.Order.BeyondEntitlement", balance.Available, quantity]);
    }
}
