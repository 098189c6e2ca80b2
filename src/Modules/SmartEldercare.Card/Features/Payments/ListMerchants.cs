using FluentValidation;
using SmartEldercare.Platform.Organisations;

namespace SmartEldercare.Card.Features.Payments;

public sealed record MerchantOption(Guid Id, string Name, OrganisationType Type);

/// <summary>Canteens and providers of the caller's scope the point of sale may charge for.</summary>
public static class ListMerchants
{
    public sealed record Query() : RequiresPermission(Permissions.CardPay), IQuery<IReadOnlyList<MerchantOption>>;

    public sealed class Handler(IDbContextFactory<EldercareDbContext> dbs, ICurrentUser user) : IQueryHandler<Query, IReadOnlyList<MerchantOption>>
    {
        public async ValueTask<IReadOnlyList<MerchantOption>> Handle(Query query, CancellationToken cancellationToken)
        {
            await using var db = await dbs.CreateDbContextAsync(cancellationToken);
            return await Merchants(db, user.RegionCode).OrderBy(o => o.Type).ThenBy(o => o.Name)
                .Select(o => new MerchantOption(o.Id, o.Name, o.Type)).ToListAsync(cancellationToken);
        }
    }

    /// <summary>A card pays the whole district's canteens; staff take payments only for merchants of their own scope.</summary>
    internal static IQueryable<Organisation> Merchants(EldercareDbContext db, string scope) =>
        db.Organisations.AsNoTracking().InRegion(scope).Where(o => o.Type == OrganisationType.Canteen || o.Type == OrganisationType.ServiceProvider || o.Type == OrganisationType.DayCareCentre);
}
