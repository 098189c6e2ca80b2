using SmartEldercare.HomeService.Settlements;

namespace SmartEldercare.HomeService.Features.Settlements;

/// <summary>The provider's street approves the draft, then the district approves what the street approved.</summary>
public static class ApproveSettlement
{
    public sealed record Command(Guid Id) : RequiresPermission(Permissions.HomeServiceDispatch), ICommand<Result>;

    public sealed class Handler(ScopedChange change, ICurrentUser user, TimeProvider clock) : ICommandHandler<Command, Result>
    {
        public ValueTask<Result> Handle(Command command, CancellationToken cancellationToken) =>
            change.ApplyAsync(db => db.Set<Settlement>().InScopeOf(user), s => s.Id == command.Id,
                settlement => settlement.Approve(Region.LevelOf(user.RegionCode) ?? RegionLevel.Village, user.DisplayName, clock.UtcNow()),
                null,
                cancellationToken, announce: settlement => new LiveUpdate(LiveUpdate.NewId(), settlement.RegionCode, "homeservice.settlement.approved", settlement.Id.ToString(), clock.UtcNow()));
    }
}
