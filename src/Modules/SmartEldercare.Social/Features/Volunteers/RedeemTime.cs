using FluentValidation;
using SmartEldercare.Social.Features.Activities;
using SmartEldercare.Social.Volunteers;

namespace SmartEldercare.Social.Features.Volunteers;

/// <summary>A volunteer spends time-bank minutes on a service for themselves; never more than the balance, even at the same moment.</summary>
public static class RedeemTime
{
    public sealed record Command(Guid VolunteerId, long Minutes, string? Note) : RequiresPermission(Permissions.SocialRecord), ICommand<Result>;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator(IStringLocalizer<Strings> l)
        {
            RuleFor(c => c.Minutes).GreaterThan(0).WithMessage(l["Social.TimeBank.MinutesPositive"]);
            RuleFor(c => c.Note).MaximumLength(TimeBankEntry.NoteMaxLength);
        }
    }

    public sealed class Handler(IDbContextFactory<EldercareDbContext> dbs, ICurrentUser user, IStringLocalizer<Strings> l, TimeProvider clock) : ICommandHandler<Command, Result>
    {
        public async ValueTask<Result> Handle(Command command, CancellationToken cancellationToken) =>
            await Concurrency.RetryAsync(() => AttemptAsync(command, cancellationToken), () => Result.Conflict(l["Common.Conflict"]));

        private async Task<Result> AttemptAsync(Command command, CancellationToken ct)
        {
            await using var db = await dbs.CreateDbContextAsync(ct);
            var volunteer = await db.Set<Volunteer>().InScopeOf(user).SingleOrDefaultAsync(v => v.Id == command.VolunteerId, ct);
            if (volunteer is null)
            {
                return Result.NotFound();
            }

            var spent = volunteer.Spend(LedgerKind.Redeemed, command.Minutes, null, command.Note, user.DisplayName, clock.UtcNow());
            if (!spent.IsSuccess)
            {
                return spent.Localized(l);
            }

            db.Add(spent.Value!);
            await db.SaveChangesAsync(ct);
            return Result.Ok();
        }
    }
}
