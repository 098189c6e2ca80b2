using FluentValidation;
using SmartEldercare.Card.Cards;

namespace SmartEldercare.Card.Features.Cards;

public sealed record PrintableCard(Guid Id, string Number, string ElderName, string IdNumberMasked, string RegionCode, DateTime IssuedAtUtc);

/// <summary>The active cards of a village for printing and handing out (ID numbers masked to their last four digits).</summary>
public static class ListVillageCards
{
    public sealed record Query(string RegionCode) : RequiresPermission(Permissions.CardRead), IQuery<IReadOnlyList<PrintableCard>>, SmartEldercare.Platform.Privacy.IPersonalDataAccess;

    public sealed class Handler(IDbContextFactory<EldercareDbContext> dbs, ICurrentUser user) : IQueryHandler<Query, IReadOnlyList<PrintableCard>>
    {
        public async ValueTask<IReadOnlyList<PrintableCard>> Handle(Query query, CancellationToken cancellationToken)
        {
            if (string.IsNullOrEmpty(query.RegionCode) || !RegionScope.Contains(user.RegionCode, query.RegionCode))
            {
                return [];
            }

            await using var db = await dbs.CreateDbContextAsync(cancellationToken);
            return await db.Set<ServiceCard>().AsNoTracking().InRegion(query.RegionCode).Where(c => c.Status == CardStatus.Active)
                .OrderBy(c => c.ElderName).ThenBy(c => c.Id)
                .Select(c => new PrintableCard(c.Id, c.Number, c.ElderName, "****" + c.IdNumberTail, c.RegionCode, c.IssuedAtUtc))
                .ToListAsync(cancellationToken);
        }
    }
}
