using SmartEldercare.HomeService.Catalogue;
using SmartEldercare.HomeService.Entitlements;
using SmartEldercare.Platform.Organisations;

namespace SmartEldercare.HomeService.Features.Catalogue;

/// <summary>A provider's price per unit (fen; a yuan number in the API's JSON).</summary>
public sealed record OfferingView(Guid Id, Guid ProviderId, string ProviderName, [property: JsonYuan] long Price, bool Active);

/// <summary>A catalogue item; its guide price in fen (a yuan number in the API's JSON).</summary>
public sealed record ItemView(
    Guid Id, string Code, string Name, ServiceCategory Category, ServiceUnit Unit, int StandardMinutes, [property: JsonYuan] long GuidePrice,
    string Checklist, bool Active, int Version, IReadOnlyList<OfferingView> Offerings);

public sealed record ProviderOption(Guid Id, string Name, string RegionCode);

public sealed record CatalogueView(IReadOnlyList<ItemView> Items, IReadOnlyList<ProviderOption> Providers, IReadOnlyList<EntitlementRule> Rules);

/// <summary>
/// The district catalogue (items by category), the offerings of the providers inside the user's scope, and the
/// entitlement rules: what the admin page edits and what the order dialog offers.
/// </summary>
public static class ListCatalogue
{
    private static readonly int[] AboveLengths = [6, 9];

    public sealed record Query(bool ActiveOnly = false) : RequiresPermission(Permissions.HomeServiceRead), IQuery<CatalogueView>;

    public sealed class Handler(IDbContextFactory<EldercareDbContext> dbs, ICurrentUser user) : IQueryHandler<Query, CatalogueView>
    {
        public async ValueTask<CatalogueView> Handle(Query query, CancellationToken cancellationToken)
        {
            await using var db = await dbs.CreateDbContextAsync(cancellationToken);
            var items = await db.Set<ServiceItem>().AsNoTracking().Where(i => !query.ActiveOnly || i.Active).ToListAsync(cancellationToken);
            var providers = await ProvidersAsync(db, user, cancellationToken);
            var providerIds = providers.Select(p => p.Id).ToList();
            var offerings = await db.Set<ProviderOffering>().AsNoTracking()
                .Where(o => providerIds.Contains(o.ProviderId) && (!query.ActiveOnly || o.Active)).ToListAsync(cancellationToken);
            var names = providers.ToDictionary(p => p.Id, p => p.Name);
            var rules = await db.Set<EntitlementRule>().AsNoTracking().ToListAsync(cancellationToken);
            return new CatalogueView(
                [.. items.OrderBy(i => i.Category).ThenBy(i => i.Code, StringComparer.Ordinal).Select(i => new ItemView(
                    i.Id, i.Code, i.Name, i.Category, i.Unit, i.StandardMinutes, i.GuidePrice, i.Checklist, i.Active, i.Version,
                    [.. offerings.Where(o => o.ItemId == i.Id).OrderBy(o => names[o.ProviderId], StringComparer.Ordinal)
                        .Select(o => new OfferingView(o.Id, o.ProviderId, names[o.ProviderId], o.Price, o.Active))]))],
                providers,
                [.. rules.OrderBy(r => r.Group).ThenBy(r => r.MinCareLevel)]);
        }
    }

    /// <summary>
    /// The providers serving the user's area: those inside the scope, and those of the regions above it (a village's
    /// street provider serves the village).
    /// </summary>
    internal static IQueryable<Organisation> Serving(EldercareDbContext db, ICurrentUser user)
    {
        var above = AboveLengths.Where(n => user.RegionCode.Length > n).Select(n => user.RegionCode[..n]).ToList();
        var within = db.Organisations.AsNoTracking().InScopeOf(user).Select(o => o.Id);
        return db.Organisations.AsNoTracking().Where(o => o.Type == OrganisationType.ServiceProvider && (within.Contains(o.Id) || above.Contains(o.RegionCode)));
    }

    internal static async Task<IReadOnlyList<ProviderOption>> ProvidersAsync(EldercareDbContext db, ICurrentUser user, CancellationToken ct) =>
        [.. (await Serving(db, user).Select(o => new ProviderOption(o.Id, o.Name, o.RegionCode)).ToListAsync(ct))
            .OrderBy(p => p.RegionCode, StringComparer.Ordinal).ThenBy(p => p.Name, StringComparer.Ordinal)];
}
