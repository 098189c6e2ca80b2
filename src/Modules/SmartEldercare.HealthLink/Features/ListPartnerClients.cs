using SmartEldercare.HealthLink.Partners;

namespace SmartEldercare.HealthLink.Features;

public sealed record PartnerClientView(Guid Id, string ClientId, string Name, bool Enabled, DateTime CreatedAtUtc, DateTime? RotatedAtUtc, int Version, PartnerCapabilities Capabilities, string? RegionCode);

public static class ListPartnerClients
{
    public sealed record Query() : RequiresPermission(Permissions.HealthLinkAdmin), IQuery<IReadOnlyList<PartnerClientView>>;

    public sealed class Handler(IDbContextFactory<EldercareDbContext> dbs) : IQueryHandler<Query, IReadOnlyList<PartnerClientView>>
    {
        public async ValueTask<IReadOnlyList<PartnerClientView>> Handle(Query query, CancellationToken cancellationToken)
        {
            await using var db = await dbs.CreateDbContextAsync(cancellationToken);
            return await db.Set<PartnerClient>().AsNoTracking().OrderBy(c => c.ClientId)
                .Select(c => new PartnerClientView(c.Id, c.ClientId, c.Name, c.Enabled, c.CreatedAtUtc, c.RotatedAtUtc, c.Version, c.Capabilities, c.RegionCode)).ToListAsync(cancellationToken);
        }
    }
}
