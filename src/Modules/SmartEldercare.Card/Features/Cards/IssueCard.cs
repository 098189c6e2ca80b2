using FluentValidation;
using SmartEldercare.Card.Cards;
using SmartEldercare.Platform.Elders;

namespace SmartEldercare.Card.Features.Cards;

public static class IssueCard
{
    public sealed record Command(Guid ElderId, string? Uid = null) : RequiresPermission(Permissions.CardIssue), ICommand<Result<Guid>>;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator(IStringLocalizer<Strings> l)
        {
            RuleFor(c => c.ElderId).NotEmpty().WithMessage(l["Card.Issue.ElderRequired"]);
            RuleFor(c => c.Uid).MaximumLength(ServiceCard.UidMaxLength);
        }
    }

    public sealed class Handler(IDbContextFactory<EldercareDbContext> dbs, ICurrentUser user, TimeProvider clock, IStringLocalizer<Strings> l, ILiveUpdates live)
        : ICommandHandler<Command, Result<Guid>>
    {
        public async ValueTask<Result<Guid>> Handle(Command command, CancellationToken cancellationToken)
        {
            await using var db = await dbs.CreateDbContextAsync(cancellationToken);
            var elder = await db.Elders.InScopeOf(user).SingleOrDefaultAsync(e => e.Id == command.ElderId, cancellationToken);
            if (elder is null)
            {
                return Result.NotFound().As<Guid>();
            }

            if (elder.Status != ElderStatus.Active)
            {
                return Result.Conflict(l["Card.Issue.ElderNotActive"]).As<Guid>();
            }

            if (await db.Set<ServiceCard>().AnyAsync(c => c.ElderId == elder.Id && (c.Status == CardStatus.Active || c.Status == CardStatus.ReportedLost), cancellationToken))
            {
                return Result.Conflict(l["Card.Issue.AlreadyHasCard"]).As<Guid>();
            }

            var id = await CardViews.IssueAsync(db, elder, command.Uid, user.DisplayName, clock.UtcNow(), null, null, cancellationToken);
            var liveUpdate = new LiveUpdate(LiveUpdate.NewId(), elder.RegionCode, "card.issued", id.ToString(), clock.UtcNow());
            LiveEvent.Stage(db, liveUpdate);
            await db.SaveChangesAsync(cancellationToken);
            await live.PushAsync(liveUpdate, cancellationToken);
            return id;
        }
    }
}
