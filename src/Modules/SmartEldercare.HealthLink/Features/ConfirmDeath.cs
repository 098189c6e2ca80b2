using SmartEldercare.HealthLink.Partners;
using SmartEldercare.Platform.Elders;
using SmartEldercare.Platform.Features.Elders;

namespace SmartEldercare.HealthLink.Features;

/// <summary>Village (or street) staff confirm a reported death: the elder's status changes through the platform's own workflow.</summary>
public static class ConfirmDeath
{
    public sealed record Command(Guid EventId, int Version) : RequiresPermission(Permissions.HealthLinkConfirm), ICommand<Result>;

    public sealed class Handler(IDbContextFactory<EldercareDbContext> dbs, ICurrentUser user, IMediator mediator, TimeProvider clock, IStringLocalizer<Strings> l)
        : ICommandHandler<Command, Result>
    {
        public async ValueTask<Result> Handle(Command command, CancellationToken cancellationToken)
        {
            await using var db = await dbs.CreateDbContextAsync(cancellationToken);
            var report = await db.Set<PartnerEvent>().InScopeOf(user).SingleOrDefaultAsync(e => e.Id == command.EventId && e.Type == PartnerEventType.Death, cancellationToken);
            if (report is null)
            {
                return Result.NotFound();
            }

            if (report.Status != PartnerEventStatus.AwaitingConfirmation || report.Version != command.Version)
            {
                return Result.Conflict(l["HealthLink.Review.AlreadyReviewed"]);
            }

            var changed = await mediator.Send(new ChangeElderStatus.Command { Id = report.ElderId!.Value, Status = ElderStatus.Deceased, Date = report.OccurredOn }, cancellationToken);
            if (!changed.IsSuccess)
            {
                return changed;
            }

            report.Status = PartnerEventStatus.Confirmed;
            report.ReviewedBy = user.DisplayName;
            report.ReviewedAtUtc = clock.GetUtcNow().UtcDateTime;
            report.Version++;
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateConcurrencyException)
            {
                return Result.Conflict(l["HealthLink.Review.AlreadyReviewed"]);
            }

            return Result.Ok();
        }
    }
}
