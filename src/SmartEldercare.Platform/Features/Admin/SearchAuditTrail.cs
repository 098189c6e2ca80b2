using Mediator;
using Microsoft.EntityFrameworkCore;
using SmartEldercare.Platform.Auditing;
using SmartEldercare.Platform.Behaviors;
using SmartEldercare.Platform.Common;
using SmartEldercare.Platform.Identity;
using SmartEldercare.Platform.Persistence;

namespace SmartEldercare.Platform.Features.Admin;

public sealed record AuditRow(long Sequence, DateTime AtUtc, string UserName, string? IpAddress, string Action, string? RecordId, AuditOutcome Outcome, string? Detail);

/// <summary>The audit trail, newest first, by user, record (e.g. an elder's id), action and time range.</summary>
public static class SearchAuditTrail
{
    public sealed record Query(string? UserName = null, string? RecordId = null, string? Action = null, DateOnly? From = null, DateOnly? To = null, int Page = 1, int PageSize = 50)
        : IQuery<PagedResult<AuditRow>>, IRequirePermission
    {
        public string Permission => Permissions.Administer;
    }

    public sealed class Handler(IDbContextFactory<EldercareDbContext> dbs) : IQueryHandler<Query, PagedResult<AuditRow>>
    {
        public async ValueTask<PagedResult<AuditRow>> Handle(Query query, CancellationToken cancellationToken)
        {
            var page = Math.Max(1, query.Page);
            var size = Math.Clamp(query.PageSize, 1, 200);
            await using var db = await dbs.CreateDbContextAsync(cancellationToken);
            var entries = db.AuditEntries.AsNoTracking();
            if (!string.IsNullOrWhiteSpace(query.UserName))
            {
                entries = entries.Where(a => a.UserName == query.UserName.Trim());
            }

            if (!string.IsNullOrWhiteSpace(query.RecordId))
            {
                entries = entries.Where(a => a.RecordId == query.RecordId.Trim());
            }

            if (!string.IsNullOrWhiteSpace(query.Action))
            {
                entries = entries.Where(a => a.Action == query.Action.Trim());
            }

            if (query.From is { } from)
            {
                var fromUtc = TimeZoneInfo.ConvertTimeToUtc(from.ToDateTime(TimeOnly.MinValue), ShanghaiTime.Zone);
                entries = entries.Where(a => a.AtUtc >= fromUtc);
            }

            if (query.To is { } to)
            {
                var toUtc = TimeZoneInfo.ConvertTimeToUtc(to.AddDays(1).ToDateTime(TimeOnly.MinValue), ShanghaiTime.Zone);
                entries = entries.Where(a => a.AtUtc < toUtc);
            }

            var total = await entries.CountAsync(cancellationToken);
            var rows = await entries.OrderByDescending(a => a.Sequence).Skip((page - 1) * size).Take(size)
                .Select(a => new AuditRow(a.Sequence, a.AtUtc, a.UserName, a.IpAddress, a.Action, a.RecordId, a.Outcome, a.Detail))
                .ToListAsync(cancellationToken);
            return new PagedResult<AuditRow>(rows, total, page, size);
        }
    }
}

public static class VerifyAuditChain
{
    public sealed record Query() : RequiresPermission(Permissions.Administer), IQuery<ChainVerification>;

    public sealed class Handler(AuditTrail trail) : IQueryHandler<Query, ChainVerification>
    {
        public async ValueTask<ChainVerification> Handle(Query query, CancellationToken cancellationToken) => await trail.VerifyAsync(cancellationToken);
    }
}
