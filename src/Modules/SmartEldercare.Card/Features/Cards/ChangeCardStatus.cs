using FluentValidation;
using SmartEldercare.Card.Cards;
using SmartEldercare.Platform.Auditing;
using SmartEldercare.Platform.Elders;

namespace SmartEldercare.Card.Features.Cards;

/// <summary>Report a card lost (blocked at once), found again, or cancel it (death, moving out).</summary>
public static class ChangeCardStatus
{
    public sealed record Command(Guid CardId, CardStatus Status, string? Reason = null) : RequiresPermission(Permissions.CardIssue), ICommand<Result>;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator(IStringLocalizer<Strings> l)
        {
            RuleFor(c => c.Status).Must(s => s is CardStatus.Active or CardStatus.ReportedLost or CardStatus.Cancelled).WithMessage(l["Card.Status.NotAllowed"]);
            RuleFor(c => c.Reason).MaximumLength(ServiceCard.ReasonMaxLength);
        }
    }

    public sealed class Handler(IDbContextFactory<EldercareDbContext> dbs, ICurrentUser user, TimeProvider clock, IStringLocalizer<Strings> l, AuditTrail audit)
        : ICommandHandler<Command, Result>
    {
        public async ValueTask<Result> Handle(Command command, CancellationToken cancellationToken)
        {
            await using var db = await dbs.CreateDbContextAsync(cancellationToken);
            var card = await db.Set<ServiceCard>().InScopeOf(user).SingleOrDefaultAsync(c => c.Id == command.CardId, cancellationToken);
            if (card is null)
            {
                return Result.NotFound();
            }

            var allowed = (card.Status, command.Status) switch
            {
                (CardStatus.Active, CardStatus.ReportedLost) => true,
                (CardStatus.ReportedLost, CardStatus.Active) => true,
                (CardStatus.Active or CardStatus.ReportedLost, CardStatus.Cancelled) => true,
                _ => false,
            };
            if (!allowed)
            {
                return Result.Conflict(l["Card.Status.NotAllowed"]);
            }

            card.Status = command.Status;
            card.StatusReason = command.Reason;
            card.StatusChangedAtUtc = clock.UtcNow();
            card.Version++;
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateConcurrencyException)
            {
                return Result.Conflict(l["Card.Changed"]);
            }

            await audit.AppendAsync(user, new AuditRecord("card.status." + command.Status, card.Id.ToString(), AuditOutcome.Succeeded), cancellationToken);
            return Result.Ok();
        }
    }
}
