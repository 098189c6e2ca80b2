using System.Globalization;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using SmartEldercare.Platform.Auditing;
using SmartEldercare.Platform.Behaviors;
using SmartEldercare.Platform.Common;
using SmartEldercare.Platform.Identity;
using SmartEldercare.Platform.Localization;
using SmartEldercare.Platform.Persistence;
using SmartEldercare.Platform.Regions;
using SmartEldercare.Platform.Reporting;
using SmartEldercare.Reports.Generation;
using SmartEldercare.Reports.Runs;

namespace SmartEldercare.Reports.Features;

/// <param name="Id">The run.</param>
/// <param name="Kind"><c>overall</c> or a scenario key.</param>
/// <param name="KindTitle">The kind, localized.</param>
/// <param name="Month">yyyyMM.</param>
/// <param name="RegionCode">The scope.</param>
/// <param name="RegionName">The scope's name.</param>
/// <param name="Status">Queued, Running, Done or Failed.</param>
/// <param name="Progress">0–100.</param>
/// <param name="RequestedBy">User name, or <c>auto</c> for the monthly run.</param>
/// <param name="CreatedAtUtc">When requested.</param>
/// <param name="CompletedAtUtc">When done or failed.</param>
/// <param name="Error">Why it failed, localized.</param>
public sealed record ReportRunView(Guid Id, string Kind, string KindTitle, int Month, string RegionCode, string RegionName, ReportRunStatus Status, int Progress,
    string RequestedBy, DateTime CreatedAtUtc, DateTime? CompletedAtUtc, string? Error);

/// <summary>What a user may ask for: the kinds, the regions of their scope (their own and the level below), the latest closed month.</summary>
public sealed record ReportChoices(IReadOnlyList<ReportKindChoice> Kinds, IReadOnlyList<ReportScopeChoice> Scopes, int LatestMonth);

public sealed record ReportKindChoice(string Kind, string Title);

public sealed record ReportScopeChoice(string Code, string Name);

/// <summary>A done report: its run and its document (sections with figures and tables, localized at render).</summary>
public sealed record ReportDetails(ReportRunView Run, ReportDocument? Document);

public enum ReportFileFormat
{
    Xlsx,
    Csv,
}

public sealed record ReportFile(string FileName, string ContentType, byte[] Content);

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

/// <summary>Requests a monthly report; generated in the background (202 + the run's id), progress shown live.</summary>
public static class RequestReport
{
    /// <param name="Kind"><c>overall</c> or a scenario key (<c>facilities</c>, <c>welfare</c>, <c>homeservice</c>, <c>social</c>, <c>emergency</c>, <c>card</c>).</param>
    /// <param name="Month">yyyyMM; only closed months (before the current Asia/Shanghai month).</param>
    /// <param name="RegionCode">The scope; the user's own when empty; must lie within the user's scope.</param>
    public sealed record Command(string Kind, int Month, string? RegionCode = null) : ICommand<Result<Guid>>, IRequirePermission, IAuditDetail
    {
        public string Permission => Permissions.ReportsGenerate;

        public string AuditDetail => $"{Kind} {Month} {RegionCode}";
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator(IStringLocalizer<Strings> l, ReportGenerator generator, TimeProvider clock)
        {
            RuleFor(c => c.Kind).Must(generator.IsKind).WithMessage(l["Reports.Kind.Unknown"]);
            RuleFor(c => c.Month).Must(m => ReportMonth.TryParse(m, out _)).WithMessage(l["Reports.Month.Invalid"])
                .Must(m => m < ReportMonth.Of(clock.Today()).Number).WithMessage(l["Reports.Month.NotClosed"]);
            RuleFor(c => c.RegionCode).Must(c => c is null || (c.Length is 6 or 9 or 12 && c.All(char.IsAsciiDigit))).WithMessage(l["Reports.Scope.Unknown"]);
        }
    }

    public sealed class Handler(IDbContextFactory<EldercareDbContext> dbs, ICurrentUser user, RegionDirectory regions, ReportQueue queue, TimeProvider clock, IStringLocalizer<Strings> l)
        : ICommandHandler<Command, Result<Guid>>
    {
        public async ValueTask<Result<Guid>> Handle(Command command, CancellationToken cancellationToken)
        {
            var scope = string.IsNullOrEmpty(command.RegionCode) ? user.RegionCode : command.RegionCode;
            if (!RegionScope.Contains(user.RegionCode, scope))
            {
                throw new ForbiddenException("reports.scope");
            }

            if (await regions.FindAsync(scope, cancellationToken) is null)
            {
                return Result.Invalid(nameof(Command.RegionCode), l["Reports.Scope.Unknown"]).As<Guid>();
            }

            var now = clock.UtcNow();
            var run = new ReportRun
            {
                Kind = command.Kind, Month = command.Month, RegionCode = scope, RequestedBy = user.UserName, RequestedById = user.Id,
                Status = ReportRunStatus.Queued, CreatedAtUtc = now, UpdatedAtUtc = now,
            };
            await using (var db = await dbs.CreateDbContextAsync(cancellationToken))
            {
                db.Set<ReportRun>().Add(run);
                await db.SaveChangesAsync(cancellationToken);
            }

            queue.Wake();
            return Result<Guid>.Ok(run.Id);
        }
    }
}

/// <summary>The reports of the user's scope, newest first; optionally only of one month, one kind, or one region.</summary>
public static class ListReports
{
    /// <param name="Page">1-based.</param>
    /// <param name="PageSize">1–100.</param>
    /// <param name="Month">yyyyMM, or null for every month.</param>
    /// <param name="Kind"><c>overall</c> or a scenario key, or null for every kind.</param>
    /// <param name="RegionCode">Only the reports of exactly this region (within the user's scope), or null for the whole scope.</param>
    public sealed record Query(int Page = 1, int PageSize = 20, int? Month = null, string? Kind = null, string? RegionCode = null)
        : IQuery<PagedResult<ReportRunView>>, IRequirePermission
    {
        public string Permission => Permissions.ReportsRead;
    }

    public sealed class Handler(IDbContextFactory<EldercareDbContext> dbs, ICurrentUser user, RegionDirectory regions, ReportGenerator generator, IStringLocalizer<Strings> l)
        : IQueryHandler<Query, PagedResult<ReportRunView>>
    {
        public async ValueTask<PagedResult<ReportRunView>> Handle(Query query, CancellationToken cancellationToken)
        {
            var (page, size) = (Math.Max(1, query.Page), Math.Clamp(query.PageSize, 1, 100));
            await using var db = await dbs.CreateDbContextAsync(cancellationToken);
            var runs = db.Set<ReportRun>().AsNoTracking().InScopeOf(user);
            if (query.Month is { } month)
            {
                runs = runs.Where(r => r.Month == month);
            }

            if (!string.IsNullOrEmpty(query.Kind))
            {
                runs = runs.Where(r => r.Kind == query.Kind);
            }

            if (!string.IsNullOrEmpty(query.RegionCode))
            {
                runs = runs.Where(r => r.RegionCode == query.RegionCode);
            }

            var total = await runs.CountAsync(cancellationToken);
            var items = await runs.OrderByDescending(r => r.CreatedAtUtc).ThenByDescending(r => r.Id).Skip((page - 1) * size).Take(size)
                .Select(r => new ReportRun
                {
                    Id = r.Id, Kind = r.Kind, Month = r.Month, RegionCode = r.RegionCode, Status = r.Status, Progress = r.Progress, RequestedBy = r.RequestedBy,
                    CreatedAtUtc = r.CreatedAtUtc, CompletedAtUtc = r.CompletedAtUtc, Error = r.Error,
                })
                .ToListAsync(cancellationToken);
            var views = new List<ReportRunView>(items.Count);
            foreach (var r in items)
            {
                views.Add(await ReportViews.ViewAsync(r, regions, generator, l, cancellationToken));
            }

            return new PagedResult<ReportRunView>(views, total, page, size);
        }
    }
}

/// <summary>The choices of the request form for the current user.</summary>
public static class GetReportChoices
{
    public sealed record Query : IQuery<ReportChoices>, IRequirePermission
    {
        public string Permission => Permissions.ReportsRead;
    }

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

/// <summary>A report with its document once done; 403 outside the user's scope.</summary>
public static class GetReport
{
    public sealed record Query(Guid Id) : IQuery<Result<ReportDetails>>, IRequirePermission
    {
        public string Permission => Permissions.ReportsRead;
    }

    public sealed class Handler(IDbContextFactory<EldercareDbContext> dbs, ICurrentUser user, RegionDirectory regions, ReportGenerator generator, IStringLocalizer<Strings> l)
        : IQueryHandler<Query, Result<ReportDetails>>
    {
        public async ValueTask<Result<ReportDetails>> Handle(Query query, CancellationToken cancellationToken)
        {
            await using var db = await dbs.CreateDbContextAsync(cancellationToken);
            var run = await db.Set<ReportRun>().AsNoTracking().Where(r => r.Id == query.Id)
                .Select(r => new ReportRun
                {
                    Id = r.Id, Kind = r.Kind, Month = r.Month, RegionCode = r.RegionCode, Status = r.Status, Progress = r.Progress, RequestedBy = r.RequestedBy,
                    CreatedAtUtc = r.CreatedAtUtc, CompletedAtUtc = r.CompletedAtUtc, Error = r.Error, Content = r.Content,
                })
                .SingleOrDefaultAsync(cancellationToken);
            if (run is null)
            {
                return Result.NotFound().As<ReportDetails>();
            }

            ReportViews.EnsureInScope(user, run);
            var document = run.Status == ReportRunStatus.Done && run.Content is not null ? ReportDocument.FromJson(run.Content) : null;
            return Result<ReportDetails>.Ok(new ReportDetails(await ReportViews.ViewAsync(run, regions, generator, l, cancellationToken), document));
        }
    }
}

/// <summary>
/// Downloads a done report: the .xlsx (overview and one sheet per table, in Chinese), or CSV — one sheet when
/// <c>Sheet</c> is given (0 = overview), else a zip of one CSV per sheet. Audited; 409 before the report is done.
/// </summary>
public static class DownloadReport
{
    public sealed record Query(Guid Id, ReportFileFormat Format, int? Sheet = null) : IQuery<Result<ReportFile>>, IRequirePermission
    {
        public string Permission => Permissions.ReportsRead;
    }

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
                throw new ForbiddenException("reports.scope");
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
