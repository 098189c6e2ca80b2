using SmartEldercare.Card.Cards;
using SmartEldercare.Platform.Elders;

namespace SmartEldercare.Card.Features.Crediting;

public sealed record RuleItem(Guid Id, string Name, CreditPurpose Purpose, int MinAge, int? MaxAge, KeyGroups KeyGroups, int MinCareLevel, [property: JsonYuan] long MonthlyAmount, bool ExpiresAtYearEnd, bool Enabled);

public static class ListCreditRules
{
    public sealed record Query() : RequiresPermission(Permissions.CardRead), IQuery<IReadOnlyList<RuleItem>>;

    public sealed class Handler(IDbContextFactory<EldercareDbContext> dbs) : IQueryHandler<Query, IReadOnlyList<RuleItem>>
    {
        public async ValueTask<IReadOnlyList<RuleItem>> Handle(Query query, CancellationToken cancellationToken)
        {
            await using var db = await dbs.CreateDbContextAsync(cancellationToken);
            var rules = await db.Set<CreditRule>().AsNoTracking().ToListAsync(cancellationToken);
            return rules.OrderBy(r => r.MinAge).ThenBy(r => r.Name, StringComparer.Ordinal)
                .Select(r => new RuleItem(r.Id, r.Name, r.Purpose, r.MinAge, r.MaxAge, r.KeyGroups, r.MinCareLevel, r.MonthlyAmount, r.ExpiresAtYearEnd, r.Enabled)).ToList();
        }
    }
}
