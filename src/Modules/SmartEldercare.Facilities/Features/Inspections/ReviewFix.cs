using FluentValidation;
using SmartEldercare.Facilities.Inspections;
using SmartEldercare.Platform.Live;

namespace SmartEldercare.Facilities.Features.Inspections;

/// <summary>The inspector confirms a recorded fix (closed) or reopens it with a new deadline (by risk when not given).</summary>
public static class ReviewFix
{
    public sealed record Command(Guid HazardId, bool Accept, string? Note = null, DateTime? DeadlineUtc = null) : RequiresPermission(Permissions.FacilitiesInspect), ICommand<Result>;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator(IStringLocalizer<Strings> l, TimeProvider clock)
        {
            RuleFor(c => c.Note).Must(n => !string.IsNullOrWhiteSpace(n)).When(c => !c.Accept).WithMessage(l["Facilities.Hazard.ReopenNoteRequired"])
                .MaximumLength(Hazard.TextMaxLength).WithMessage(l["Validation.MaxLength", Hazard.TextMaxLength]);
            RuleFor(c => c.DeadlineUtc).Must(d => d is null || d.Value.ToUniversalTime() > clock.UtcNow()).WithMessage(l["Facilities.Deadline.InPast"]);
        }
    }

    public sealed class Handler(IDbContextFactory<EldercareDbContext> dbs, FacilityAccess access, ICurrentUser user, ILiveUpdates live, TimeProvider clock, IStringLocalizer<Strings> l)
        : ICommandHandler<Command, Result>
    {
        public async ValueTask<Result> Handle(Command command, CancellationToken cancellationToken)
        {
            await using var db = await dbs.CreateDbContextAsync(cancellationToken);
            var hazard = await (await access.RecordsAsync<Hazard>(db, cancellationToken)).SingleOrDefaultAsync(h => h.Id == command.HazardId, cancellationToken);
            if (hazard is null)
            {
                return Result.NotFound();
            }

            var now = clock.UtcNow();
            var outcome = command.Accept
                ? hazard.Verify(RecordInspection.Handler.Short(user.DisplayName), now)
                : hazard.Reopen(command.Note!.Trim(), command.DeadlineUtc?.ToUniversalTime() ?? now + Hazard.TimeToFix(hazard.Risk), now);
            if (!outcome.IsSuccess)
            {
                return outcome.Localized(l);
            }

            hazard.Version++;
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateConcurrencyException)
            {
                return Result.Conflict(l["Common.ChangedByOthers"]);
            }

            await live.PublishAsync(FacilityLive.Update(hazard.RegionCode, hazard.OrganisationId, command.Accept ? "hazard.verified" : "hazard.reopened", now), cancellationToken);
            return Result.Ok();
        }
    }
}
