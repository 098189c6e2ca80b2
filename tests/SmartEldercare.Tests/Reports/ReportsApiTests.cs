using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MiniExcelLibs;
using SmartEldercare.Platform.Persistence;
using SmartEldercare.Platform.Regions;
using SmartEldercare.Reports.Runs;
using SmartEldercare.Tests.Infrastructure;

namespace SmartEldercare.Tests.Reports;

/// <summary>The reports API on the real app: 202 + Location, the background worker, downloads, and ProblemDetails for bad input.</summary>
public sealed class ReportsApiTests(EldercareWebFactory factory) : IClassFixture<EldercareWebFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static DateOnly Today => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, SmartEldercare.Platform.Common.ShanghaiTime.Zone).DateTime);

    private static int LastMonth => Today.AddMonths(-1).Year * 100 + Today.AddMonths(-1).Month;

    private static int ThisMonth => Today.Year * 100 + Today.Month;

    [Fact]
    public async Task A_requested_report_is_accepted_generated_in_the_background_and_downloaded_as_xlsx_and_csv()
    {
        var street = await factory.ClientFor("street");
        var response = await street.PostAsJsonAsync("/api/v1/reports", new { kind = "overall", month = LastMonth }, Ct);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var id = (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("id").GetGuid();
        Assert.Equal($"/api/v1/reports/{id}", response.Headers.Location!.OriginalString);

        JsonElement report = default;
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        using var tick = new PeriodicTimer(TimeSpan.FromMilliseconds(200));
        while (true)
        {
            report = await street.GetFromJsonAsync<JsonElement>($"/api/v1/reports/{id}", Ct);
            if (report.GetProperty("run").GetProperty("status").GetString() is "Done" or "Failed" || !await tick.WaitForNextTickAsync(timeout.Token))
            {
                break;
            }
        }

        Assert.Equal("Done", report.GetProperty("run").GetProperty("status").GetString());
        Assert.Equal(RegionCatalog.YangliuqingCode, report.GetProperty("run").GetProperty("regionCode").GetString());
        Assert.Equal(6, report.GetProperty("document").GetProperty("sections").GetArrayLength());

        var xlsx = await street.GetAsync($"/api/v1/reports/{id}/xlsx", Ct);
        Assert.Equal(HttpStatusCode.OK, xlsx.StatusCode);
        using var workbook = new MemoryStream(await xlsx.Content.ReadAsByteArrayAsync(Ct));
        Assert.True(MiniExcel.GetSheetNames(workbook).Count >= 7);
        var csv = await street.GetAsync($"/api/v1/reports/{id}/csv?sheet=0", Ct);
        Assert.Equal("text/csv", csv.Content.Headers.ContentType!.MediaType);
        Assert.Equal(HttpStatusCode.BadRequest, (await street.GetAsync($"/api/v1/reports/{id}/csv?sheet=99", Ct)).StatusCode);
        var zip = await street.GetAsync($"/api/v1/reports/{id}/csv", Ct);
        Assert.Equal("application/zip", zip.Content.Headers.ContentType!.MediaType);

        var list = await street.GetFromJsonAsync<JsonElement>("/api/v1/reports", Ct);
        Assert.Contains(list.GetProperty("items").EnumerateArray(), r => r.GetProperty("id").GetGuid() == id);
        // The list's filters: by month, kind and region.
        async Task<bool> Listed(string filter) => (await street.GetFromJsonAsync<JsonElement>("/api/v1/reports?" + filter, Ct)).GetProperty("items").EnumerateArray()
            .Any(r => r.GetProperty("id").GetGuid() == id);
        Assert.True(await Listed($"month={LastMonth}&kind=overall&regionCode={RegionCatalog.YangliuqingCode}"));
        Assert.False(await Listed("kind=card"));
        Assert.False(await Listed($"month={Today.AddMonths(-2).Year * 100 + Today.AddMonths(-2).Month}"));
        Assert.False(await Listed($"regionCode={RegionCatalog.YinglunMingyuanCode}"));

        // Another street: 403 on the report and its files, and it is not in their list.
        var street2 = await factory.ClientFor("street2");
        Assert.Equal(HttpStatusCode.NotFound, (await street2.GetAsync($"/api/v1/reports/{id}/xlsx", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await street2.GetAsync($"/api/v1/reports/{id}/csv", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await street2.GetAsync($"/api/v1/reports/{id}", Ct)).StatusCode);
        var theirs = await street2.GetFromJsonAsync<JsonElement>("/api/v1/reports", Ct);
        Assert.DoesNotContain(theirs.GetProperty("items").EnumerateArray(), r => r.GetProperty("id").GetGuid() == id);
    }

    [Fact]
    public async Task Bad_input_is_a_localized_problem_never_a_500()
    {
        var street = await factory.ClientFor("street");

        var future = await street.PostAsJsonAsync("/api/v1/reports", new { kind = "overall", month = ThisMonth + 1 }, Ct);
        Assert.Equal(HttpStatusCode.BadRequest, future.StatusCode);
        Assert.Equal("application/problem+json", future.Content.Headers.ContentType!.MediaType);
        var current = await street.PostAsJsonAsync("/api/v1/reports", new { kind = "overall", month = ThisMonth }, Ct);
        Assert.Equal(HttpStatusCode.BadRequest, current.StatusCode);
        var unknown = await street.PostAsJsonAsync("/api/v1/reports", new { kind = "weather", month = LastMonth }, Ct);
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        Assert.Contains("未知的报表类型", await unknown.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        var outside = await street.PostAsJsonAsync("/api/v1/reports", new { kind = "overall", month = LastMonth, regionCode = RegionCatalog.ZhongbeiCode }, Ct);
        Assert.Equal(HttpStatusCode.Forbidden, outside.StatusCode);
        var village = await factory.ClientFor("village");
        Assert.Equal(HttpStatusCode.Forbidden, (await village.PostAsJsonAsync("/api/v1/reports", new { kind = "overall", month = LastMonth }, Ct)).StatusCode);

        // A run still being generated (another instance's): 409 until it is done.
        var running = new ReportRun { Kind = "emergency", Month = LastMonth, RegionCode = RegionCatalog.YangliuqingCode, RequestedBy = "street", Status = ReportRunStatus.Running, CreatedAtUtc = DateTime.UtcNow, UpdatedAtUtc = DateTime.UtcNow };
        await using (var db = await factory.Services.GetRequiredService<IDbContextFactory<EldercareDbContext>>().CreateDbContextAsync(Ct))
        {
            db.Add(running);
            await db.SaveChangesAsync(Ct);
        }

        var early = await street.GetAsync($"/api/v1/reports/{running.Id}/xlsx", Ct);
        Assert.Equal(HttpStatusCode.Conflict, early.StatusCode);
        Assert.Contains("报表尚未生成完成", await early.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Conflict, (await street.GetAsync($"/api/v1/reports/{running.Id}/csv", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await street.GetAsync($"/api/v1/reports/{Guid.NewGuid()}/xlsx", Ct)).StatusCode);
    }
}
