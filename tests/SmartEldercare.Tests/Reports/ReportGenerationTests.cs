using FluentValidation;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SmartEldercare.Platform.Behaviors;
using SmartEldercare.Platform.Common;
using SmartEldercare.Platform.Regions;
using SmartEldercare.Platform.Reporting;
using SmartEldercare.Reports.Features;
using SmartEldercare.Reports.Generation;
using SmartEldercare.Reports.Runs;
using SmartEldercare.Tests.Infrastructure;

namespace SmartEldercare.Tests.Reports;

/// <summary>Background generation: progress, failure without a half-written report, interrupted runs, the monthly automatic runs, bad requests.</summary>
public sealed class ReportGenerationTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static Task<Result<Guid>> RequestAsync(SliceFixture app, System.Security.Claims.ClaimsPrincipal user, string kind, int month, string? region = null) =>
        app.As(user, m => m.Send(new RequestReport.Command(kind, month, region), Ct));

    [Fact]
    public async Task A_run_reports_increasing_progress_and_ends_done()
    {
        await using var app = await SliceFixture.CreateAsync();
        var id = (await RequestAsync(app, TestUsers.District, ReportRun.OverallKind, 202610)).Value;
        var seen = new List<ReportProgress>();
        using var subscription = app.Services.GetRequiredService<ReportProgressFeed>().Subscribe(RegionCatalog.DistrictCode, p =>
        {
            lock (seen)
            {
                seen.Add(p);
            }

            return Task.CompletedTask;
        });
        // A village's page does not see a district run.
        var villageSaw = false;
        using var other = app.Services.GetRequiredService<ReportProgressFeed>().Subscribe(RegionCatalog.YinglunMingyuanCode, _ => Task.FromResult(villageSaw = true));

        await app.Services.GetRequiredService<ReportGenerator>().RunAsync(id, Ct);

        await Eventually.Until(() => { lock (seen) { return seen.Any(p => p.Status == ReportRunStatus.Done); } }, "the done push");
        List<ReportProgress> pushes;
        lock (seen)
        {
            pushes = [.. seen];
        }

        var running = pushes.Where(p => p.Status == ReportRunStatus.Running).Select(p => p.Percent).ToList();
        Assert.True(running.Count >= 6, "progress per section at least");
        Assert.Equal(running.Order(), running);
        Assert.Equal(100, pushes.Single(p => p.Status == ReportRunStatus.Done).Percent);
        Assert.False(villageSaw);
        var run = await app.Db(db => db.Set<ReportRun>().SingleAsync(r => r.Id == id, Ct));
        Assert.Equal((ReportRunStatus.Done, 100), (run.Status, run.Progress));
        Assert.NotNull(run.Xlsx);
        Assert.NotNull(run.CompletedAtUtc);
    }

    [Fact]
    public async Task A_failing_section_fails_the_run_without_a_half_written_report()
    {
        await using var app = await SliceFixture.CreateAsync();
        var id = (await RequestAsync(app, TestUsers.District, ReportRun.OverallKind, 202610)).Value;
        var sections = app.Services.GetServices<IMonthlyReportSection>().Append(new BrokenSection()).ToArray();
        var generator = ActivatorUtilities.CreateInstance<ReportGenerator>(app.Services, (IEnumerable<IMonthlyReportSection>)sections);

        await generator.RunAsync(id, Ct);

        var run = await app.Db(db => db.Set<ReportRun>().SingleAsync(r => r.Id == id, Ct));
        Assert.Equal(ReportRunStatus.Failed, run.Status);
        Assert.Equal("Reports.Error.Failed", run.Error);
        Assert.Null(run.Content);
        Assert.Null(run.Xlsx);
        var details = (await app.As(TestUsers.District, m => m.Send(new GetReport.Query(id), Ct))).Value!;
        Assert.Null(details.Document);
        Assert.Equal("报表生成失败，请重新生成", details.Run.Error);
        var download = await app.As(TestUsers.District, m => m.Send(new DownloadReport.Query(id, ReportFileFormat.Xlsx), Ct));
        Assert.Equal(ResultStatus.Conflict, download.Status);
    }

    [Fact]
    public async Task A_run_left_running_by_a_stopped_instance_is_failed_at_start_up_and_a_queued_one_waits_for_its_turn()
    {
        await using var app = await SliceFixture.CreateAsync();
        var stale = (await RequestAsync(app, TestUsers.District, "emergency", 202610)).Value;
        var queued = (await RequestAsync(app, TestUsers.District, "welfare", 202610)).Value;
        await app.Db(db => db.Set<ReportRun>().Where(r => r.Id == stale).ExecuteUpdateAsync(s => s.SetProperty(r => r.Status, ReportRunStatus.Running), Ct));
        var generator = app.Services.GetRequiredService<ReportGenerator>();

        Assert.Equal(0, await generator.RecoverAsync(Ct)); // still fresh: maybe another instance is on it
        app.Clock.Advance(TimeSpan.FromMinutes(11));
        Assert.Equal(1, await generator.RecoverAsync(Ct));

        var run = await app.Db(db => db.Set<ReportRun>().SingleAsync(r => r.Id == stale, Ct));
        Assert.Equal((ReportRunStatus.Failed, "Reports.Error.Interrupted"), (run.Status, run.Error));
        Assert.True(await generator.RunNextAsync(Ct));
        Assert.Equal(ReportRunStatus.Done, await app.Db(db => db.Set<ReportRun>().Where(r => r.Id == queued).Select(r => r.Status).SingleAsync(Ct)));
        Assert.False(await generator.RunNextAsync(Ct));
    }

    [Fact]
    public async Task On_the_first_of_the_month_last_months_reports_are_queued_once_for_the_district_and_each_street()
    {
        await using var app = await SliceFixture.CreateAsync();
        var generator = app.Services.GetRequiredService<ReportGenerator>();
        // 00:05 on 1 December in Shanghai is still 30 November in UTC.
        app.Clock.SetUtcNow(new DateTimeOffset(2026, 11, 30, 16, 5, 0, TimeSpan.Zero));

        var added = await generator.EnsureMonthlyRunsAsync(Ct);
        var again = await generator.EnsureMonthlyRunsAsync(Ct);
        var other = ActivatorUtilities.CreateInstance<ReportGenerator>(app.Services); // a second instance
        var third = await other.EnsureMonthlyRunsAsync(Ct);

        var scopes = 1 + RegionCatalog.All.Count(r => r.Level == RegionLevel.Street);
        Assert.Equal(7 * scopes, added);
        Assert.Equal((0, 0), (again, third));
        var runs = await app.Db(db => db.Set<ReportRun>().ToListAsync(Ct));
        Assert.All(runs, r => Assert.Equal((202611, ReportRun.AutoRequester, ReportRunStatus.Queued), (r.Month, r.RequestedBy, r.Status)));
        Assert.Equal(7, runs.Count(r => r.RegionCode == RegionCatalog.DistrictCode));
        Assert.Equal(runs.Count, runs.Select(r => (r.Kind, r.RegionCode)).Distinct().Count());

        // The unique key is the guard across instances: a copy inserted behind the check's back is refused by the database.
        await Assert.ThrowsAsync<DbUpdateException>(() => app.Db(async db =>
        {
            db.Add(new ReportRun { Kind = "overall", Month = 202611, RegionCode = RegionCatalog.DistrictCode, AutoKey = ReportRun.AutoKeyOf(202611, "overall", RegionCatalog.DistrictCode) });
            return await db.SaveChangesAsync(Ct);
        }));

        // A requested report goes before the automatic ones.
        var requested = (await RequestAsync(app, TestUsers.Street, "card", 202610)).Value;
        Assert.True(await generator.RunNextAsync(Ct));
        Assert.Equal(ReportRunStatus.Done, await app.Db(db => db.Set<ReportRun>().Where(r => r.Id == requested).Select(r => r.Status).SingleAsync(Ct)));
    }

    [Fact]
    public async Task Bad_requests_are_refused_a_month_not_closed_an_unknown_kind_and_a_scope_outside_the_users()
    {
        await using var app = await SliceFixture.CreateAsync(); // 28 November 2026

        var future = await Assert.ThrowsAsync<ValidationException>(() => RequestAsync(app, TestUsers.Street, "overall", 202612));
        Assert.Contains(future.Errors, e => e.ErrorMessage == "只能生成已结束月份的报表（不能是本月或未来月份）");
        await Assert.ThrowsAsync<ValidationException>(() => RequestAsync(app, TestUsers.Street, "overall", 202611));
        await Assert.ThrowsAsync<ValidationException>(() => RequestAsync(app, TestUsers.Street, "overall", 202613));
        var kind = await Assert.ThrowsAsync<ValidationException>(() => RequestAsync(app, TestUsers.Street, "weather", 202610));
        Assert.Contains(kind.Errors, e => e.ErrorMessage == "未知的报表类型");
        await Assert.ThrowsAsync<ForbiddenException>(() => RequestAsync(app, TestUsers.Street, "overall", 202610, RegionCatalog.ZhongbeiCode));
        await Assert.ThrowsAsync<ForbiddenException>(() => RequestAsync(app, TestUsers.Street, "overall", 202610, RegionCatalog.DistrictCode));
        await Assert.ThrowsAsync<ForbiddenException>(() => RequestAsync(app, TestUsers.Village, "overall", 202610));

        // A street may ask for one of its villages; another street sees neither its list entry nor its file.
        var id = (await RequestAsync(app, TestUsers.Street, "overall", 202610, RegionCatalog.YinglunMingyuanCode)).Value;
        Assert.Equal(ResultStatus.Conflict, (await app.As(TestUsers.Street, m => m.Send(new DownloadReport.Query(id, ReportFileFormat.Xlsx), Ct))).Status);
        Assert.Equal(ResultStatus.NotFound, (await app.As(TestUsers.Street2, m => m.Send(new DownloadReport.Query(id, ReportFileFormat.Csv), Ct))).Status);
        Assert.Equal(ResultStatus.NotFound, (await app.As(TestUsers.Street2, m => m.Send(new GetReport.Query(id), Ct))).Status);
        Assert.Empty((await app.As(TestUsers.Street2, m => m.Send(new ListReports.Query(), Ct))).Items);
        Assert.Single((await app.As(TestUsers.Village, m => m.Send(new ListReports.Query(), Ct))).Items);
        Assert.Single((await app.As(TestUsers.District, m => m.Send(new ListReports.Query(), Ct))).Items);
        var refused = await app.Db(db => db.AuditEntries.Where(a => a.Action == "Reports.Download").Select(a => a.Outcome).ToListAsync(Ct));
        Assert.Contains(SmartEldercare.Platform.Auditing.AuditOutcome.Refused, refused);
    }

    private sealed class BrokenSection : IMonthlyReportSection
    {
        public string Key => "broken";

        public string TitleKey => "Reports.Title";

        public int Order => 99;

        public Task<ReportSection> BuildAsync(string scopeRegionCode, ReportMonth month, IProgress<double>? progress, CancellationToken ct)
        {
            progress?.Report(0.5);
            throw new InvalidOperationException("the database went away");
        }
    }
}
