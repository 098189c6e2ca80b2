using FluentValidation;
using SmartEldercare.Card.Cards;
using SmartEldercare.Platform.Elders;

namespace SmartEldercare.Card.Features.Cards;

public sealed record BatchIssued(int Issued, int AlreadyHad);

/// <summary>Every active elder of a village without a current card gets one (the printable list then shows them).</summary>
public static class IssueVillageCards
{
    public sealed record Command(string RegionCode) : RequiresPermission(Permissions.CardIssue), ICommand<Result<BatchIssued>>;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator(IStringLocalizer<Strings> l) =>
            RuleFor(c => c.RegionCode).NotEmpty().Length(12).WithMessage(l["Card.Batch.VillageRequired"]);
    }

    public sealed class Handler(IDbContextFactory<EldercareDbContext> dbs, ICurrentUser user, TimeProvider clock) : ICommandHandler<Command, Result<BatchIssued>>
    {
        public async ValueTask<Result<BatchIssued>> Handle(Command command, CancellationToken cancellationToken)
        {
            if (!RegionScope.Contains(user.RegionCode, command.RegionCode))
            {
                return Result.NotFound().As<BatchIssued>();
            }

            await using var db = await dbs.CreateDbContextAsync(cancellationToken);
            var elders = await db.Elders.InScope(command.RegionCode).Where(e => e.Status == ElderStatus.Active).OrderBy(e => e.Name).ThenBy(e => e.Id).ToListAsync(cancellationToken);
            var holders = (await db.Set<ServiceCard>().Where(c => c.RegionCode == command.RegionCode && (c.Status == CardStatus.Active || c.Status == CardStatus.ReportedLost))
                .Select(c => c.ElderId).ToListAsync(cancellationToken)).ToHashSet();
            var now = clock.UtcNow();
            var issued = 0;
            foreach (var elder in elders.Where(e => !holders.Contains(e.Id)))
            {
                await CardViews.IssueAsync(db, elder, null, user.DisplayName, now, null, null, cancellationToken);
                issued++;
            }

            await db.SaveChangesAsync(cancellationToken);
            return new BatchIssued(issued, holders.Count);
        }
    }
}
