namespace SmartEldercare.Emergency.Features.Alarms;

public static class ArriveOnScene
{
    public sealed record Command(Guid AlarmId, string? Note = null) : RequiresPermission(Permissions.EmergencyRespond), ICommand<Result>;

    public sealed class Handler(AlarmChange change, ICurrentUser user) : ICommandHandler<Command, Result>
    {
        public async ValueTask<Result> Handle(Command command, CancellationToken cancellationToken) =>
            await change.ApplyAsync(command.AlarmId, "onscene", (a, now) => a.ArriveOnScene(user.DisplayName, now, command.Note), cancellationToken);
    }
}
