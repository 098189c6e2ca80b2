using FluentValidation;
using SmartEldercare.Emergency.Alarms;
using SmartEldercare.Platform.Elders;

namespace SmartEldercare.Emergency.Features.Alarms;

/// <summary>Staff raise an alarm by hand, e.g. for an elder who phoned: pick the elder, the type, a note.</summary>
public static class RaiseAlarm
{
    public sealed record Command(Guid ElderId, AlarmType Type, string? Note) : RequiresPermission(Permissions.EmergencyRespond), ICommand<Result<Guid>>;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator(IStringLocalizer<Strings> l)
        {
            RuleFor(c => c.ElderId).NotEmpty().WithMessage(l["Alarms.Elder.Required"]);
            RuleFor(c => c.Type).IsInEnum().WithMessage(l["Validation.Choice"]);
            RuleFor(c => c.Note).MaximumLength(Alarm.NoteMaxLength).WithMessage(l["Validation.MaxLength", Alarm.NoteMaxLength]);
        }
    }

    public sealed class Handler(IDbContextFactory<EldercareDbContext> dbs, ICurrentUser user, TimeProvider clock, AlarmRaising raising)
        : ICommandHandler<Command, Result<Guid>>
    {
        public async ValueTask<Result<Guid>> Handle(Command command, CancellationToken cancellationToken)
        {
            await using var db = await dbs.CreateDbContextAsync(cancellationToken);
            var elder = await db.Elders.AsNoTracking().InScopeOf(user).Where(e => e.Id == command.ElderId && e.Status == ElderStatus.Active)
                .Select(e => new { e.Id, e.RegionCode }).SingleOrDefaultAsync(cancellationToken);
            if (elder is null)
            {
                return Result.NotFound().As<Guid>();
            }

            var now = clock.UtcNow();
            var (alarm, update) = raising.RaiseAnnounced(db, command.Type, AlarmSource.Staff, elder.RegionCode, elder.Id, null, null, now, user.DisplayName, command.Note);
            alarm.RaisedById = user.Id;
            await db.SaveChangesAsync(cancellationToken);
            await raising.AnnounceAsync(alarm, update, cancellationToken);
            return alarm.Id;
        }
    }
}
