using SmartEldercare.HomeService.Orders;
using SmartEldercare.Platform.Elders;

namespace SmartEldercare.HomeService.Features.Elders;

/// <summary>The elder is back home: the stay ends on the given day (visits after it are no longer flagged).</summary>
public static class EndHospitalStay
{
    public sealed record Command(Guid StayId, DateOnly To) : RequiresPermission(Permissions.HomeServiceOrder), ICommand<Result>;

    public sealed class Handler(IDbContextFactory<EldercareDbContext> dbs, ICurrentUser user, IStringLocalizer<Strings> l) : ICommandHandler<Command, Result>
    {
        public async ValueTask<Result> Handle(Command command, CancellationToken cancellationToken)
        {
            await using var db = await dbs.CreateDbContextAsync(cancellationToken);
            var stay = await db.Set<HospitalStay>().InScopeOf(user).SingleOrDefaultAsync(h => h.Id == command.StayId, cancellationToken);
            if (stay is null)
            {
                return Result.NotFound();
            }

            if (command.To < stay.From)
            {
                return Result.Invalid(nameof(Command.To), l["HomeService.Stay.Range"]);
            }

            stay.To = command.To;
            await db.SaveChangesAsync(cancellationToken);
            return Result.Ok();
        }
    }
}
