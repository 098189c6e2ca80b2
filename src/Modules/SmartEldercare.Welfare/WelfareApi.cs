using Microsoft.AspNetCore.Mvc;
using SmartEldercare.Welfare.Features.Allowance;
using SmartEldercare.Welfare.Features.Away;
using SmartEldercare.Welfare.Features.Rosters;
using SmartEldercare.Welfare.Features.Visits;
using SmartEldercare.Welfare.Features.Watch;

namespace SmartEldercare.Welfare;

public static class WelfareApi
{
    /// <summary>Staff endpoints (bearer token) under <c>/api/v1/welfare</c>: rosters of the very old and the longevity allowance.</summary>
    public static void MapWelfareApi(this RouteGroupBuilder api)
    {
        var welfare = api.MapGroup("/welfare").WithTags("Welfare");
        welfare.MapGet("/rosters", async (IMediator mediator, CancellationToken ct, [FromQuery] int? minAge, [FromQuery] DateOnly? asOf, [FromQuery] string? region, [FromQuery] int? page, [FromQuery] int? pageSize) =>
                TypedResults.Ok(await mediator.Send(new GetRoster.Query(minAge ?? 80, asOf, region, page ?? 1, pageSize ?? 50), ct)))
            .WithSummary("The 80+ (`minAge=80|90|100`) of the caller's scope on a day (`asOf`, default today), oldest first, paged");
        welfare.MapGet("/rosters/counts", async (IMediator mediator, CancellationToken ct, [FromQuery] DateOnly? asOf) =>
                TypedResults.Ok(await mediator.Send(new GetRosterCounts.Query(asOf), ct)))
            .WithSummary("80+, 90+ and 100+ per street and village on a day");
        welfare.MapGet("/rosters/changes", async (IMediator mediator, TimeProvider clock, CancellationToken ct, [FromQuery] int? month) =>
                TypedResults.Ok(await mediator.Send(new GetRosterChanges.Query(month ?? YearMonth.Of(clock.Today())), ct)))
            .WithSummary("A month's changes (`month=yyyyMM`): turned 80/90/100, deceased, moved out");
        welfare.MapGet("/rosters/birthdays", async (IMediator mediator, CancellationToken ct, [FromQuery] int? days) =>
                TypedResults.Ok(await mediator.Send(new GetUpcomingBirthdays.Query(days ?? 30), ct)))
            .WithSummary("90th and 100th birthdays in the next `days` (default 30)");

        welfare.MapGet("/elders/{id:guid}/absences", async (Guid id, IMediator mediator, IStringLocalizer<Strings> l, CancellationToken ct) =>
                ApiResults.From(await mediator.Send(new ListAbsences.Query(id), ct), l))
            .WithSummary("An elder's away periods and hospital stays");
        welfare.MapPost("/elders/{id:guid}/away", async (Guid id, AwayBody body, IMediator mediator, IStringLocalizer<Strings> l, CancellationToken ct) =>
                ApiResults.From(await mediator.Send(new RecordAway.Command(id, body.From, body.To, body.Note), ct), l, awayId => TypedResults.Ok(new { id = awayId })))
            .WithSummary("Record an away period (外出报备) `{ from, to, note }`; refused when it shares a day with another or with a hospital stay");
        welfare.MapPost("/away/{id:guid}/end", async (Guid id, EndBody body, IMediator mediator, IStringLocalizer<Strings> l, CancellationToken ct) =>
                ApiResults.From(await mediator.Send(new EndAway.Command(id, body.To), ct), l))
            .WithSummary("The elder is back: `{ to }`");

        var visits = welfare.MapGroup("/visits");
        visits.MapGet("/overdue", async (IMediator mediator, CancellationToken ct, [FromQuery] int? page, [FromQuery] int? pageSize) =>
                TypedResults.Ok(await mediator.Send(new ListOverdueVisits.Query(page ?? 1, pageSize ?? 50), ct)))
            .WithSummary("Overdue visits of the caller's scope, longest overdue first (elders away or in hospital today left out)");
        visits.MapGet("/", async (IMediator mediator, TimeProvider clock, CancellationToken ct, [FromQuery] DateOnly? from, [FromQuery] DateOnly? to, [FromQuery] Guid? elderId) =>
                TypedResults.Ok(await mediator.Send(new ListVisits.Query(from ?? clock.Today(), to ?? clock.Today().AddDays(14), elderId), ct)))
            .WithSummary("The visit calendar between two days (default: the next two weeks)");
        visits.MapPost("/schedule", async (IMediator mediator, CancellationToken ct) => TypedResults.Ok(new { planned = await mediator.Send(new ScheduleVisits.Command(), ct) }))
            .WithSummary("Plan the scope's visits now (the scheduler also runs every hour)");
        visits.MapPost("/{id:guid}/record", async (Guid id, RecordVisit.Command body, IMediator mediator, IStringLocalizer<Strings> l, CancellationToken ct) =>
                ApiResults.From(await mediator.Send(body with { VisitId = id }, ct), l))
            .WithSummary("Record a visit: `{ visitedOn, mode, health, mood, homeSafety, needs, followUps, notes }`");
        visits.MapGet("/coverage", async (IMediator mediator, TimeProvider clock, CancellationToken ct, [FromQuery] int? month) =>
                TypedResults.Ok(await mediator.Send(new GetVisitCoverage.Query(month ?? YearMonth.Of(clock.Today())), ct)))
            .WithSummary("Visit coverage of a month per street and village: visits due, done");

        var watch = welfare.MapGroup("/watch");
        watch.MapGet("/checks", async (IMediator mediator, CancellationToken ct) => TypedResults.Ok(await mediator.Send(new ListWelfareChecks.Query(), ct)))
            .WithSummary("Welfare checks of the scope: open ones (soonest deadline first), then the last week's");
        watch.MapPost("/checks/{id:guid}/complete", async (Guid id, NoteBody body, IMediator mediator, IStringLocalizer<Strings> l, CancellationToken ct) =>
                ApiResults.From(await mediator.Send(new CompleteWelfareCheck.Command(id, body.Note), ct), l))
            .WithSummary("Staff checked on the elder: `{ note }` (409 once escalated)");
        watch.MapPost("/run", async (IMediator mediator, CancellationToken ct) => TypedResults.Ok(new { raised = await mediator.Send(new RunWellbeingWatch.Command(), ct) }))
            .WithSummary("Run the wellbeing watch for the scope now (it also runs every 15 minutes)");
        watch.MapPut("/thresholds/{id:guid}", async (Guid id, ThresholdBody body, IMediator mediator, IStringLocalizer<Strings> l, CancellationToken ct) =>
                ApiResults.From(await mediator.Send(new SetWatchThreshold.Command(id, body.InactivityHours, body.MinWaterLitres), ct), l))
            .WithSummary("An elder's own thresholds: `{ inactivityHours, minWaterLitres }`");

        var allowance = welfare.MapGroup("/allowance");
        allowance.MapGet("/bands", async (IMediator mediator, CancellationToken ct) => TypedResults.Ok(await mediator.Send(new ListAllowanceBands.Query(), ct)))
            .WithSummary("The allowance bands: from-age and monthly amount (yuan)");
        allowance.MapPut("/bands", async (SaveAllowanceBands.Command command, IMediator mediator, IStringLocalizer<Strings> l, CancellationToken ct) =>
                ApiResults.From(await mediator.Send(command, ct), l))
            .WithSummary("Replace the bands: `{ bands: [{ fromAge, monthlyAmount (yuan, at most two decimals) }] }`");
        allowance.MapGet("/", async (IMediator mediator, TimeProvider clock, CancellationToken ct, [FromQuery] int? month) =>
                TypedResults.Ok(await mediator.Send(new ListAllowanceMonth.Query(month ?? YearMonth.Of(clock.Today())), ct)))
            .WithSummary("The month's village lists in the caller's scope (`month=yyyyMM`, default this month)");
        allowance.MapPost("/", async (MonthBody body, IMediator mediator, IStringLocalizer<Strings> l, CancellationToken ct) =>
                ApiResults.From(await mediator.Send(new GenerateAllowanceMonth.Command(body.Month), ct), l))
            .WithSummary("Generate the month's lists `{ month }` (again: the same lines; approved lists untouched)");
        allowance.MapPost("/approve", async (MonthBody body, IMediator mediator, IStringLocalizer<Strings> l, CancellationToken ct) =>
                ApiResults.From(await mediator.Send(new ApproveAllowanceMonth.Command(body.Month), ct), l, n => TypedResults.Ok(new { approved = n })))
            .WithSummary("Approve at the caller's level every list of the month the level below approved (409 when none)");
        allowance.MapGet("/export", async (IMediator mediator, TimeProvider clock, IStringLocalizer<Strings> l, CancellationToken ct, [FromQuery] int? month) =>
                ApiResults.From(await mediator.Send(new ExportAllowanceMonth.Query(month ?? YearMonth.Of(clock.Today())), ct), l, file => TypedResults.File(file.Content, file.ContentType, file.FileName)))
            .WithSummary("The month's lists as .xlsx for the finance bureau");
        allowance.MapGet("/overpayments", async (IMediator mediator, CancellationToken ct) => TypedResults.Ok(await mediator.Send(new ListOverpayments.Query(), ct)))
            .WithSummary("Payments for months after a death or move-out recorded late: to recover");
        allowance.MapGet("/lists/{id:guid}", async (Guid id, IMediator mediator, IStringLocalizer<Strings> l, CancellationToken ct) =>
                ApiResults.From(await mediator.Send(new GetAllowanceList.Query(id), ct), l))
            .WithSummary("One village's list with every line");
        allowance.MapPost("/lists/{id:guid}/approve", async (Guid id, IMediator mediator, IStringLocalizer<Strings> l, CancellationToken ct) =>
                ApiResults.From(await mediator.Send(new ApproveAllowanceList.Command(id), ct), l))
            .WithSummary("Approve a list: the village first, then the street, then the district (each once)");
    }

    /// <param name="From">First day away.</param>
    /// <param name="To">Last day away (null while still away).</param>
    /// <param name="Note">Where, with whom.</param>
    public sealed record AwayBody(DateOnly From, DateOnly? To, string? Note);

    /// <param name="To">The last day away.</param>
    public sealed record EndBody(DateOnly To);

    /// <param name="Note">What staff found.</param>
    public sealed record NoteBody(string? Note);

    /// <param name="InactivityHours">Hours without activity before a check (4 to 168).</param>
    /// <param name="MinWaterLitres">Litres in 24 h below which a check is raised.</param>
    public sealed record ThresholdBody(int InactivityHours, double MinWaterLitres);

    /// <param name="Month">yyyyMM.</param>
    public sealed record MonthBody(int Month);
}
