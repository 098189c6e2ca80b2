using FluentValidation;
using SmartEldercare.Platform.Reporting;
using SmartEldercare.Reports.Generation;

namespace SmartEldercare.Reports.Features;

/// <summary>What a user may ask for: the kinds, the regions of their scope (their own and the level below), the latest closed month.</summary>
public sealed record ReportChoices(IReadOnlyList<ReportKindChoice> Kinds, IReadOnlyList<ReportScopeChoice> Scopes, int LatestMonth);

public sealed record ReportKindChoice(string Kind, string Title);

public sealed record ReportScopeChoice(string Code, string Name);

/// <summary>The choices of the request form for the current user.</summary>
public static class GetReportChoices
{
    public sealed record Query() : RequiresPermission(Permissions.ReportsRead), IQuery<ReportChoices>;

    public sealed class Handler(ICurrentUser user, RegionDirectory regions, ReportGenerator generator, TimeProvider clock, IStringLocalizer<Strings> l) : IQueryHandler<Query, ReportChoices>
    {
        public async ValueTask<ReportChoices> Handle(Query query, CancellationToken cancellationToken)
        {
            var all = await regions.AllAsync(cancellationToken);
            var scopes = new List<ReportScopeChoice>();
            if (all.GetValueOrDefault(user.RegionCode) is { } own)
            {
                scopes.Add(new ReportScopeChoice(own.Code, own.Name));
                scopes.AddRange(all.Values.Where(r => r.ParentCode == own.Code).OrderBy(r => r.SortOrder).Select(r => new ReportScopeChoice(r.Code, r.Name)));
            }

            return new ReportChoices([.. generator.Kinds.Select(k => new ReportKindChoice(k, ReportViews.KindTitle(k, generator, l)))], scopes, ReportMonth.Of(clock.Today()).Previous.Number);
        }
    }
}
