using SmartEldercare.Welfare.Watch;

namespace SmartEldercare.Welfare.Features.Watch;

/// <summary>Runs the wellbeing watch for the scope now (the background service does so every few minutes for the district).</summary>
public static class RunWellbeingWatch
{
    public sealed record Command() : RequiresPermission(Permissions.WelfareCare), ICommand<int>;

    public sealed class Handler(WellbeingWatch watch, ICurrentUser user) : ICommandHandler<Command, int>
    {
        public async ValueTask<int> Handle(Command command, CancellationToken cancellationToken) => await watch.RaiseChecksAsync(user.RegionCode, cancellationToken);
    }
}
