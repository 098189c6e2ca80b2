using SmartEldercare.Reports.Generation;
using SmartEldercare.Reports.Runs;

namespace SmartEldercare.Reports.Features;

internal static class ReportViews
{
    public static async Task<ReportRunView> ViewAsync(ReportRun r, RegionDirectory regions, ReportGenerator generator, IStringLocalizer l, CancellationToken ct) =>
        new(r.Id, r.Kind, KindTitle(r.Kind, generator, l), r.Month, r.RegionCode, (await regions.FindAsync(r.RegionCode, ct))?.Name ?? r.RegionCode, r.Status, r.Progress,
            r.RequestedBy, r.CreatedAtUtc, r.CompletedAtUtc, r.Error is null ? null : l[r.Error].Value);

    public static string KindTitle(string kind, ReportGenerator generator, IStringLocalizer l) =>
        kind == ReportRun.OverallKind ? l["Reports.Kind.Overall"] : generator.Sections.FirstOrDefault(s => s.Key == kind) is { } s ? l[s.TitleKey] : kind;

    /// <summary>A run outside the user's scope is refused (403), never shown.</summary>
    public static void EnsureInScope(ICurrentUser user, ReportRun run)
    {
        if (!RegionScope.Contains(user.RegionCode, run.RegionCode))
        {
            throw new ForbiddenException("reports.scope");
        }
    }
}
