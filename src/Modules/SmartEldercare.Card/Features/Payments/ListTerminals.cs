using SmartEldercare.Card.Cards;

namespace SmartEldercare.Card.Features.Payments;

public sealed record TerminalItem(Guid Id, string Code, string Name, string OrganisationName, bool Enabled, DateTime CreatedAtUtc);

public static class ListTerminals
{
    public sealed record Query() : RequiresPermission(Permissions.CardAdmin), IQuery<IReadOnlyList<TerminalItem>>;

    public sealed class Handler(IDbContextFactory<EldercareDbContext> dbs, ICurrentUser user) : IQueryHandler<Query, IReadOnlyList<TerminalItem>>
    {
        public async ValueTask<IReadOnlyList<TerminalItem>> Handle(Query query, CancellationToken cancellationToken)
        {
            await using var db = await dbs.CreateDbContextAsync(cancellationToken);
            return await db.Set<Terminal>().AsNoTracking().InScopeOf(user).OrderBy(t => t.Code)
                .Select(t => new TerminalItem(t.Id, t.Code, t.Name, t.OrganisationName, t.Enabled, t.CreatedAtUtc)).ToListAsync(cancellationToken);
        }
    }
}
