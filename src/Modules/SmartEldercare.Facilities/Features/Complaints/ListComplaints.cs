using FluentValidation;
using SmartEldercare.Facilities.Complaints;

namespace SmartEldercare.Facilities.Features.Complaints;

public sealed record ComplaintItem(Guid Id, ComplaintSource Source, string? ReferenceNumber, ComplaintSeverity Severity, string Summary, string? ComplainantName,
    string MaskedPhone, DateTime ReceivedAtUtc, DateTime DeadlineUtc, ComplaintStatus Status, bool Overdue, string? Handling, string? Resolution, DateTime? ClosedAtUtc);

/// <summary>An institution's complaints, open first; the complainant's phone masked.</summary>
public static class ListComplaints
{
    public sealed record Query(Guid OrganisationId) : RequiresPermission(Permissions.FacilitiesRead), IQuery<Result<IReadOnlyList<ComplaintItem>>>;

    public sealed class Handler(IDbContextFactory<EldercareDbContext> dbs, FacilityAccess access, TimeProvider clock) : IQueryHandler<Query, Result<IReadOnlyList<ComplaintItem>>>
    {
        public async ValueTask<Result<IReadOnlyList<ComplaintItem>>> Handle(Query query, CancellationToken cancellationToken)
        {
            await using var db = await dbs.CreateDbContextAsync(cancellationToken);
            if (await access.FindAsync(db, query.OrganisationId, cancellationToken) is null)
            {
                return Result.NotFound().As<IReadOnlyList<ComplaintItem>>();
            }

            var now = clock.UtcNow();
            var list = await db.Set<Complaint>().AsNoTracking().Where(c => c.OrganisationId == query.OrganisationId)
                .OrderByDescending(c => c.ReceivedAtUtc).Take(100).ToListAsync(cancellationToken);
            return Result<IReadOnlyList<ComplaintItem>>.Ok([.. list.OrderBy(c => c.Status == ComplaintStatus.Closed).ThenBy(c => c.DeadlineUtc)
                .Select(c => new ComplaintItem(c.Id, c.Source, c.ReferenceNumber, c.Severity, c.Summary, c.ComplainantName, Masking.Phone(c.ComplainantPhone),
                    c.ReceivedAtUtc, c.DeadlineUtc, c.Status, c.IsOverdue(now), c.Handling, c.Resolution, c.ClosedAtUtc))]);
        }
    }
}
