namespace SmartEldercare.Emergency.Features.Alarms;

public static class AcknowledgeAlarm
{
    public sealed record Command(Guid AlarmId, string? Note = null) : RequiresPermission(Permissions.EmergencyRespond), ICommand<Result>;

    public sealed class Handler(AlarmChange change, ICurrentUser user) : ICommandHandler<Command, Result>
    {
        public async ValueTask<Result> Handle(Command command, CancellationToken cancellationToken) =>
            await change.ApplyAsync(command.AlarmId, "acknowledged", (a, now) => a.Acknowledge(user.DisplayName, now, command.Note), cancellationToken);
    }
}
