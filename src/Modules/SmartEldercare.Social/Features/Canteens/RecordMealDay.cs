using FluentValidation;
using SmartEldercare.Platform.Elders;
using SmartEldercare.Platform.Organisations;
using SmartEldercare.Social.Canteens;

namespace SmartEldercare.Social.Features.Canteens;

/// <summary>Records (or corrects) a canteen's meals of a day: dine-in and delivery counts, never negative, never in the future.</summary>
public static class RecordMealDay
{
    public sealed record Command(Guid CanteenId, DateOnly Date, int DineIn, int Delivery) : RequiresPermission(Permissions.SocialRecord), ICommand<Result>;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator(IStringLocalizer<Strings> l, TimeProvider clock)
        {
            RuleFor(c => c.DineIn).InclusiveBetween(0, 10_000).WithMessage(l["Social.Canteen.CountRange"]);
            RuleFor(c => c.Delivery).InclusiveBetween(0, 10_000).WithMessage(l["Social.Canteen.CountRange"]);
            RuleFor(c => c.Date).Must(d => d != default && d <= clock.Today()).WithMessage(l["Social.Canteen.DateInvalid"]);
        }
    }

    public sealed class Handler(IDbContextFactory<EldercareDbContext> dbs, ICurrentUser user, TimeProvider clock) : ICommandHandler<Command, Result>
    {
        public async ValueTask<Result> Handle(Command command, CancellationToken cancellationToken)
        {
            await using var db = await dbs.CreateDbContextAsync(cancellationToken);
            var canteen = await db.Organisations.AsNoTracking().InScopeOf(user).Where(o => o.Id == command.CanteenId && o.Type == OrganisationType.Canteen)
                .Select(o => new { o.Id, o.RegionCode }).SingleOrDefaultAsync(cancellationToken);
            if (canteen is null)
            {
                return Result.NotFound();
            }

            var day = await db.Set<MealDay>().SingleOrDefaultAsync(d => d.CanteenId == canteen.Id && d.Date == command.Date, cancellationToken);
            if (day is null)
            {
                day = new MealDay { CanteenId = canteen.Id, RegionCode = canteen.RegionCode, Date = command.Date };
                db.Add(day);
            }

            (day.DineIn, day.Delivery, day.RecordedBy, day.UpdatedAtUtc) = (command.DineIn, command.Delivery, user.DisplayName, clock.UtcNow());
            await db.SaveChangesAsync(cancellationToken);
            return Result.Ok();
        }
    }
}
