using SmartEldercare.HomeService.Orders;
using SmartEldercare.Platform.Elders;

namespace SmartEldercare.HomeService.Features.Elders;

public static class StopPlan
{
    public sealed record Command(Guid PlanId) : RequiresPermission(Permissions.HomeServiceOrder), ICommand<Result>;

    public sealed class Handler(IDbContextFactory<EldercareDbContext> dbs, ICurrentUser user) : ICommandHandler<Command, Result>
    {
        public async ValueTask<Result> Handle(Command command, CancellationToken cancellationToken)
        {
            await using var db = await dbs.CreateDbContextAsync(cancellationToken);
            var plan = await db.Set<ServicePlan>().InScopeOf(user).SingleOrDefaultAsync(p => p.Id == command.PlanId, cancellationToken);
            if (plan is null)
            {
                return Result.NotFound();
            }

            plan.Active = false;
            plan.Version++;
            await db.SaveChangesAsync(cancellationToken);
            return Result.Ok();
        }
    }
}
