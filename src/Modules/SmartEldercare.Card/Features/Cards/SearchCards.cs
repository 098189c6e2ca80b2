using FluentValidation;
using SmartEldercare.Card.Cards;
using SmartEldercare.Platform.Elders;

namespace SmartEldercare.Card.Features.Cards;

public static class SearchCards
{
    public sealed record Query(string? Search = null, string? Region = null, int Page = 1, int PageSize = 20) : RequiresPermission(Permissions.CardRead), IQuery<PagedResult<CardListItem>>;

    public sealed class Handler(IDbContextFactory<EldercareDbContext> dbs, ICurrentUser user) : IQueryHandler<Query, PagedResult<CardListItem>>
    {
        public async ValueTask<PagedResult<CardListItem>> Handle(Query query, CancellationToken cancellationToken)
        {
            await using var db = await dbs.CreateDbContextAsync(cancellationToken);
            var cards = db.Set<ServiceCard>().AsNoTracking().InScopeOf(user);
            if (!string.IsNullOrWhiteSpace(query.Region) && RegionScope.Contains(user.RegionCode, query.Region))
            {
                cards = cards.InRegion(query.Region);
            }

            var search = query.Search?.Replace(" ", string.Empty, StringComparison.Ordinal);
            if (!string.IsNullOrEmpty(search))
            {
                cards = search.All(char.IsAsciiDigit)
                    ? cards.Where(c => c.Number.StartsWith(search) || c.IdNumberTail == search || c.Uid == search)
                    : cards.Where(c => c.ElderName.StartsWith(search) || c.Uid == search);
            }

            var (page, size) = (Math.Max(1, query.Page), Math.Clamp(query.PageSize, 1, 200));
            var total = await cards.CountAsync(cancellationToken);
            var items = await CardViews.Items(db, cards.OrderBy(c => c.RegionCode).ThenBy(c => c.ElderName).ThenBy(c => c.Id).Skip((page - 1) * size).Take(size)).ToListAsync(cancellationToken);
            return new PagedResult<CardListItem>(items, total, page, size);
        }
    }
}
