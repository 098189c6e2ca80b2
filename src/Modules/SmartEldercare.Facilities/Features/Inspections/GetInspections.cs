using FluentValidation;
using SmartEldercare.Facilities.Inspections;

namespace SmartEldercare.Facilities.Features.Inspections;

public sealed record InspectionHistory(IReadOnlyList<InspectionItem> Inspections, IReadOnlyList<HazardItem> Hazards);

/// <summary>An institution's inspections (newest first, last 50) and its hazards (open and overdue first).</summary>
public static class GetInspections
{
    public sealed record Query(Guid OrganisationId) : RequiresPermission(Permissions.FacilitiesRead), IQuery<Result<InspectionHistory>>;

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
