using System.Globalization;
using Microsoft.Extensions.Logging;
using SmartEldercare.Platform.Reporting;
using SmartEldercare.Reports.Runs;

namespace SmartEldercare.Reports.Generation;

/// <summary>
/// Generates queued report runs: claims a run with a conditional update (so two instances never generate the same one),
/// builds its sections through the scenario modules' <see cref="IMonthlyReportSection"/>s, and stores the document and
/// workbook only when every section succeeded; otherwise the run is failed with a localized reason and keeps no content.
/// </summary>
public sealed class ReportGenerator
{
    private readonly IDbContextFactory<EldercareDbContext> dbs;
    private readonly RegionDirectory regions;
    private readonly StringCatalogue catalogue;
    private readonly ReportProgressFeed feed;
    private readonly TimeProvider clock;
    private readonly ReportsOptions options;
    private readonly ILogger<ReportGenerator> logger;

    public ReportGenerator(IDbContextFactory<EldercareDbContext> dbs, IEnumerable<IMonthlyReportSection> sections, RegionDirectory regions, StringCatalogue catalogue,
        ReportProgressFeed feed, TimeProvider clock, ReportsOptions options, ILogger<ReportGenerator> logger)
    {
        this.dbs = dbs;
        this.regions = regions;
        this.catalogue = catalogue;
        this.feed = feed;
        this.clock = clock;
        this.options = options;
        this.logger = logger;
        Sections = [.. sections.OrderBy(s => s.Order)];
    }

    /// <summary>The scenario sections in report order; their keys and <see cref="ReportRun.OverallKind"/> are the report kinds.</summary>
    public IReadOnlyList<IMonthlyReportSection> Sections { get; }

    public IEnumerable<string> Kinds => [ReportRun.OverallKind, .. Sections.Select(s => s.Key)];

    public bool IsKind(string? kind) => kind is not null && Kinds.Contains(kind, StringComparer.Ordinal);

    /// <summary>The workbook and CSVs are in Chinese, the language of the report to the civil-affairs bureau.</summary>
    public static readonly CultureInfo WorkbookCulture = CultureInfo.GetCultureInfo(Cultures.Chinese);

    /// <summary>Claims and generates the oldest queued run (requested ones before automatic ones); false when none is queued.</summary>
    public async Task<bool> RunNextAsync(CancellationToken ct)
    {
        Guid? next;
        await using (var db = await dbs.CreateDbContextAsync(ct))
        {
            next = await db.Set<ReportRun>().AsNoTracking().Where(r => r.Status == ReportRunStatus.Queued)
                .OrderBy(r => r.AutoKey != null).ThenBy(r => r.CreatedAtUtc).Select(r => (Guid?)r.Id).FirstOrDefaultAsync(ct);
        }

        if (next is not { } id)
        {
            return false;
        }

        await RunAsync(id, ct);
        return true;
    }

    /// <summary>Generates one queued run, if this call claims it.</summary>
    public async Task RunAsync(Guid id, CancellationToken ct)
    {
        ReportRun? run;
        await using (var db = await dbs.CreateDbContextAsync(ct))
        {
            var now = clock.UtcNow();
            var claimed = await db.Set<ReportRun>().Where(r => r.Id == id && r.Status == ReportRunStatus.Queued)
                .ExecuteUpdateAsync(s => s.SetProperty(r => r.Status, ReportRunStatus.Running).SetProperty(r => r.Progress, 0).SetProperty(r => r.UpdatedAtUtc, now), ct);
            if (claimed == 0)
            {
                return;
            }

            run = await db.Set<ReportRun>().AsNoTracking().SingleAsync(r => r.Id == id, ct);
        }

        feed.Publish(new ReportProgress(run.Id, run.RegionCode, ReportRunStatus.Running, 0));
        try
        {
            var document = await BuildAsync(run, ct);
            var sheets = ReportFiles.Sheets(document, catalogue, WorkbookCulture);
            var xlsx = ReportFiles.Xlsx(sheets);
            var json = document.ToJson();
            var done = clock.UtcNow();
            await using var db = await dbs.CreateDbContextAsync(CancellationToken.None);
            await db.Set<ReportRun>().Where(r => r.Id == id && r.Status == ReportRunStatus.Running).ExecuteUpdateAsync(s => s
                .SetProperty(r => r.Status, ReportRunStatus.Done).SetProperty(r => r.Progress, 100).SetProperty(r => r.Content, json)
                .SetProperty(r => r.Xlsx, xlsx).SetProperty(r => r.UpdatedAtUtc, done).SetProperty(r => r.CompletedAtUtc, done), CancellationToken.None);
            feed.Publish(new ReportProgress(run.Id, run.RegionCode, ReportRunStatus.Done, 100));
            logger.LogInformation("Report {Kind} {Month} for {Region} generated ({Bytes} bytes)", run.Kind, run.Month, run.RegionCode, xlsx.Length);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // Shutting down: the run goes back to the queue and is generated again after the restart.
            await SetAsync(run, ReportRunStatus.Queued, 0, null);
            throw;
        }
        catch (Exception ex)
        {
            logger.LogError(ex, "Report {Id} ({Kind} {Month} for {Region}) failed", run.Id, run.Kind, run.Month, run.RegionCode);
            await SetAsync(run, ReportRunStatus.Failed, 0, "Reports.Error.Failed");
        }
    }

    private async Task<ReportDocument> BuildAsync(ReportRun run, CancellationToken ct)
    {
        var parts = run.Kind == ReportRun.OverallKind ? Sections : [.. Sections.Where(s => s.Key == run.Kind)];
        if (parts.Count == 0 || !ReportMonth.TryParse(run.Month, out var month))
        {
            throw new InvalidOperationException($"Report kind '{run.Kind}' or month {run.Month} is not known");
        }

        var built = new List<ReportSection>();
        var lastPercent = 0;
        for (var i = 0; i < parts.Count; i++)
        {
            var index = i;
            var progress = new SectionProgress(share =>
            {
                var percent = (int)Math.Floor(Math.Clamp((index + share) / parts.Count, 0, 1) * 99);
                if (percent > Interlocked.Exchange(ref lastPercent, Math.Max(percent, lastPercent)))
                {
                    feed.Publish(new ReportProgress(run.Id, run.RegionCode, ReportRunStatus.Running, percent));
                }
            });
            built.Add(await parts[i].BuildAsync(run.RegionCode, month, progress, ct));
            progress.Report(1);
            await using var db = await dbs.CreateDbContextAsync(ct);
            var now = clock.UtcNow();
            await db.Set<ReportRun>().Where(r => r.Id == run.Id).ExecuteUpdateAsync(s => s.SetProperty(r => r.Progress, lastPercent).SetProperty(r => r.UpdatedAtUtc, now), ct);
        }

        var region = await regions.FindAsync(run.RegionCode, ct);
        return new ReportDocument(run.Kind, run.Month, run.RegionCode, region?.Name ?? run.RegionCode, clock.UtcNow(), built);
    }

    private async Task SetAsync(ReportRun run, ReportRunStatus status, int progress, string? error)
    {
        try
        {
            await using var db = await dbs.CreateDbContextAsync(CancellationToken.None);
            var now = clock.UtcNow();
            await db.Set<ReportRun>().Where(r => r.Id == run.Id).ExecuteUpdateAsync(s => s
                .SetProperty(r => r.Status, status).SetProperty(r => r.Progress, progress).SetProperty(r => r.Error, error)
                .SetProperty(r => r.Content, (string?)null).SetProperty(r => r.Xlsx, (byte[]?)null).SetProperty(r => r.UpdatedAtUtc, now)
                .SetProperty(r => r.CompletedAtUtc, status == ReportRunStatus.Failed ? now : (DateTime?)null), CancellationToken.None);
            feed.Publish(new ReportProgress(run.Id, run.RegionCode, status, progress));
        }
        catch (Exception ex)
        {
            // The start-up recovery marks a run left Running as failed.
            logger.LogError(ex, "Report {Id} could not be marked {Status}", run.Id, status);
        }
    }

    /// <summary>At start-up: runs left Running by a stopped or crashed instance (silent longer than the stale limit) are failed, never left running forever.</summary>
    public async Task<int> RecoverAsync(CancellationToken ct)
    {
        var now = clock.UtcNow();
        var staleBefore = now.AddMinutes(-options.StaleAfterMinutes);
        await using var db = await dbs.CreateDbContextAsync(ct);
        var recovered = await db.Set<ReportRun>().Where(r => r.Status == ReportRunStatus.Running && r.UpdatedAtUtc < staleBefore)
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.Status, ReportRunStatus.Failed).SetProperty(r => r.Error, "Reports.Error.Interrupted")
                .SetProperty(r => r.Content, (string?)null).SetProperty(r => r.Xlsx, (byte[]?)null).SetProperty(r => r.UpdatedAtUtc, now).SetProperty(r => r.CompletedAtUtc, now), ct);
        if (recovered > 0)
        {
            logger.LogWarning("{Count} interrupted report runs marked failed", recovered);
        }

        return recovered;
    }

    /// <summary>
    /// Queues last month's automatic reports (overall and each scenario, for the district and each street) unless they
    /// exist: on the 1st of the month, or on the first start after it. The unique automatic key makes a second call, a
    /// restart or another instance add nothing.
    /// </summary>
    public async Task<int> EnsureMonthlyRunsAsync(CancellationToken ct)
    {
        var month = ReportMonth.Of(clock.Today()).Previous;
        var all = await regions.AllAsync(ct);
        var scopes = all.Values.Where(r => r.Level == RegionLevel.District).Select(r => r.Code).ToList();
        scopes.AddRange(all.Values.Where(r => r.Level == RegionLevel.Street && scopes.Contains(r.ParentCode!)).OrderBy(r => r.SortOrder).Select(r => r.Code));
        var wanted = scopes.SelectMany(scope => Kinds.Select(kind => (Kind: kind, Scope: scope, Key: ReportRun.AutoKeyOf(month.Number, kind, scope)))).ToList();
        var prefix = month.Number.ToString(CultureInfo.InvariantCulture) + ":";
        await using var db = await dbs.CreateDbContextAsync(ct);
        var existing = (await db.Set<ReportRun>().AsNoTracking().Where(r => r.AutoKey != null && r.AutoKey.StartsWith(prefix)).Select(r => r.AutoKey!).ToListAsync(ct)).ToHashSet(StringComparer.Ordinal);
        var added = 0;
        var now = clock.UtcNow();
        foreach (var (kind, scope, key) in wanted.Where(w => !existing.Contains(w.Key)))
        {
            db.Set<ReportRun>().Add(new ReportRun { Kind = kind, Month = month.Number, RegionCode = scope, AutoKey = key, RequestedBy = ReportRun.AutoRequester, CreatedAtUtc = now, UpdatedAtUtc = now });
            try
            {
                await db.SaveChangesAsync(ct);
                added++;
            }
            catch (DbUpdateException)
            {
                // Another instance queued it first: the unique key refused the copy.
                db.ChangeTracker.Clear();
            }
        }

        if (added > 0)
        {
            logger.LogInformation("{Count} automatic reports for {Month} queued", added, month);
        }

        return added;
    }

    private sealed class SectionProgress(Action<double> report) : IProgress<double>
    {
        public void Report(double value) => report(value);
    }
}
