using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using SmartEldercare.HomeService.Catalogue;
using SmartEldercare.HomeService.Features.Orders;
using SmartEldercare.HomeService.Orders;
using SmartEldercare.Platform.Behaviors;
using SmartEldercare.Platform.Common;
using SmartEldercare.Platform.Identity;
using SmartEldercare.Platform.Live;
using SmartEldercare.Platform.Localization;
using SmartEldercare.Platform.Persistence;
using SmartEldercare.Platform.Regions;

namespace SmartEldercare.HomeService.Features.Worker;

/// <summary>A worker takes an order dispatched to their provider that nobody has taken yet.</summary>
public static class AcceptOrder
{
    public sealed record Command(Guid OrderId) : ICommand<Result>, IRequirePermission
    {
        public string Permission => Permissions.HomeServiceWork;
    }

    public sealed class Handler(OrderChange change, ICurrentUser user) : ICommandHandler<Command, Result>
    {
        public async ValueTask<Result> Handle(Command command, CancellationToken cancellationToken) =>
            await change.ApplyAsync(command.OrderId, "assigned", async (db, order, now) =>
            {
                var me = await ProviderStaff.WorkerAsync(db, user.Id, cancellationToken);
                if (me?.OrganisationId is null || order.ProviderId != me.OrganisationId)
                {
                    return Result.NotFound();
                }

                return order.Status == OrderStatus.Dispatched ? order.Assign(me.Id, me.Name, user.DisplayName, now) : Result.Conflict("HomeService.Order.Taken");
            }, cancellationToken);
    }
}

/// <summary>
/// The worker arrives: either the browser's position (compared with the home's coordinates; farther than the radius
/// is flagged) or the token of the QR code on the elder's door (another elder's code is refused). The same worker
/// checked in elsewhere, or the elder in hospital that day, is flagged for supervision.
/// </summary>
public static class CheckIn
{
    public sealed record Command(Guid OrderId, double? Latitude = null, double? Longitude = null, string? QrToken = null) : ICommand<Result>, IRequirePermission
    {
        public string Permission => Permissions.HomeServiceWork;
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator(IStringLocalizer<Strings> l)
        {
            RuleFor(c => c).Must(c => !string.IsNullOrWhiteSpace(c.QrToken) || (c.Latitude is not null && c.Longitude is not null))
                .WithName(nameof(Command.QrToken)).WithMessage(l["HomeService.CheckIn.HowRequired"]);
            RuleFor(c => c).Must(c => c.Latitude is null || c.Longitude is null || ElderHome.AreValid(c.Latitude.Value, c.Longitude.Value))
                .WithName(nameof(Command.Latitude)).WithMessage(l["HomeService.Location.Invalid"]);
            RuleFor(c => c.QrToken).MaximumLength(200);
        }
    }

    public sealed class Handler(OrderChange change, ICurrentUser user, HomeServiceOptions options, ILiveUpdates live, TimeProvider clock) : ICommandHandler<Command, Result>
    {
        public async ValueTask<Result> Handle(Command command, CancellationToken cancellationToken)
        {
            var flags = VisitFlags.None;
            ServiceOrder? checkedIn = null;
            var result = await change.ApplyAsync(command.OrderId, "checkedin", async (db, order, now) =>
            {
                if (order.WorkerId != user.Id)
                {
                    return Result.NotFound();
                }

                if (order.Status is OrderStatus.CheckedIn or OrderStatus.CheckedOut or OrderStatus.Verified)
                {
                    return Result.Conflict("HomeService.CheckIn.Twice");
                }

                var home = await db.Set<ElderHome>().AsNoTracking().SingleOrDefaultAsync(h => h.ElderId == order.ElderId, cancellationToken);
                CheckInMethod method;
                int? distance = null;
                if (!string.IsNullOrWhiteSpace(command.QrToken))
                {
                    var token = Token(command.QrToken);
                    if (home is null || !string.Equals(home.QrToken, token, StringComparison.Ordinal))
                    {
                        return Result.Invalid(nameof(Command.QrToken), "HomeService.CheckIn.WrongQr");
                    }

                    method = CheckInMethod.QrCode;
                }
                else
                {
                    if (home?.Coordinates is not { } at)
                    {
                        return Result.Invalid(nameof(Command.Latitude), "HomeService.CheckIn.NoHomeLocation");
                    }

                    method = CheckInMethod.Location;
                    distance = (int)Math.Round(ElderHome.DistanceMeters(at, (command.Latitude!.Value, command.Longitude!.Value)));
                    if (distance > options.CheckInRadiusMeters)
                    {
                        flags |= VisitFlags.FarCheckIn;
                    }
                }

                var me = user.Id;
                if (await db.Set<ServiceOrder>().AnyAsync(o => o.WorkerId == me && o.Status == OrderStatus.CheckedIn && o.Id != order.Id, cancellationToken))
                {
                    flags |= VisitFlags.Overlap;
                }

                var today = clock.Today();
                if (await db.Set<HospitalStay>().AnyAsync(h => h.ElderId == order.ElderId && h.From <= today && (h.To == null || h.To >= today), cancellationToken))
                {
                    flags |= VisitFlags.DuringHospitalStay;
                }

                checkedIn = order;
                return order.CheckIn(me, method, distance, flags, user.DisplayName, now);
            }, cancellationToken);

            if (result.IsSuccess && flags != VisitFlags.None && checkedIn is not null)
            {
                // Supervision sees it live on the street console.
                await live.PublishAsync(OrderLive.Update(checkedIn, "flagged", clock.UtcNow()), cancellationToken);
            }

            return result;
        }

        /// <summary>The code holds the check-in address (<c>…/home-service/worker?qr=TOKEN</c>) or just the token.</summary>
        internal static string Token(string scanned)
        {
            var text = scanned.Trim();
            var at = text.IndexOf("qr=", StringComparison.Ordinal);
            if (at >= 0)
            {
                text = text[(at + 3)..];
                var end = text.IndexOf('&', StringComparison.Ordinal);
                text = end >= 0 ? text[..end] : text;
            }

            return Uri.UnescapeDataString(text);
        }
    }
}

/// <summary>
/// The worker leaves: the checklist ticked, notes, and — for a visit more than the tolerance shorter or longer than the
/// item's standard — a reason code (and text for "other").
/// </summary>
public static class CheckOut
{
    public sealed record Command(Guid OrderId, IReadOnlyList<string>? TasksDone = null, string? Notes = null, DurationReason? Reason = null, string? ReasonNote = null)
        : ICommand<Result>, IRequirePermission
    {
        public string Permission => Permissions.HomeServiceWork;
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator(IStringLocalizer<Strings> l)
        {
            RuleFor(c => c.Notes).MaximumLength(ServiceOrder.NoteMaxLength).WithMessage(l["Validation.MaxLength", ServiceOrder.NoteMaxLength]);
            RuleFor(c => c.ReasonNote).MaximumLength(ServiceOrder.NoteMaxLength).WithMessage(l["Validation.MaxLength", ServiceOrder.NoteMaxLength]);
            RuleFor(c => c.Reason).IsInEnum().WithMessage(l["Validation.Choice"]);
            RuleFor(c => c.TasksDone).Must(t => t is null || t.Count <= 30).WithMessage(l["Validation.Choice"]);
        }
    }

    public sealed class Handler(OrderChange change, ICurrentUser user, HomeServiceOptions options) : ICommandHandler<Command, Result>
    {
        public async ValueTask<Result> Handle(Command command, CancellationToken cancellationToken) =>
            await change.ApplyAsync(command.OrderId, "checkedout", async (db, order, now) =>
            {
                if (order.WorkerId != user.Id)
                {
                    return Result.NotFound();
                }

                var item = await db.Set<ServiceItem>().AsNoTracking().SingleAsync(i => i.Id == order.ItemId, cancellationToken);
                // Only the item's own tasks count as done.
                var done = (command.TasksDone ?? []).Select(t => t.Trim()).Where(item.Tasks.Contains).Distinct().ToList();
                return order.CheckOut(user.Id, done, command.Notes, command.Reason, command.ReasonNote,
                    item.StandardMinutesFor(order.Quantity), options.DurationToleranceMinutes, user.DisplayName, now);
            }, cancellationToken);
    }
}

/// <summary>
/// The assigned worker needs the full address to get there: revealed for that visit only, while it is under way, and
/// audited as a command (like a responder's reveal for an alarm).
/// </summary>
public static class RevealVisitAddress
{
    public sealed record Command(Guid OrderId) : ICommand<Result<string>>, IRequirePermission, IAuditDetail
    {
        public string Permission => Permissions.HomeServiceWork;

        public string AuditDetail => $"reveal address for visit {OrderId}";
    }

    public sealed class Handler(IDbContextFactory<EldercareDbContext> dbs, ICurrentUser user, IStringLocalizer<Strings> l) : ICommandHandler<Command, Result<string>>
    {
        public async ValueTask<Result<string>> Handle(Command command, CancellationToken cancellationToken)
        {
            await using var db = await dbs.CreateDbContextAsync(cancellationToken);
            var me = user.Id;
            var order = await db.Set<ServiceOrder>().AsNoTracking().InScopeOf(user).Where(o => o.Id == command.OrderId && o.WorkerId == me)
                .Select(o => new { o.ElderId, o.Status }).SingleOrDefaultAsync(cancellationToken);
            if (order is null)
            {
                return Result.NotFound().As<string>();
            }

            if (order.Status is not (OrderStatus.Assigned or OrderStatus.CheckedIn))
            {
                return Result.Conflict(l["HomeService.Reveal.Closed"]).As<string>();
            }

            var address = await db.Elders.AsNoTracking().Where(e => e.Id == order.ElderId).Select(e => e.Address).SingleOrDefaultAsync(cancellationToken);
            return address is null ? Result.NotFound().As<string>() : Result<string>.Ok(address);
        }
    }
}
