using FluentValidation;
using SmartEldercare.Facilities.Complaints;
using SmartEldercare.Platform.Live;

namespace SmartEldercare.Facilities.Features.Complaints;

/// <summary>The supervisor closes a handled complaint with its resolution.</summary>
public static class CloseComplaint
{
    public sealed record Command(Guid ComplaintId, string Resolution) : RequiresPermission(Permissions.FacilitiesInspect), ICommand<Result>;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator(IStringLocalizer<Strings> l) =>
            RuleFor(c => c.Resolution).Must(s => !string.IsNullOrWhiteSpace(s)).WithMessage(l["Facilities.Complaint.ResolutionRequired"])
                .MaximumLength(Complaint.TextMaxLength).WithMessage(l["Validation.MaxLength", Complaint.TextMaxLength]);
    }

    public sealed class Handler(IDbContextFactory<EldercareDbContext> dbs, FacilityAccess access, ILiveUpdates live, TimeProvider clock, IStringLocalizer<Strings> l)
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
            var outcome = complaint.Close(command.Resolution.Trim(), now);
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

            await live.PublishAsync(FacilityLive.Update(complaint.RegionCode, complaint.OrganisationId, "complaint.closed", now), cancellationToken);
            return Result.Ok();
        }
    }
}
