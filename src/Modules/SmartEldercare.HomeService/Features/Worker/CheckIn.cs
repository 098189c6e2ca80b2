using FluentValidation;
using SmartEldercare.HomeService.Features.Orders;
using SmartEldercare.HomeService.Orders;

namespace SmartEldercare.HomeService.Features.Worker;

/// <summary>
/// The worker arrives: either the browser's position (compared with the home's coordinates; farther than the radius
/// is flagged) or the token of the QR code on the elder's door (another elder's code is refused). The same worker
/// checked in elsewhere, or the elder in hospital that day, is flagged for supervision.
/// </summary>
public static class CheckIn
{
    public sealed record Command(Guid OrderId, double? Latitude = null, double? Longitude = null, string? QrToken = null) : RequiresPermission(Permissions.HomeServiceWork), ICommand<Result>;

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
            LiveUpdate? flagged = null;
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

                var done = order.CheckIn(me, method, distance, flags, user.DisplayName, now);
                if (done.IsSuccess && flags != VisitFlags.None)
                {
                    // Supervision sees it live on the street console; the row commits with the check-in.
                    flagged = OrderLive.Update(order, "flagged", now);
                    LiveEvent.Stage(db, flagged);
                }

                return done;
            }, cancellationToken);

            if (result.IsSuccess && flagged is not null)
            {
                await live.PushAsync(flagged, cancellationToken);
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
