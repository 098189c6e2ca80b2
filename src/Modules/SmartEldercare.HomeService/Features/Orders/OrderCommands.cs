using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using SmartEldercare.HomeService.Catalogue;
using SmartEldercare.HomeService.Entitlements;
using SmartEldercare.HomeService.Features.Catalogue;
using SmartEldercare.HomeService.Orders;
using SmartEldercare.Platform.Behaviors;
using SmartEldercare.Platform.Common;
using SmartEldercare.Platform.Elders;
using SmartEldercare.Platform.Identity;
using SmartEldercare.Platform.Live;
using SmartEldercare.Platform.Localization;
using SmartEldercare.Platform.Organisations;
using SmartEldercare.Platform.Persistence;
using SmartEldercare.Platform.Regions;

namespace SmartEldercare.HomeService.Features.Orders;

/// <summary>What a dispatch needs: a provider offering the item (inside the dispatcher's scope) and, optionally, one of its workers.</summary>
internal static class DispatchTarget
{
    public static async Task<(Organisation? Provider, decimal Price, WorkerInfo? Worker, Result Failure)> ResolveAsync(
        EldercareDbContext db, ICurrentUser user, Guid providerId, Guid? workerId, Guid itemId, CancellationToken ct)
    {
        var provider = await ListCatalogue.Serving(db, user).SingleOrDefaultAsync(o => o.Id == providerId, ct);
        if (provider is null)
        {
            return (null, 0, null, Result.Invalid("ProviderId", "HomeService.Provider.Required"));
        }

        var offering = await db.Set<ProviderOffering>().AsNoTracking().SingleOrDefaultAsync(o => o.ProviderId == providerId && o.ItemId == itemId && o.Active, ct);
        if (offering is null)
        {
            return (null, 0, null, Result.Invalid("ProviderId", "HomeService.Dispatch.NotOffered"));
        }

        WorkerInfo? worker = null;
        if (workerId is { } w)
        {
            worker = await ProviderStaff.WorkerAsync(db, w, ct);
            if (worker is null || worker.OrganisationId != providerId)
            {
                return (null, 0, null, Result.Invalid("WorkerId", "HomeService.Dispatch.WorkerNotEmployed"));
            }
        }

        return (provider, offering.Price, worker, Result.Ok());
    }
}

/// <summary>
/// Street staff send an order to a provider (at its price) and, in the same click, to one of its workers. Sending it
/// again before the check-in moves it. <c>Version</c> is the board row the dispatcher saw: of two dispatchers, one wins.
/// </summary>
public static class DispatchOrder
{
    public sealed record Command(Guid OrderId, Guid ProviderId, Guid? WorkerId = null, int? Version = null) : ICommand<Result>, IRequirePermission
    {
        public string Permission => Permissions.HomeServiceDispatch;
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator(IStringLocalizer<Strings> l)
        {
            RuleFor(c => c.OrderId).NotEmpty();
            RuleFor(c => c.ProviderId).NotEmpty().WithMessage(l["HomeService.Provider.Required"]);
        }
    }

    public sealed class Handler(OrderChange change, ICurrentUser user) : ICommandHandler<Command, Result>
    {
        public async ValueTask<Result> Handle(Command command, CancellationToken cancellationToken) =>
            await change.ApplyAsync(command.OrderId, command.WorkerId is null ? "dispatched" : "assigned", async (db, order, now) =>
            {
                var (provider, price, worker, failure) = await DispatchTarget.ResolveAsync(db, user, command.ProviderId, command.WorkerId, order.ItemId, cancellationToken);
                if (provider is null)
                {
                    return failure;
                }

                var dispatched = order.Dispatch(provider.Id, provider.Name, price, user.DisplayName, now);
                return !dispatched.IsSuccess || worker is null ? dispatched : order.Assign(worker.Id, worker.Name, user.DisplayName, now);
            }, cancellationToken, command.Version);
    }
}

/// <summary>Staff confirm a checked-out visit: it draws the elder's month and is priced into subsidy and self-pay.</summary>
public static class VerifyOrder
{
    public sealed record Command(Guid OrderId) : ICommand<Result>, IRequirePermission
    {
        public string Permission => Permissions.HomeServiceDispatch;
    }

    public sealed class Handler(OrderChange change, ICurrentUser user, IDbContextFactory<EldercareDbContext> dbs, IEnumerable<IServiceCardCharges> cards) : ICommandHandler<Command, Result>
    {
        public async ValueTask<Result> Handle(Command command, CancellationToken cancellationToken)
        {
            await using (var db = await dbs.CreateDbContextAsync(cancellationToken))
            {
                var order = await db.Set<ServiceOrder>().AsNoTracking().InScopeOf(user).Where(o => o.Id == command.OrderId)
                    .Select(o => new { o.ElderId, o.Month }).SingleOrDefaultAsync(cancellationToken);
                if (order is null)
                {
                    return Result.NotFound();
                }

                await Balances.EnsureOpenedAsync(dbs, order.ElderId, order.Month, cancellationToken);
            }

            var result = await change.ApplyAsync(command.OrderId, "verified", async (db, order, now) =>
            {
                var balance = await db.Set<EntitlementBalance>().SingleAsync(b => b.ElderId == order.ElderId && b.Month == order.Month, cancellationToken);
                return order.Verify(balance, user.DisplayName, now);
            }, cancellationToken);
            if (result.IsSuccess)
            {
                // The self-paid part, fixed at verification (ADR 0004), is paid from the elder's service card when there is one.
                await using var db = await dbs.CreateDbContextAsync(cancellationToken);
                var verified = await db.Set<ServiceOrder>().AsNoTracking().Where(o => o.Id == command.OrderId)
                    .Select(o => new { o.ElderId, o.ProviderId, o.SelfPayAmount }).SingleAsync(cancellationToken);
                foreach (var card in cards)
                {
                    if (verified.ProviderId is { } provider)
                    {
                        await card.ChargeVerifiedVisitAsync(command.OrderId, verified.ElderId, provider, (long)(verified.SelfPayAmount * 100m), "居家服务自付", cancellationToken);
                    }
                }
            }

            return result;
        }
    }
}

public static class CancelOrder
{
    public sealed record Command(Guid OrderId, string Note) : ICommand<Result>, IRequirePermission
    {
        public string Permission => Permissions.HomeServiceOrder;
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator(IStringLocalizer<Strings> l) =>
            RuleFor(c => c.Note).NotEmpty().WithMessage(l["HomeService.Cancel.NoteRequired"])
                .MaximumLength(ServiceOrder.NoteMaxLength).WithMessage(l["Validation.MaxLength", ServiceOrder.NoteMaxLength]);
    }

    public sealed class Handler(OrderChange change, ICurrentUser user) : ICommandHandler<Command, Result>
    {
        public async ValueTask<Result> Handle(Command command, CancellationToken cancellationToken) =>
            await change.ApplyAsync(command.OrderId, "cancelled", (_, order, now) => Task.FromResult(order.Cancel(user.DisplayName, now, command.Note)), cancellationToken);
    }
}

/// <summary>
/// Staff correct a visit record's check-in/out times with a reason code (e.g. the phone failed at the door). Audited
/// with the reason; the order keeps the "corrected" flag and the step says what changed from what.
/// </summary>
public static class CorrectVisit
{
    public sealed record Command(Guid OrderId, DateTimeOffset? CheckedIn, DateTimeOffset? CheckedOut, CorrectionReason Reason, string? Note)
        : ICommand<Result>, IRequirePermission, IAuditDetail
    {
        public string Permission => Permissions.HomeServiceDispatch;

        public string AuditDetail => $"correct visit {OrderId}: {Reason}";
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator(IStringLocalizer<Strings> l)
        {
            RuleFor(c => c.Reason).IsInEnum().WithMessage(l["Validation.Choice"]);
            RuleFor(c => c).Must(c => c.CheckedIn is not null || c.CheckedOut is not null).WithName(nameof(Command.CheckedIn)).WithMessage(l["HomeService.Correct.TimesInvalid"]);
            RuleFor(c => c.Note).MaximumLength(ServiceOrder.NoteMaxLength).WithMessage(l["Validation.MaxLength", ServiceOrder.NoteMaxLength]);
        }
    }

    public sealed class Handler(OrderChange change, ICurrentUser user) : ICommandHandler<Command, Result>
    {
        public async ValueTask<Result> Handle(Command command, CancellationToken cancellationToken) =>
            await change.ApplyAsync(command.OrderId, "corrected", (_, order, now) =>
                Task.FromResult(order.Correct(command.CheckedIn?.UtcDateTime, command.CheckedOut?.UtcDateTime, command.Reason, command.Note, user.DisplayName, now)), cancellationToken);
    }
}

/// <summary>A missed visit leaves the board without a new order (e.g. the elder no longer needs it), with a note.</summary>
public static class CloseMissedOrder
{
    public sealed record Command(Guid OrderId, string Note) : ICommand<Result>, IRequirePermission
    {
        public string Permission => Permissions.HomeServiceDispatch;
    }

    public sealed class Handler(OrderChange change, ICurrentUser user) : ICommandHandler<Command, Result>
    {
        public async ValueTask<Result> Handle(Command command, CancellationToken cancellationToken) =>
            await change.ApplyAsync(command.OrderId, "missed.closed", (_, order, now) => Task.FromResult(order.HandleMissed(null, user.DisplayName, now, command.Note)), cancellationToken);
    }
}

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
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateConcurrencyException)
            {
                return Result.Conflict(l["Common.ChangedByOthers"]).As<Guid>();
            }

            await live.PublishAsync(OrderLive.Update(missed, "missed.redispatched", now), cancellationToken);
            await live.PublishAsync(OrderLive.Update(replacement, worker is null ? "dispatched" : "assigned", now), cancellationToken);
            return replacement.Id;
        }
    }
}
