using FluentValidation;
using SmartEldercare.Facilities.Complaints;
using SmartEldercare.Platform.Live;

namespace SmartEldercare.Facilities.Features.Complaints;

/// <summary>A step of handling (the institution's answer, the action taken): appended to the complaint's record.</summary>
public static class RecordComplaintHandling
{
    public sealed record Command(Guid ComplaintId, string Text) : RequiresPermission(Permissions.FacilitiesManage), ICommand<Result>;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator(IStringLocalizer<Strings> l) =>
            RuleFor(c => c.Text).Must(s => !string.IsNullOrWhiteSpace(s)).WithMessage(l["Facilities.Complaint.HandlingRequired"])
                .MaximumLength(Complaint.TextMaxLength).WithMessage(l["Validation.MaxLength", Complaint.TextMaxLength]);
    }

    public sealed class Handler(IDbContextFactory<EldercareDbContext> dbs, FacilityAccess access, ICurrentUser user, ILiveUpdates live, TimeProvider clock, IStringLocalizer<Strings> l)
        : ICommandHandler<Command, Result>
    {
        public async ValueTask<Result> Handle(Command command, CancellationToken cancellationToken)
        {
            await using var db = await dbs.CreateDbContextAsync(cancellationToken);
            var complaint = await (await access.RecordsAsync<Complaint>(db, cancellationToken)).SingleOrDefaultAsync(c => c.Id == command.ComplaintId, cancellationToken);
            if (complaint is null)
            {
                return Result.NotFound();
            }

            var now = clock.UtcNow();
            var by = user.DisplayName.Length > 50 ? user.DisplayName[..50] : user.DisplayName;
            var outcome = complaint.RecordHandling($"{ShanghaiTime.Format(now)} {by}: {command.Text.Trim()}", by, now);
            if (!outcome.IsSuccess)
            {
                return outcome.Localized(l);
            }

            complaint.Version++;
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateConcurrencyException)
            {
                return Result.Conflict(l["Common.ChangedByOthers"]);
            }

            await live.PublishAsync(FacilityLive.Update(complaint.RegionCode, complaint.OrganisationId, "complaint.handled", now), cancellationToken);
            return Result.Ok();
        }
    }
}
