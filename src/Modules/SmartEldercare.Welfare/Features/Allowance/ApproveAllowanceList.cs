using SmartEldercare.Platform.Live;
using SmartEldercare.Welfare.Allowance;

namespace SmartEldercare.Welfare.Features.Allowance;

/// <summary>The village approves its list, then the street, then the district; each level once.</summary>
public static class ApproveAllowanceList
{
    public sealed record Command(Guid Id) : RequiresPermission(Permissions.WelfareApprove), ICommand<Result>;

    public sealed class Handler(IDbContextFactory<EldercareDbContext> dbs, ICurrentUser user, ILiveUpdates live, TimeProvider clock, IStringLocalizer<Strings> l) : ICommandHandler<Command, Result>
    {
        public async ValueTask<Result> Handle(Command command, CancellationToken cancellationToken)
        {
            await using var db = await dbs.CreateDbContextAsync(cancellationToken);
            var list = await db.Set<AllowanceList>().InScopeOf(user).SingleOrDefaultAsync(a => a.Id == command.Id, cancellationToken);
            if (list is null)
            {
                return Result.NotFound();
            }

            var now = clock.UtcNow();
            var approved = list.Approve(Region.LevelOf(user.RegionCode) ?? RegionLevel.Village, user.DisplayName, now);
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

            await live.PublishAsync(new LiveUpdate(Guid.CreateVersion7(), list.RegionCode, "welfare.allowance.approved", list.Id.ToString(), now), cancellationToken);
            return Result.Ok();
        }
    }
}
