using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using SmartEldercare.Facilities.Inspections;
using SmartEldercare.Platform.Behaviors;
using SmartEldercare.Platform.Common;
using SmartEldercare.Platform.Identity;
using SmartEldercare.Platform.Live;
using SmartEldercare.Platform.Localization;
using SmartEldercare.Platform.Persistence;

namespace SmartEldercare.Facilities.Features.Inspections;

/// <summary>The evidence rules as a validator rule: each file an image or PDF by its content, at most 10 MB, at most five.</summary>
internal static class EvidenceValidation
{
    public static void Files<T>(this AbstractValidator<T> validator, System.Linq.Expressions.Expression<Func<T, IEnumerable<Upload>>> files, IStringLocalizer l)
    {
        validator.RuleFor(files).Must(f => f is null || f.Count() <= EvidenceRules.MaxFiles).WithMessage(l["Facilities.Evidence.TooMany", EvidenceRules.MaxFiles]);
        validator.RuleForEach(files).Custom((upload, context) =>
        {
            if (upload is null || EvidenceRules.Problem(upload) is { } problem)
            {
                context.AddFailure(l[upload is null ? "Facilities.Evidence.Empty" : EvidenceRules.Problem(upload)!, upload?.FileName ?? string.Empty]);
            }
        });
    }

    /// <summary>Writes the files, then adds their records to <paramref name="db"/> (saved with the caller's change).</summary>
    public static async Task<List<Guid>> StoreAsync(EvidenceStore store, EldercareDbContext db, IReadOnlyList<Upload>? uploads, IFacilityRecord owner, EvidenceOf of, Guid ownerId,
        string by, DateTime now, CancellationToken ct)
    {
        var written = new List<Guid>();
        foreach (var upload in uploads ?? [])
        {
            var file = new EvidenceFile
            {
                OrganisationId = owner.OrganisationId, RegionCode = owner.RegionCode, Of = of, OwnerId = ownerId, FileName = EvidenceRules.SafeName(upload.FileName),
                ContentType = EvidenceRules.ContentTypeOf(upload.Content)!, Size = upload.Content.LongLength, UploadedAtUtc = now, UploadedBy = by,
            };
            await store.SaveAsync(file.Id, upload.Content, ct);
            written.Add(file.Id);
            db.Add(file);
        }

        return written;
    }
}

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
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch
            {
                files.ForEach(store.Delete);
                throw;
            }

            await live.PublishAsync(FacilityLive.Update(org.RegionCode, org.Id, command.Findings.Count > 0 ? "hazard.raised" : "inspected", now), cancellationToken);
            return Result<Guid>.Ok(inspection.Id);
        }

        internal static string Short(string name) => name.Length > 50 ? name[..50] : name;
    }
}

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
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateConcurrencyException)
            {
                files.ForEach(store.Delete);
                return Result.Conflict(l["Common.ChangedByOthers"]);
            }

            await live.PublishAsync(FacilityLive.Update(hazard.RegionCode, hazard.OrganisationId, "hazard.fixed", now), cancellationToken);
            return Result.Ok();
        }
    }
}

/// <summary>The inspector confirms a recorded fix (closed) or reopens it with a new deadline (by risk when not given).</summary>
public static class ReviewFix
{
    public sealed record Command(Guid HazardId, bool Accept, string? Note = null, DateTime? DeadlineUtc = null) : ICommand<Result>, IRequirePermission
    {
        public string Permission => Permissions.FacilitiesInspect;
    }

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

public sealed record EvidenceItem(Guid Id, string FileName, string ContentType, long Size);

public sealed record HazardItem(Guid Id, Guid InspectionId, string? ChecklistItem, string Description, RiskLevel Risk, DateTime RaisedAtUtc, DateTime DeadlineUtc,
    HazardStatus Status, bool Overdue, string? FixNote, string? FixedBy, DateTime? FixedAtUtc, string? VerifiedBy, DateTime? VerifiedAtUtc, string? ReopenNote, int Reopened,
    IReadOnlyList<EvidenceItem> FixEvidence);

public sealed record InspectionItem(Guid Id, string TemplateName, string InspectorName, DateTime InspectedAtUtc, int Score, string? Notes, int Findings, IReadOnlyList<EvidenceItem> Evidence);

public sealed record InspectionHistory(IReadOnlyList<InspectionItem> Inspections, IReadOnlyList<HazardItem> Hazards);

/// <summary>An institution's inspections (newest first, last 50) and its hazards (open and overdue first).</summary>
public static class GetInspections
{
    public sealed record Query(Guid OrganisationId) : IQuery<Result<InspectionHistory>>, IRequirePermission
    {
        public string Permission => Permissions.FacilitiesRead;
    }

    public sealed class Handler(IDbContextFactory<EldercareDbContext> dbs, FacilityAccess access, TimeProvider clock) : IQueryHandler<Query, Result<InspectionHistory>>
    {
        public async ValueTask<Result<InspectionHistory>> Handle(Query query, CancellationToken cancellationToken)
        {
            await using var db = await dbs.CreateDbContextAsync(cancellationToken);
            if (await access.FindAsync(db, query.OrganisationId, cancellationToken) is null)
            {
                return Result.NotFound().As<InspectionHistory>();
            }

            var now = clock.UtcNow();
            var inspections = await db.Set<Inspection>().AsNoTracking().Where(i => i.OrganisationId == query.OrganisationId)
                .OrderByDescending(i => i.InspectedAtUtc).Take(50).ToListAsync(cancellationToken);
            var hazards = await db.Set<Hazard>().AsNoTracking().Where(h => h.OrganisationId == query.OrganisationId && (h.Status != HazardStatus.Verified || h.RaisedAtUtc > now.AddDays(-180)))
                .ToListAsync(cancellationToken);
            var owners = inspections.Select(i => i.Id).Concat(hazards.Select(h => h.Id)).ToList();
            var evidence = await db.Set<EvidenceFile>().AsNoTracking().Where(e => e.OrganisationId == query.OrganisationId && owners.Contains(e.OwnerId))
                .Select(e => new { e.OwnerId, Item = new EvidenceItem(e.Id, e.FileName, e.ContentType, e.Size) }).ToListAsync(cancellationToken);
            var byOwner = evidence.ToLookup(e => e.OwnerId, e => e.Item);
            var findings = hazards.GroupBy(h => h.InspectionId).ToDictionary(g => g.Key, g => g.Count());
            return Result<InspectionHistory>.Ok(new InspectionHistory(
                [.. inspections.Select(i => new InspectionItem(i.Id, i.TemplateName, i.InspectorName, i.InspectedAtUtc, i.Score, i.Notes, findings.GetValueOrDefault(i.Id), [.. byOwner[i.Id]]))],
                [.. hazards.OrderBy(h => h.Status).ThenByDescending(h => h.IsOverdue(now)).ThenBy(h => h.DeadlineUtc)
                    .Select(h => new HazardItem(h.Id, h.InspectionId, h.ChecklistItem, h.Description, h.Risk, h.RaisedAtUtc, h.DeadlineUtc, h.Status, h.IsOverdue(now),
                        h.FixNote, h.FixedBy, h.FixedAtUtc, h.VerifiedBy, h.VerifiedAtUtc, h.ReopenNote, h.Reopened, [.. byOwner[h.Id]]))]));
        }
    }
}

public sealed record EvidenceContent(string FileName, string ContentType, byte[] Content);

/// <summary>One evidence file's bytes, for whoever may see its institution.</summary>
public static class GetEvidence
{
    public sealed record Query(Guid Id) : IQuery<Result<EvidenceContent>>, IRequirePermission
    {
        public string Permission => Permissions.FacilitiesRead;
    }

    public sealed class Handler(IDbContextFactory<EldercareDbContext> dbs, FacilityAccess access, EvidenceStore store) : IQueryHandler<Query, Result<EvidenceContent>>
    {
        public async ValueTask<Result<EvidenceContent>> Handle(Query query, CancellationToken cancellationToken)
        {
            await using var db = await dbs.CreateDbContextAsync(cancellationToken);
            var file = await (await access.RecordsAsync<EvidenceFile>(db, cancellationToken)).AsNoTracking().SingleOrDefaultAsync(e => e.Id == query.Id, cancellationToken);
            var content = file is null ? null : await store.ReadAsync(file.Id, cancellationToken);
            return file is null || content is null ? Result.NotFound().As<EvidenceContent>() : Result<EvidenceContent>.Ok(new EvidenceContent(file.FileName, file.ContentType, content));
        }
    }
}
