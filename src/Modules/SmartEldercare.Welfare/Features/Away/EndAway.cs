using SmartEldercare.Platform.Elders;
using SmartEldercare.Welfare.Away;

namespace SmartEldercare.Welfare.Features.Away;

/// <summary>The elder is back: the away period ends on the given day.</summary>
public static class EndAway
{
    public sealed record Command(Guid Id, DateOnly To) : RequiresPermission(Permissions.WelfareCare), ICommand<Result>;

    public sealed class Handler(ScopedChange change, ICurrentUser user) : ICommandHandler<Command, Result>
    {
        public ValueTask<Result> Handle(Command command, CancellationToken cancellationToken) =>
            change.ApplyAsync(db => db.Set<AwayPeriod>().InScopeOf(user), a => a.Id == command.Id, period => period.End(command.To), null, cancellationToken);
    }
}
