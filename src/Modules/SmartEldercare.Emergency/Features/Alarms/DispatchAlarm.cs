using FluentValidation;
using SmartEldercare.Emergency.Alarms;

namespace SmartEldercare.Emergency.Features.Alarms;

/// <summary>Sends a responder (by default the one acting: "I'm going").</summary>
public static class DispatchAlarm
{
    public sealed record Command(Guid AlarmId, Guid? ResponderId = null, string? Note = null) : RequiresPermission(Permissions.EmergencyRespond), ICommand<Result>;

    public sealed class Handler(AlarmChange change, ICurrentUser user, IDbContextFactory<EldercareDbContext> dbs, IStringLocalizer<Strings> l) : ICommandHandler<Command, Result>
    {
        public async ValueTask<Result> Handle(Command command, CancellationToken cancellationToken)
        {
            var (responderId, responderName) = (user.Id, user.DisplayName);
            if (command.ResponderId is { } chosen && chosen != user.Id)
            {
                // Someone else is sent: only a person allowed to respond whose scope covers the alarm, named as stored.
                await using var db = await dbs.CreateDbContextAsync(cancellationToken);
                var region = await db.Set<Alarm>().AsNoTracking().InScopeOf(user).Where(a => a.Id == command.AlarmId).Select(a => a.RegionCode).SingleOrDefaultAsync(cancellationToken);
                if (region is null)
                {
                    return Result.NotFound();
                }

                var responder = (await ListResponders.EligibleAsync(db, region, cancellationToken)).FirstOrDefault(r => r.Id == chosen);
                if (responder is null)
                {
                    return Result.Invalid(nameof(Command.ResponderId), l["Alarms.Dispatch.NotEligible"]);
                }

                (responderId, responderName) = (responder.Id, responder.Name);
            }

            return await change.ApplyAsync(command.AlarmId, "dispatched",
                (a, now) => a.Dispatch(responderId, responderName, user.DisplayName, now, command.Note), cancellationToken);
        }
    }
}
