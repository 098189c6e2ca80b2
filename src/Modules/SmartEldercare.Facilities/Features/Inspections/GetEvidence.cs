using SmartEldercare.Facilities.Inspections;

namespace SmartEldercare.Facilities.Features.Inspections;

public sealed record EvidenceContent(string FileName, string ContentType, byte[] Content);

/// <summary>One evidence file's bytes, for whoever may see its institution.</summary>
public static class GetEvidence
{
    public sealed record Query(Guid Id) : RequiresPermission(Permissions.FacilitiesRead), IQuery<Result<EvidenceContent>>;

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
