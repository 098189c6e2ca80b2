using SmartEldercare.Welfare.Allowance;

namespace SmartEldercare.Welfare.Features.Allowance;

/// <summary>The village approves its list, then the street, then the district; each level once.</summary>
public static class ApproveAllowanceList
{
    public sealed record Command(Guid Id) : RequiresPermission(Permissions.WelfareApprove), ICommand<Result>;

    public sealed class Handler(ScopedChange change, ICurrentUser user, TimeProvider clock) : ICommandHandler<Command, Result>
    {
        public ValueTask<Result> Handle(Command command, CancellationToken cancellationToken) =>
            change.ApplyAsync(db => db.Set<AllowanceList>().InScopeOf(user), a => a.Id == command.Id,
                list => list.Approve(Region.LevelOf(user.RegionCode) ?? RegionLevel.Village, user.DisplayName, clock.UtcNow()),
                null,
                cancellationToken, announce: list => new LiveUpdate(LiveUpdate.NewId(), list.RegionCode, "welfare.allowance.approved", list.Id.ToString(), clock.UtcNow()));
    }
}
