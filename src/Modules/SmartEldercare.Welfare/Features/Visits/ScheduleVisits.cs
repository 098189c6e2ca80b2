using SmartEldercare.Welfare.Visits;

namespace SmartEldercare.Welfare.Features.Visits;

/// <summary>Plans the scope's visits now (the background scheduler does the same every hour for the district).</summary>
public static class ScheduleVisits
{
    public sealed record Command() : RequiresPermission(Permissions.WelfareCare), ICommand<int>;

    public sealed class Handler(VisitScheduler scheduler, ICurrentUser user) : ICommandHandler<Command, int>
    {
        public async ValueTask<int> Handle(Command command, CancellationToken cancellationToken) => await scheduler.PlanAsync(user.RegionCode, cancellationToken);
    }
}
