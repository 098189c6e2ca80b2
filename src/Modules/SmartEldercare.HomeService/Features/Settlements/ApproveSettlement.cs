using SmartEldercare.HomeService.Settlements;
using SmartEldercare.Platform.Live;

namespace SmartEldercare.HomeService.Features.Settlements;

/// <summary>The provider's street approves the draft, then the district approves what the street approved.</summary>
public static class ApproveSettlement
{
    public sealed record Command(Guid Id) : RequiresPermission(Permissions.HomeServiceDispatch), ICommand<Result>;

    public sealed class Handler(IDbContextFactory<EldercareDbContext> dbs, ICurrentUser user, ILiveUpdates live, TimeProvider clock, IStringLocalizer<Strings> l) : ICommandHandler<Command, Result>
    {
        public async ValueTask<Result> Handle(Command command, CancellationToken cancellationToken)
        {
            await using var db = await dbs.CreateDbContextAsync(cancellationToken);
            var settlement = await db.Set<Settlement>().InScopeOf(user).SingleOrDefaultAsync(s => s.Id == command.Id, cancellationToken);
            if (settlement is null)
            {
                return Result.NotFound();
            }

            var now = clock.UtcNow();
            var approved = settlement.Approve(Region.LevelOf(user.RegionCode) ?? RegionLevel.Village, user.DisplayName, now);
            if (!approved.IsSuccess)
            {
                return approved.Localized(l);
            }

            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateConcurrencyException)
            {
                return Result.Conflict(l["Common.ChangedByOthers"]);
            }

            await live.PublishAsync(new LiveUpdate(Guid.CreateVersion7(), settlement.RegionCode, "homeservice.settlement.approved", settlement.Id.ToString(), now), cancellationToken);
            return Result.Ok();
        }
    }
}
