using FluentValidation;
using SmartEldercare.Facilities.Inspections;

namespace SmartEldercare.Facilities.Features.Inspections;

public sealed record TemplateItem(Guid Id, string Name, TemplateKind Kind, IReadOnlyList<string> Items, string ItemsText, bool Active, int Version);

/// <summary>The checklist templates (active only for an inspection; all for the admins' page).</summary>
public static class ListTemplates
{
    public sealed record Query(bool ActiveOnly = true) : RequiresPermission(Permissions.FacilitiesRead), IQuery<IReadOnlyList<TemplateItem>>;

    public sealed class Handler(IDbContextFactory<EldercareDbContext> dbs) : IQueryHandler<Query, IReadOnlyList<TemplateItem>>
    {
        public async ValueTask<IReadOnlyList<TemplateItem>> Handle(Query query, CancellationToken cancellationToken)
        {
            await using var db = await dbs.CreateDbContextAsync(cancellationToken);
            var templates = await db.Set<ChecklistTemplate>().AsNoTracking().Where(t => !query.ActiveOnly || t.Active)
                .OrderBy(t => t.Kind).ThenBy(t => t.Name).ToListAsync(cancellationToken);
            return [.. templates.Select(t => new TemplateItem(t.Id, t.Name, t.Kind, t.Items, t.ItemsText, t.Active, t.Version))];
        }
    }
}
