using FluentValidation;
using SmartEldercare.Facilities.Inspections;

namespace SmartEldercare.Facilities.Features.Inspections;

/// <summary>The institution records how a hazard was fixed, with photos; the inspector then verifies it.</summary>
public static class RecordFix
{
    public sealed class Command : ICommand<Result>, IRequirePermission
    {
        public Guid HazardId { get; set; }

        public string Note { get; set; } = string.Empty;

        public IReadOnlyList<Upload> Evidence { get; set; } = [];

        public string Permission => Permissions.FacilitiesManage;
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator(IStringLocalizer<Strings> l)
        {
            RuleFor(c => c.Note).Must(n => !string.IsNullOrWhiteSpace(n)).WithMessage(l["Facilities.Hazard.FixNoteRequired"])
                .MaximumLength(Hazard.TextMaxLength).WithMessage(l["Validation.MaxLength", Hazard.TextMaxLength]);
            this.Files(c => c.Evidence, l);
        }
    }

    public sealed class Handler(IDbContextFactory<EldercareDbContext> dbs, FacilityAccess access, ICurrentUser user, EvidenceStore store, ILiveUpdates live, TimeProvider clock,
        IStringLocalizer<Strings> l) : ICommandHandler<Command, Result>
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
            var by = RecordInspection.Handler.Short(user.DisplayName);
            var fixedNow = hazard.RecordFix(command.Note.Trim(), by, now);
            if (!fixedNow.IsSuccess)
            {
                return fixedNow.Localized(l);
            }

            hazard.Version++;
            var files = await EvidenceValidation.StoreAsync(store, db, command.Evidence, hazard, EvidenceOf.HazardFix, hazard.Id, by, now, cancellationToken);
            if (!await LiveEvent.CommitAsync(db, live, FacilityLive.Update(hazard.RegionCode, hazard.OrganisationId, "hazard.fixed", now), cancellationToken))
            {
                files.ForEach(store.Delete);
                return Result.Conflict(l["Common.ChangedByOthers"]);
            }

            return Result.Ok();
        }
    }
}
