using FluentValidation;
using SmartEldercare.Facilities.Staff;

namespace SmartEldercare.Facilities.Features.Staff;

/// <summary>Puts a staff member on (or takes them off) a day's day or night shift; a shift falling below the ratio warns live.</summary>
public static class SetShift
{
    public sealed record Command(Guid StaffId, DateOnly Date, ShiftKind Kind, bool OnDuty) : RequiresPermission(Permissions.FacilitiesManage), ICommand<Result>;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator(IStringLocalizer<Strings> l, TimeProvider clock)
        {
            RuleFor(c => c.Kind).IsInEnum().WithMessage(l["Validation.Choice"]);
            RuleFor(c => c.Date).Must(d => d >= clock.Today().AddDays(-1) && d <= clock.Today().AddDays(60)).WithMessage(l["Facilities.Shift.DateRange"]);
        }
    }

    public sealed class Handler(IDbContextFactory<EldercareDbContext> dbs, FacilityAccess access, StaffingWatch staffing) : ICommandHandler<Command, Result>
    {
        public async ValueTask<Result> Handle(Command command, CancellationToken cancellationToken)
        {
            await using var db = await dbs.CreateDbContextAsync(cancellationToken);
            var member = await (await access.RecordsAsync<StaffMember>(db, cancellationToken)).AsNoTracking().SingleOrDefaultAsync(s => s.Id == command.StaffId, cancellationToken);
            if (member is null)
            {
                return Result.NotFound();
            }

            var existing = await db.Set<Shift>().Where(s => s.StaffId == member.Id && s.Date == command.Date && s.Kind == command.Kind).ToListAsync(cancellationToken);
            if (command.OnDuty && existing.Count == 0)
            {
                db.Add(new Shift { OrganisationId = member.OrganisationId, RegionCode = member.RegionCode, StaffId = member.Id, Date = command.Date, Kind = command.Kind });
            }
            else if (!command.OnDuty)
            {
                db.RemoveRange(existing);
            }

            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateException)
            {
                // The same shift added twice at once: it is there, which is what was asked.
            }

            await staffing.PublishIfBelowAsync(member.OrganisationId, member.RegionCode, cancellationToken);
            return Result.Ok();
        }
    }
}
