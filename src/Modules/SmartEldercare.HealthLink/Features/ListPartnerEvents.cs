using FluentValidation;
using SmartEldercare.HealthLink.Partners;
using SmartEldercare.Platform.Elders;

namespace SmartEldercare.HealthLink.Features;

/// <summary>A partner event as staff see it: the ID number only by its last four characters; the elder (null when unmatched).</summary>
public sealed record PartnerEventView(Guid Id, string ClientId, string EventId, PartnerEventType Type, string IdNumberMasked, Guid? ElderId, string? ElderName,
    string RegionCode, DateOnly OccurredOn, string? Facility, string? Doctor, DateOnly? EndsOn, string? Note, PartnerEventStatus Status, DateTime ReceivedAtUtc,
    string? ReviewedBy, DateTime? ReviewedAtUtc, string? ReviewNote, int Version);

/// <summary>Partner events of the caller's scope, newest first; unmatched ones only for the district's reviewers.</summary>
public static class ListPartnerEvents
{
    public const int MaxTake = 500;

    public sealed record Query(PartnerEventStatus? Status = null, PartnerEventType? Type = null, int Take = 100) : RequiresPermission(Permissions.HealthLinkRead), IQuery<IReadOnlyList<PartnerEventView>>;

    public sealed class Handler(IDbContextFactory<EldercareDbContext> dbs, ICurrentUser user) : IQueryHandler<Query, IReadOnlyList<PartnerEventView>>
    {
        public async ValueTask<IReadOnlyList<PartnerEventView>> Handle(Query query, CancellationToken cancellationToken)
        {
            await using var db = await dbs.CreateDbContextAsync(cancellationToken);
            var reviewer = Permissions.Grants(user.Principal, Permissions.HealthLinkAdmin);
            var events = db.Set<PartnerEvent>().AsNoTracking();
            events = reviewer && query.Status is null or PartnerEventStatus.Unmatched or PartnerEventStatus.Dismissed
                ? events.Where(e => e.RegionCode == string.Empty || e.RegionCode.StartsWith(user.RegionCode))
                : events.InScopeOf(user);
            if (query.Status is { } status)
            {
                events = events.Where(e => e.Status == status);
            }

            if (query.Type is { } type)
            {
                events = events.Where(e => e.Type == type);
            }

            var rows = await events.OrderByDescending(e => e.ReceivedAtUtc).Take(Math.Clamp(query.Take, 1, MaxTake)).ToListAsync(cancellationToken);
            var elderIds = rows.Where(r => r.ElderId is not null).Select(r => r.ElderId!.Value).Distinct().ToList();
            var names = elderIds.Count == 0 ? new Dictionary<Guid, string>()
                : await db.Elders.AsNoTracking().Where(e => elderIds.Contains(e.Id)).Select(e => new { e.Id, e.Name }).ToDictionaryAsync(e => e.Id, e => e.Name, cancellationToken);
            return rows.Select(r => new PartnerEventView(r.Id, r.ClientId, r.EventId, r.Type, "**************" + r.IdNumberTail, r.ElderId,
                r.ElderId is { } id ? names.GetValueOrDefault(id) : null, r.RegionCode, r.OccurredOn, r.Facility, r.Doctor, r.EndsOn, r.Note, r.Status, r.ReceivedAtUtc,
                r.ReviewedBy, r.ReviewedAtUtc, r.ReviewNote, r.Version)).ToList();
        }
    }
}
