using System.Globalization;
using System.IO.Compression;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MiniExcelLibs;
using SmartEldercare.Card.Ledger;
using SmartEldercare.Emergency.Alarms;
using SmartEldercare.Emergency.Features.Alarms;
using SmartEldercare.Facilities.Inspections;
using SmartEldercare.HomeService.Orders;
using SmartEldercare.Platform.Elders;
using SmartEldercare.Platform.Regions;
using SmartEldercare.Platform.Reporting;
using SmartEldercare.Platform.Seeding;
using SmartEldercare.Reports.Features;
using SmartEldercare.Reports.Generation;
using SmartEldercare.Reports.Runs;
using SmartEldercare.Social.Volunteers;
using SmartEldercare.Tests.Infrastructure;
using SmartEldercare.Welfare.Visits;

namespace SmartEldercare.Tests.Reports;

/// <summary>
/// A monthly report over the demo data plus alarms in and outside the scope: every section's figures equal counts taken
/// straight from the database for that month and scope, nothing outside either shows, and personal data is masked in the
/// page's document, the workbook and the CSV files.
/// </summary>
public sealed partial class ReportContentTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    internal static async Task SeedDemoAsync(SliceFixture app, int elders = 200)
    {
        await using var scope = app.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<DemoData>().EnsureRolesAsync();
        await scope.ServiceProvider.GetRequiredService<DemoData>().SeedIfEmptyAsync(elders, Ct);
        foreach (var module in scope.ServiceProvider.GetServices<IModuleDemoData>())
        {
            await module.SeedAsync(Ct);
        }
    }

    [Theory]
    [InlineData(TestProvider.Sqlite)]
    [InlineData(TestProvider.PostgreSql)]
    public async Task A_street_report_equals_independent_counts_of_its_month_and_scope_and_masks_personal_data(TestProvider provider)
    {
        await using var app = await SliceFixture.CreateAsync(provider);
        await SeedDemoAsync(app);

        // Alarms this month (November) in 杨柳青镇 and in 中北镇 (outside the street's scope).
        // Active elders (an alarm is raised for an active elder only), in a fixed order: without one PostgreSQL may
        // hand back any row, and the demo data has elders who died or moved away.
        var yangliuqing = await app.Db(db => db.Elders.Where(e => e.RegionCode.StartsWith(RegionCatalog.YangliuqingCode) && e.Status == ElderStatus.Active)
            .OrderBy(e => e.Id).Select(e => e.Id).FirstAsync(Ct));
        var zhongbei = await app.Db(db => db.Elders.Where(e => e.RegionCode.StartsWith(RegionCatalog.ZhongbeiCode) && e.Status == ElderStatus.Active)
            .OrderBy(e => e.Id).Select(e => e.Id).FirstAsync(Ct));
        foreach (var elder in new[] { yangliuqing, yangliuqing, zhongbei })
        {
            var raised = await app.As(TestUsers.District, m => m.Send(new RaiseAlarm.Command(elder, AlarmType.Fall, null), Ct));
            Assert.True(raised.IsSuccess, raised.Message);
            var id = raised.Value;
            app.Clock.Advance(TimeSpan.FromSeconds(40));
            await app.As(TestUsers.District, m => m.Send(new AcknowledgeAlarm.Command(id), Ct));
        }

        // December 2nd: November is closed.
        app.Clock.SetUtcNow(new DateTimeOffset(2026, 12, 2, 1, 0, 0, TimeSpan.Zero));
        var month = new ReportMonth(2026, 11);
        var runId = (await app.As(TestUsers.Street, m => m.Send(new RequestReport.Command(ReportRun.OverallKind, month.Number), Ct))).Value;
        await app.Services.GetRequiredService<ReportGenerator>().RunAsync(runId, Ct);
        var details = (await app.As(TestUsers.Street, m => m.Send(new GetReport.Query(runId), Ct))).Value!;
        Assert.Equal(ReportRunStatus.Done, details.Run.Status);
        Assert.Equal(RegionCatalog.YangliuqingCode, details.Run.RegionCode);
        var document = details.Document!;
        Assert.Equal(["facilities", "welfare", "homeservice", "social", "emergency", "card"], document.Sections.Select(s => s.Key));

        var scope = RegionCatalog.YangliuqingCode;
        var (from, to, first, last) = (month.StartUtc, month.EndUtc, month.FirstDay, month.NextFirstDay.AddDays(-1));
        string Figure(string section, string label) => document.Sections.Single(s => s.Key == section).Figures.Single(f => f.LabelKey == label).Value;
        static string N(long n) => n.ToString(CultureInfo.InvariantCulture);

        var alarms = await app.Db(db => db.Set<Alarm>().CountAsync(a => a.RegionCode.StartsWith(scope) && a.RaisedAtUtc >= from && a.RaisedAtUtc < to && a.Priority != AlarmPriority.DeviceHealth, Ct));
        Assert.Equal(2, alarms);
        Assert.Equal(N(alarms), Figure("emergency", "Kpi.Alarms"));
        Assert.Equal("100.0%", Figure("emergency", "Kpi.Within60"));

        var visitsDue = await app.Db(db => db.Set<Visit>().Where(v => v.RegionCode.StartsWith(scope) && v.DueDate >= first && v.DueDate <= last).Select(v => v.Status).ToListAsync(Ct));
        Assert.Equal(N(visitsDue.Count), Figure("welfare", "Reports.Welfare.VisitsDue"));
        Assert.Equal(N(visitsDue.Count(s => s == VisitStatus.Done)), Figure("welfare", "Reports.Welfare.VisitsDone"));

        var orders = await app.Db(db => db.Set<ServiceOrder>().Where(o => o.RegionCode.StartsWith(scope) && o.Month == month.Number && o.Status != OrderStatus.Cancelled).Select(o => o.Status).ToListAsync(Ct));
        Assert.Equal(N(orders.Count), Figure("homeservice", "Reports.HomeService.Orders"));
        Assert.Equal(N(orders.Count(s => s == OrderStatus.Verified)), Figure("homeservice", "Reports.HomeService.Verified"));

        var inspections = await app.Db(db => db.Set<Inspection>().CountAsync(i => i.RegionCode.StartsWith(scope) && i.InspectedAtUtc >= from && i.InspectedAtUtc < to, Ct));
        Assert.Equal(N(inspections), Figure("facilities", "Reports.Facilities.Inspections"));
        var beds = await app.Db(db => db.Set<SmartEldercare.Facilities.Beds.Bed>().CountAsync(b => b.RegionCode.StartsWith(scope), Ct));
        Assert.Equal(N(beds), Figure("facilities", "Reports.Facilities.Beds"));

        var minutes = await app.Db(db => db.Set<ServiceRecord>().Where(r => r.RegionCode.StartsWith(scope) && r.Status == ServiceStatus.Confirmed && r.StartUtc >= from && r.StartUtc < to).SumAsync(r => (long)r.Minutes, Ct));
        Assert.Equal(ReportFormat.OneDecimal(minutes / 60.0), Figure("social", "Reports.Social.VolunteerHours"));

        var payments = await app.Db(db => db.Set<LedgerEntry>().Where(e => e.RegionCode.StartsWith(scope) && e.AtUtc >= from && e.AtUtc < to && e.Kind == EntryKind.Payment).Select(e => e.Amount).ToListAsync(Ct));
        Assert.Equal(N(payments.Count), Figure("card", "Reports.Card.Payments"));
        Assert.Equal(ReportFormat.Money(payments.Sum()), Figure("card", "Reports.Card.PaidYuan"));

        // Not vacuous: the demo data gives the month real figures.
        Assert.True(visitsDue.Count + orders.Count + inspections + beds + payments.Count > 0, "the demo data has records in the month");

        // Nothing outside the scope: every region named in the tables is 杨柳青镇 or one of its villages.
        var inScopeNames = await app.Db(db => db.Regions.Where(r => r.Code.StartsWith(scope)).Select(r => r.Name).ToListAsync(Ct));
        var outsideNames = await app.Db(db => db.Regions.Where(r => !r.Code.StartsWith(scope) && r.Code.Length > 6).Select(r => r.Name).ToListAsync(Ct));
        foreach (var table in document.Sections.SelectMany(s => s.Tables).Where(t => t.ColumnKeys.Contains("Reports.Column.Region")))
        {
            var column = table.ColumnKeys.ToList().IndexOf("Reports.Column.Region");
            Assert.All(table.Rows, r => Assert.Contains(r[column], inScopeNames));
        }

        // Personal data masked everywhere: no full name, ID number or phone of an elder or volunteer of the scope.
        var names = await app.Db(db => db.Elders.Where(e => e.RegionCode.StartsWith(scope)).Select(e => e.Name).ToListAsync(Ct));
        names.AddRange(await app.Db(db => db.Set<Volunteer>().Select(v => v.Name).ToListAsync(Ct)));
        var cells = document.Sections.SelectMany(s => s.Tables).SelectMany(t => t.Rows).SelectMany(r => r).ToList();
        AssertMasked(cells, names, outsideNames);
        Assert.Contains(cells, c => c.Contains('*', StringComparison.Ordinal) || visitsDue.Count == 0);

        var xlsx = (await app.As(TestUsers.Street, m => m.Send(new DownloadReport.Query(runId, ReportFileFormat.Xlsx), Ct))).Value!;
        using var workbook = new MemoryStream(xlsx.Content);
        var sheetNames = MiniExcel.GetSheetNames(workbook);
        Assert.True(sheetNames.Count >= 7, "an overview sheet and one sheet per table");
        Assert.Equal("概览", sheetNames[0]);
        var xlsxCells = new List<string>();
        foreach (var sheet in sheetNames)
        {
            workbook.Position = 0;
            foreach (IDictionary<string, object?> row in MiniExcel.Query(workbook, useHeaderRow: false, sheetName: sheet))
            {
                xlsxCells.AddRange(row.Values.Select(v => Convert.ToString(v, CultureInfo.InvariantCulture) ?? string.Empty));
            }
        }

        AssertMasked(xlsxCells, names, outsideNames);
        Assert.Contains("报警数", xlsxCells);
        Assert.Contains(N(alarms), xlsxCells);

        var zip = (await app.As(TestUsers.Street, m => m.Send(new DownloadReport.Query(runId, ReportFileFormat.Csv), Ct))).Value!;
        Assert.Equal(ReportFiles.ZipType, zip.ContentType);
        using var archive = new ZipArchive(new MemoryStream(zip.Content));
        Assert.Equal(sheetNames.Count, archive.Entries.Count);
        foreach (var entry in archive.Entries)
        {
            using var stream = entry.Open();
            using var copy = new MemoryStream();
            await stream.CopyToAsync(copy, Ct);
            var bytes = copy.ToArray();
            Assert.True(bytes.AsSpan().StartsWith(Encoding.UTF8.GetPreamble()), $"{entry.Name} starts with the UTF-8 BOM");
            AssertMasked(Encoding.UTF8.GetString(bytes).Split([',', '\r', '\n']), names, outsideNames);
        }

        var overview = (await app.As(TestUsers.Street, m => m.Send(new DownloadReport.Query(runId, ReportFileFormat.Csv, 0), Ct))).Value!;
        Assert.Equal(ReportFiles.CsvType, overview.ContentType);
        Assert.Contains("报警数," + N(alarms), Encoding.UTF8.GetString(overview.Content), StringComparison.Ordinal);
    }

    private static void AssertMasked(IEnumerable<string> cells, IReadOnlyCollection<string> fullNames, IReadOnlyCollection<string> outsideRegions)
    {
        var names = fullNames.Where(n => n.Length >= 2).ToHashSet(StringComparer.Ordinal);
        foreach (var cell in cells.Select(c => c.Trim('"')))
        {
            Assert.DoesNotContain(cell, names);
            Assert.DoesNotMatch(IdNumber(), cell);
            Assert.DoesNotMatch(Phone(), cell);
            Assert.DoesNotContain(cell, outsideRegions);
        }
    }

    [GeneratedRegex(@"\d{17}[\dX]")]
    private static partial Regex IdNumber();

    [GeneratedRegex(@"(?<!\d)1[3-9]\d{9}(?!\d)")]
    private static partial Regex Phone();

    [Fact]
    public void Names_are_masked_keeping_the_first_and_last_character()
    {
        Assert.Equal("张*华", SmartEldercare.Platform.Common.Masking.Name("张建华"));
        Assert.Equal("李*", SmartEldercare.Platform.Common.Masking.Name("李明"));
        Assert.Equal("欧**明", SmartEldercare.Platform.Common.Masking.Name("欧阳晓明"));
        Assert.Equal(string.Empty, SmartEldercare.Platform.Common.Masking.Name(null));
    }
}
