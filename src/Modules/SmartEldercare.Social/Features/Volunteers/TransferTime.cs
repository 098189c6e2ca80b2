using FluentValidation;
using SmartEldercare.Social.Features.Activities;
using SmartEldercare.Social.Volunteers;

namespace SmartEldercare.Social.Features.Volunteers;

/// <summary>Moves minutes to a family member's volunteer account anywhere in the district, in one transaction.</summary>
public static class TransferTime
{
    public sealed record Command(Guid FromVolunteerId, Guid ToVolunteerId, long Minutes, string? Relation) : RequiresPermission(Permissions.SocialRecord), ICommand<Result>;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator(IStringLocalizer<Strings> l)
        {
            RuleFor(c => c.Minutes).GreaterThan(0).WithMessage(l["Social.TimeBank.MinutesPositive"]);
            RuleFor(c => c.ToVolunteerId).NotEqual(c => c.FromVolunteerId).WithMessage(l["Social.TimeBank.SameAccount"]);
            RuleFor(c => c.Relation).NotEmpty().WithMessage(l["Social.TimeBank.RelationRequired"]).MaximumLength(50);
        }
    }

    public sealed class Handler(IDbContextFactory<EldercareDbContext> dbs, ICurrentUser user, IStringLocalizer<Strings> l, TimeProvider clock) : ICommandHandler<Command, Result>
    {
        public async ValueTask<Result> Handle(Command command, CancellationToken cancellationToken) =>
            await Concurrency.RetryAsync(() => AttemptAsync(command, cancellationToken), () => Result.Conflict(l["Common.Conflict"]));

        private async Task<Result> AttemptAsync(Command command, CancellationToken ct)
        {
            await using var db = await dbs.CreateDbContextAsync(ct);
            var from = await db.Set<Volunteer>().InScopeOf(user).SingleOrDefaultAsync(v => v.Id == command.FromVolunteerId, ct);
            var district = user.RegionCode.Length >= 6 ? user.RegionCode[..6] : "~";
            var to = await db.Set<Volunteer>().InRegion(district).SingleOrDefaultAsync(v => v.Id == command.ToVolunteerId, ct);
            if (from is null)
            {
                return Result.NotFound();
            }

            if (to is null)
            {
                return Result.Invalid(nameof(Command.ToVolunteerId), l["Social.TimeBank.RecipientUnknown"]);
            }

            var now = clock.UtcNow();
            var spent = from.Spend(LedgerKind.TransferOut, command.Minutes, to.Id, command.Relation, user.DisplayName, now);
            if (!spent.IsSuccess)
            {
                return spent.Localized(l);
            }

            db.Add(spent.Value!);
            db.Add(to.Receive(command.Minutes, from.Id, command.Relation, user.DisplayName, now));
            await db.SaveChangesAsync(ct); // one SaveChanges: both entries and both balances, or none
            return Result.Ok();
        }
    }
}
