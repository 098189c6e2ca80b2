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

    /// <summary>Whether a run is inside the user's scope: one outside it answers 404, like any record outside the scope.</summary>
    public static bool InScope(ICurrentUser user, ReportRun run) => RegionScope.Contains(user.RegionCode, run.RegionCode);
}
