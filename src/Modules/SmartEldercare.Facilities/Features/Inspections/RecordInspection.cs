using FluentValidation;
using SmartEldercare.Facilities.Inspections;

namespace SmartEldercare.Facilities.Features.Inspections;

/// <summary>
/// An inspector records an inspection of an institution against a template: score 0–100, notes, photos, and findings —
/// each becomes a hazard with a risk level and a rectification deadline (by default 24 h, 3, 7 or 15 days by risk).
/// </summary>
public static class RecordInspection
{
    public sealed class Finding
    {
        public string? ChecklistItem { get; set; }

        public string Description { get; set; } = string.Empty;

        public RiskLevel Risk { get; set; } = RiskLevel.Medium;

        /// <summary>Empty: by the risk level.</summary>
        public DateTime? DeadlineUtc { get; set; }
    }

    public sealed class Command : ICommand<Result<Guid>>, IRequirePermission
    {
        public Guid OrganisationId { get; set; }

        public Guid TemplateId { get; set; }

        public int Score { get; set; }

        public string? Notes { get; set; }

        public List<Finding> Findings { get; set; } = [];

        public IReadOnlyList<Upload> Evidence { get; set; } = [];

        public string Permission => Permissions.FacilitiesInspect;
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator(IStringLocalizer<Strings> l, TimeProvider clock)
        {
            RuleFor(c => c.OrganisationId).NotEmpty().WithMessage(l["Common.NotFound"]);
            RuleFor(c => c.TemplateId).NotEmpty().WithMessage(l["Facilities.Inspection.TemplateRequired"]);
            RuleFor(c => c.Score).InclusiveBetween(0, 100).WithMessage(l["Facilities.Inspection.Score"]);
            RuleFor(c => c.Notes).MaximumLength(Inspection.NotesMaxLength).WithMessage(l["Validation.MaxLength", Inspection.NotesMaxLength]);
            RuleFor(c => c.Findings).NotNull().Must(f => f.Count <= 50).WithMessage(l["Facilities.Inspection.TooManyFindings"]);
            RuleForEach(c => c.Findings).ChildRules(f =>
            {
                f.RuleFor(x => x.Description).Must(d => !string.IsNullOrWhiteSpace(d)).WithMessage(l["Facilities.Hazard.DescriptionRequired"])
                    .MaximumLength(Hazard.TextMaxLength).WithMessage(l["Validation.MaxLength", Hazard.TextMaxLength]);
                f.RuleFor(x => x.ChecklistItem).MaximumLength(Hazard.TextMaxLength).WithMessage(l["Validation.MaxLength", Hazard.TextMaxLength]);
                f.RuleFor(x => x.Risk).IsInEnum().WithMessage(l["Validation.Choice"]);
                f.RuleFor(x => x.DeadlineUtc).Must(d => d is null || d.Value.ToUniversalTime() > clock.UtcNow()).WithMessage(l["Facilities.Deadline.InPast"]);
            });
            this.Files(c => c.Evidence, l);
        }
    }

    public sealed class Handler(IDbContextFactory<EldercareDbContext> dbs, FacilityAccess access, ICurrentUser user, EvidenceStore store, ILiveUpdates live, TimeProvider clock)
        : ICommandHandler<Command, Result<Guid>>
    {
        public async ValueTask<Result<Guid>> Handle(Command command, CancellationToken cancellationToken)
        {
            await using var db = await dbs.CreateDbContextAsync(cancellationToken);
            var org = await access.FindAsync(db, command.OrganisationId, cancellationToken);
            if (org is null)
            {
                return Result.NotFound().As<Guid>();
            }

            var template = await db.Set<ChecklistTemplate>().AsNoTracking().SingleOrDefaultAsync(t => t.Id == command.TemplateId && t.Active, cancellationToken);
            if (template is null)
            {
                return Result.NotFound().As<Guid>();
            }

            var now = clock.UtcNow();
            var inspection = new Inspection
            {
                OrganisationId = org.Id, RegionCode = org.RegionCode, TemplateId = template.Id, TemplateName = template.Name,
                InspectorId = user.Id, InspectorName = Short(user.DisplayName), InspectedAtUtc = now, Score = command.Score,
                Notes = string.IsNullOrWhiteSpace(command.Notes) ? null : command.Notes.Trim(),
            };
            db.Add(inspection);
            foreach (var finding in command.Findings)
            {
                db.Add(Hazard.Raise(inspection, string.IsNullOrWhiteSpace(finding.ChecklistItem) ? null : finding.ChecklistItem.Trim(), finding.Description.Trim(), finding.Risk,
                    finding.DeadlineUtc?.ToUniversalTime(), now));
            }

            var files = await EvidenceValidation.StoreAsync(store, db, command.Evidence, inspection, EvidenceOf.Inspection, inspection.Id, inspection.InspectorName, now, cancellationToken);
            var liveUpdate = FacilityLive.Update(org.RegionCode, org.Id, command.Findings.Count > 0 ? "hazard.raised" : "inspected", now);
            LiveEvent.Stage(db, liveUpdate);
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch
            {
                files.ForEach(store.Delete);
                throw;
            }

            await live.PushAsync(liveUpdate, cancellationToken);
            return Result<Guid>.Ok(inspection.Id);
        }

        internal static string Short(string name) => name.Length > 50 ? name[..50] : name;
    }
}
