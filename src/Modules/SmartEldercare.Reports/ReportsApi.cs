using Microsoft.AspNetCore.Mvc;
using SmartEldercare.Reports.Features;

namespace SmartEldercare.Reports;

public static class ReportsApi
{
    /// <summary>Staff endpoints (bearer token) under <c>/api/v1/reports</c>: monthly reports, generated in the background.</summary>
    public static void MapReportsApi(this RouteGroupBuilder api)
    {
        var reports = api.MapGroup("/reports").WithTags("Reports");
        api.MapGet("/reports", async (IMediator mediator, CancellationToken ct, [FromQuery] int? page, [FromQuery] int? pageSize, [FromQuery] int? month,
                    [FromQuery] string? kind, [FromQuery] string? regionCode) =>
                TypedResults.Ok(await mediator.Send(new ListReports.Query(page ?? 1, pageSize ?? 20, month, kind, regionCode), ct)))
            .WithTags("Reports").WithSummary("Reports of the caller's scope, newest first (status Queued, Running, Done or Failed; progress 0–100); "
                + "optional filters `month=yyyyMM`, `kind=overall|facilities|…`, `regionCode=` (exactly that region)");
        api.MapPost("/reports", async (RequestBody body, IMediator mediator, IStringLocalizer<Strings> l, CancellationToken ct) =>
                ApiResults.From(await mediator.Send(new RequestReport.Command(body.Kind ?? string.Empty, body.Month, body.RegionCode), ct), l,
                    id => TypedResults.Accepted($"/api/v1/reports/{id}", new { id })))
            .WithTags("Reports").WithSummary("Request a report `{ kind: overall|facilities|welfare|homeservice|social|emergency|card, month: yyyyMM, regionCode? }`: 202 with its Location; "
                + "400 for an unknown kind or a month not yet closed (the current or a future month), 403 for a scope outside the caller's");
        reports.MapGet("/{id:guid}", async (Guid id, IMediator mediator, IStringLocalizer<Strings> l, CancellationToken ct) =>
                ApiResults.From(await mediator.Send(new GetReport.Query(id), ct), l))
            .WithSummary("A report: its run and, once done, its sections (figures with label keys, tables with column keys; personal data masked)");
        reports.MapGet("/{id:guid}/xlsx", async (Guid id, IMediator mediator, IStringLocalizer<Strings> l, CancellationToken ct) =>
                ApiResults.From(await mediator.Send(new DownloadReport.Query(id, ReportFileFormat.Xlsx), ct), l, f => TypedResults.File(f.Content, f.ContentType, f.FileName)))
            .WithSummary("The report as .xlsx: an overview sheet and one sheet per table; 409 until it is done");
        reports.MapGet("/{id:guid}/csv", async (Guid id, IMediator mediator, IStringLocalizer<Strings> l, CancellationToken ct, [FromQuery] int? sheet) =>
                ApiResults.From(await mediator.Send(new DownloadReport.Query(id, ReportFileFormat.Csv, sheet), ct), l, f => TypedResults.File(f.Content, f.ContentType, f.FileName)))
            .WithSummary("The report as CSV (UTF-8 with BOM): `sheet=n` for one sheet (0 = overview, in the workbook's order), otherwise a zip of one CSV per sheet; 409 until it is done");
    }

    /// <param name="Kind">overall or a scenario key.</param>
    /// <param name="Month">yyyyMM, a closed month.</param>
    /// <param name="RegionCode">The scope; the caller's own when empty.</param>
    public sealed record RequestBody(string? Kind, int Month, string? RegionCode);
}
