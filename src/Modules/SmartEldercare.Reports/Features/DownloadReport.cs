using System.Globalization;
using FluentValidation;
using SmartEldercare.Platform.Auditing;
using SmartEldercare.Reports.Generation;
using SmartEldercare.Reports.Runs;

namespace SmartEldercare.Reports.Features;

public enum ReportFileFormat
{
    Xlsx,
    Csv,
}

public sealed record ReportFile(string FileName, string ContentType, byte[] Content);

/// <summary>
/// Downloads a done report: the .xlsx (overview and one sheet per table, in Chinese), or CSV — one sheet when
/// <c>Sheet</c> is given (0 = overview), else a zip of one CSV per sheet. Audited; 409 before the report is done.
/// </summary>
public static class DownloadReport
{
    public sealed record Query(Guid Id, ReportFileFormat Format, int? Sheet = null) : RequiresPermission(Permissions.ReportsRead), IQuery<Result<ReportFile>>;

    public sealed class Handler(IDbContextFactory<EldercareDbContext> dbs, ICurrentUser user, StringCatalogue catalogue, AuditTrail audit, IStringLocalizer<Strings> l)
        : IQueryHandler<Query, Result<ReportFile>>
    {
        public async ValueTask<Result<ReportFile>> Handle(Query query, CancellationToken cancellationToken)
        {
            await using var db = await dbs.CreateDbContextAsync(cancellationToken);
            var run = await db.Set<ReportRun>().AsNoTracking().Where(r => r.Id == query.Id)
                .Select(r => new { r.Id, r.RegionCode, r.Status, r.Kind, r.Month })
                .SingleOrDefaultAsync(cancellationToken);
            if (run is null)
            {
                return Result.NotFound().As<ReportFile>();
            }

            var what = query.Format == ReportFileFormat.Xlsx ? "xlsx" : query.Sheet is { } n ? string.Create(CultureInfo.InvariantCulture, $"csv sheet {n}") : "csv zip";
            if (!RegionScope.Contains(user.RegionCode, run.RegionCode))
            {
                await audit.AppendAsync(user, new AuditRecord("Reports.Download", run.Id.ToString(), AuditOutcome.Refused, what + "; outside scope"), CancellationToken.None);
                return Result.NotFound().As<ReportFile>();
            }

            if (run.Status != ReportRunStatus.Done)
            {
                return Result.Conflict(l["Reports.NotReady"]).As<ReportFile>();
            }

            var name = string.Create(CultureInfo.InvariantCulture, $"report-{run.Month}-{run.Kind}-{run.RegionCode}");
            ReportFile file;
            if (query.Format == ReportFileFormat.Xlsx)
            {
                var xlsx = await db.Set<ReportRun>().Where(r => r.Id == run.Id).Select(r => r.Xlsx).SingleAsync(cancellationToken);
                file = new ReportFile(name + ".xlsx", ReportFiles.XlsxType, xlsx!);
            }
            else
            {
                var json = await db.Set<ReportRun>().Where(r => r.Id == run.Id).Select(r => r.Content).SingleAsync(cancellationToken);
                var sheets = ReportFiles.Sheets(ReportDocument.FromJson(json!), catalogue, ReportGenerator.WorkbookCulture);
                if (query.Sheet is { } sheet)
                {
                    if (sheet < 0 || sheet >= sheets.Count)
                    {
                        return Result.Invalid(nameof(Query.Sheet), l["Reports.Sheet.Unknown"]).As<ReportFile>();
                    }

                    file = new ReportFile(string.Create(CultureInfo.InvariantCulture, $"{name}-{sheets[sheet].FileName}"), ReportFiles.CsvType, ReportFiles.Csv(sheets[sheet]));
                }
                else
                {
                    file = new ReportFile(name + "-csv.zip", ReportFiles.ZipType, ReportFiles.CsvZip(sheets));
                }
            }

            await audit.AppendAsync(user, new AuditRecord("Reports.Download", run.Id.ToString(), AuditOutcome.Succeeded, what), CancellationToken.None);
            return Result<ReportFile>.Ok(file);
        }
    }
}
