using FluentValidation;
using SmartEldercare.HomeService.Orders;

namespace SmartEldercare.HomeService.Features.Elders;

/// <summary>Records where the home is (e.g. staff standing at the door press "use my position"), for location check-ins.</summary>
public static class LocateHome
{
    public sealed record Command(Guid ElderId, double Latitude, double Longitude) : RequiresPermission(Permissions.HomeServiceOrder), ICommand<Result>;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator(IStringLocalizer<Strings> l) =>
            RuleFor(c => c).Must(c => ElderHome.AreValid(c.Latitude, c.Longitude)).WithName(nameof(Command.Latitude)).WithMessage(l["HomeService.Location.Invalid"]);
    }

    public sealed class Handler(IDbContextFactory<EldercareDbContext> dbs, ICurrentUser user, TimeProvider clock) : ICommandHandler<Command, Result>
    {
        public async ValueTask<Result> Handle(Command command, CancellationToken cancellationToken)
        {
            await using var db = await dbs.CreateDbContextAsync(cancellationToken);
            var (elder, home) = await Homes.LoadAsync(db, user, command.ElderId, cancellationToken);
            if (elder is null)
            {
                return Result.NotFound();
            }

            home!.Locate(command.Latitude, command.Longitude, clock.UtcNow());
            await db.SaveChangesAsync(cancellationToken);
            return Result.Ok();
        }
    }
}
