using SmartEldercare.Emergency.Alarms;

namespace SmartEldercare.Emergency.Features.Alarms;

public enum AlarmPersonalField
{
    Address,
    Phone,
    HealthNotes,
    ContactPhone,
}

/// <summary>
/// A responder sees the elder's address, phone, health notes or a contact's phone in full to answer an open alarm
/// (the alarm is the stated reason). Bound to the purpose: refused once the alarm is closed; audited as a command.
/// A manual alarm is not a reason for the one who raised it: otherwise anyone who may raise one could open any elder's
/// data by raising it; another responder or staff member answers it.
/// </summary>
public static class RevealForAlarm
{
    public sealed record Command(Guid AlarmId, AlarmPersonalField Field, int? ContactId = null) : ICommand<Result<string>>, IRequirePermission, IAuditDetail, SmartEldercare.Platform.Privacy.IPersonalDataAccess
    {
        public string Permission => Permissions.EmergencyRespond;

        public string AuditDetail => $"reveal {Field}{(ContactId is { } c ? $" #{c}" : string.Empty)} for alarm {AlarmId}";
    }

    public sealed class Handler(IDbContextFactory<EldercareDbContext> dbs, ICurrentUser user, IStringLocalizer<Strings> l) : ICommandHandler<Command, Result<string>>
    {
        public async ValueTask<Result<string>> Handle(Command command, CancellationToken cancellationToken)
        {
            await using var db = await dbs.CreateDbContextAsync(cancellationToken);
            var alarm = await db.Set<Alarm>().AsNoTracking().InScopeOf(user).Where(a => a.Id == command.AlarmId)
                .Select(a => new { a.ElderId, a.Status, a.Source, a.RaisedById }).SingleOrDefaultAsync(cancellationToken);
            if (alarm?.ElderId is not { } elderId)
            {
                return Result.NotFound().As<string>();
            }

            if (alarm.Status is AlarmStatus.Resolved or AlarmStatus.Cancelled)
            {
                return Result.Conflict(l["Alarms.Reveal.Closed"]).As<string>();
            }

            if (alarm.Source == AlarmSource.Staff && alarm.RaisedById == user.Id)
            {
                return Result.Conflict(l["Alarms.Reveal.OwnManual"]).As<string>();
            }

            var elder = await db.Elders.AsNoTracking().Include(e => e.EmergencyContacts).SingleAsync(e => e.Id == elderId, cancellationToken);
            var value = command.Field switch
            {
                AlarmPersonalField.Address => elder.Address,
                AlarmPersonalField.Phone => elder.Phone,
                AlarmPersonalField.HealthNotes => elder.HealthNotes,
                _ => elder.EmergencyContacts.FirstOrDefault(c => c.Id == command.ContactId)?.Phone,
            };
            return value is null ? Result.NotFound().As<string>() : Result<string>.Ok(value);
        }
    }
}
