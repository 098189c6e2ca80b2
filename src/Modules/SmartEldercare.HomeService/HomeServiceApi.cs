using Microsoft.AspNetCore.Mvc;
using SmartEldercare.HomeService.Features.Catalogue;
using SmartEldercare.HomeService.Features.Dispatch;
using SmartEldercare.HomeService.Features.Elders;
using SmartEldercare.HomeService.Features.Kpi;
using SmartEldercare.HomeService.Features.Orders;
using SmartEldercare.HomeService.Features.Providers;
using SmartEldercare.HomeService.Features.Settlements;
using SmartEldercare.HomeService.Features.Worker;
using SmartEldercare.HomeService.Orders;

namespace SmartEldercare.HomeService;

public static class HomeServiceApi
{
    /// <summary>Staff and worker endpoints (bearer token) under <c>/api/v1/home-service</c>: orders and their lifecycle, the board, settlements, KPIs.</summary>
    public static void MapHomeServiceApi(this RouteGroupBuilder api)
    {
        var hs = api.MapGroup("/home-service").WithTags("HomeService");
        hs.MapGet("/catalogue", async (IMediator mediator, CancellationToken ct) => TypedResults.Ok(await mediator.Send(new ListCatalogue.Query(ActiveOnly: true), ct)))
            .WithSummary("Items by category with the offering providers' prices, and the entitlement rules");
        hs.MapGet("/elders/{id:guid}", async (Guid id, IMediator mediator, IStringLocalizer<Strings> l, CancellationToken ct) =>
                ApiResults.From(await mediator.Send(new GetElderServices.Query(id), ct), l))
            .WithSummary("An elder's entitlement this month and next (granted, used, held, available), plans and hospital stays");

        var orders = hs.MapGroup("/orders");
        orders.MapGet("/", async (IMediator mediator, CancellationToken ct, [FromQuery] DateOnly? from, [FromQuery] DateOnly? to, [FromQuery] OrderStatus? status, [FromQuery] Guid? elderId) =>
                TypedResults.Ok(await mediator.Send(new ListOrders.Query(from, to, status, elderId), ct)))
            .WithSummary("Orders of the caller's scope by service day (default: a week back to a week ahead)");
        orders.MapPost("/", async (RequestOrder.Command command, IMediator mediator, IStringLocalizer<Strings> l, CancellationToken ct) =>
                ApiResults.From(await mediator.Send(command, ct), l, id => TypedResults.Created($"/api/v1/home-service/orders/{id}", new { id })))
            .WithSummary("Order a service for an elder: `{ elderId, itemId, quantity, windowStart, windowMinutes, selfPayConsent, note }`");
        orders.MapGet("/{id:guid}", async (Guid id, IMediator mediator, IStringLocalizer<Strings> l, CancellationToken ct) =>
                ApiResults.From(await mediator.Send(new GetOrder.Query(id), ct), l))
            .WithSummary("One order with its timeline, the elder's month and the follow-up");
        orders.MapPost("/{id:guid}/dispatch", async (Guid id, DispatchBody body, IMediator mediator, IStringLocalizer<Strings> l, CancellationToken ct) =>
                ApiResults.From(await mediator.Send(new DispatchOrder.Command(id, body.ProviderId, body.WorkerId, body.Version), ct), l))
            .WithSummary("To a provider (and one of its workers); with `version`, refused (409) if the order moved since");
        orders.MapPost("/{id:guid}/accept", async (Guid id, IMediator mediator, IStringLocalizer<Strings> l, CancellationToken ct) =>
                ApiResults.From(await mediator.Send(new AcceptOrder.Command(id), ct), l))
            .WithSummary("A worker takes an order dispatched to their provider");
        orders.MapPost("/{id:guid}/check-in", async (Guid id, CheckInBody body, IMediator mediator, IStringLocalizer<Strings> l, CancellationToken ct) =>
                ApiResults.From(await mediator.Send(new CheckIn.Command(id, body.Latitude, body.Longitude, body.QrToken), ct), l))
            .WithSummary("The assigned worker arrives: `{ latitude, longitude }` or `{ qrToken }`");
        orders.MapPost("/{id:guid}/check-out", async (Guid id, CheckOut.Command body, IMediator mediator, IStringLocalizer<Strings> l, CancellationToken ct) =>
                ApiResults.From(await mediator.Send(body with { OrderId = id }, ct), l))
            .WithSummary("The worker leaves: `{ tasksDone, notes, reason, reasonNote }` (a reason when far from the standard duration)");
        orders.MapPost("/{id:guid}/verify", async (Guid id, IMediator mediator, IStringLocalizer<Strings> l, CancellationToken ct) =>
                ApiResults.From(await mediator.Send(new VerifyOrder.Command(id), ct), l))
            .WithSummary("Staff confirm a checked-out visit: it draws the elder's balance and is priced");
        orders.MapPost("/{id:guid}/cancel", async (Guid id, NoteBody body, IMediator mediator, IStringLocalizer<Strings> l, CancellationToken ct) =>
                ApiResults.From(await mediator.Send(new CancelOrder.Command(id, body.Note ?? string.Empty), ct), l))
            .WithSummary("Cancel before the check-in, with a note");
        orders.MapPost("/{id:guid}/follow-up", async (Guid id, FollowUpBody body, IMediator mediator, IStringLocalizer<Strings> l, CancellationToken ct) =>
                ApiResults.From(await mediator.Send(new RecordFollowUp.Command(id, body.Satisfaction, body.Comment, body.IsComplaint), ct), l))
            .WithSummary("回访 after a completed visit: `{ satisfaction (1-5), comment, isComplaint }`");

        hs.MapGet("/board", async (IMediator mediator, CancellationToken ct, [FromQuery] DateOnly? day) =>
                TypedResults.Ok(await mediator.Send(new GetDispatchBoard.Query(day), ct)))
            .WithSummary("The dispatch board of a day: orders to dispatch (new and missed), awaiting a worker, assigned, under way, to verify; providers' load");
        hs.MapGet("/my-visits", async (IMediator mediator, CancellationToken ct) => TypedResults.Ok(await mediator.Send(new GetMyVisits.Query(), ct)))
            .WithSummary("A worker's day: my visits in order, and orders of my provider nobody has taken");
        hs.MapGet("/providers", async (IMediator mediator, TimeProvider clock, CancellationToken ct, [FromQuery] int? month) =>
                TypedResults.Ok(await mediator.Send(new ListProviderCredit.Query(month ?? YearMonth.Of(clock.Today())), ct)))
            .WithSummary("Providers' credit for a month (`month=yyyyMM`, default this month): on-time, completion, satisfaction, complaints, score");
        hs.MapGet("/kpi", async (IMediator mediator, TimeProvider clock, CancellationToken ct, [FromQuery] int? month) =>
                TypedResults.Ok(await mediator.Send(new GetServiceKpis.Query(month ?? YearMonth.Of(clock.Today())), ct)))
            .WithSummary("The month's KPIs (`month=yyyyMM`, default this month) by category, provider and sub-region");

        var settlements = hs.MapGroup("/settlements");
        settlements.MapGet("/uncollected-self-pay", async (IMediator mediator, CancellationToken ct) => TypedResults.Ok(await mediator.Send(new ListUncollectedSelfPay.Query(), ct)));
        settlements.MapGet("/", async (IMediator mediator, CancellationToken ct, [FromQuery] int? month) =>
                TypedResults.Ok(await mediator.Send(new ListSettlements.Query(month), ct)))
            .WithSummary("Settlements of the providers in the caller's scope");
        settlements.MapPost("/", async (GenerateSettlement.Command command, IMediator mediator, IStringLocalizer<Strings> l, CancellationToken ct) =>
                ApiResults.From(await mediator.Send(command, ct), l, id => TypedResults.Ok(new { id })))
            .WithSummary("Generate a provider's month `{ providerId, month }` once it is over (again: the same result)");
        settlements.MapPost("/{id:guid}/approve", async (Guid id, IMediator mediator, IStringLocalizer<Strings> l, CancellationToken ct) =>
                ApiResults.From(await mediator.Send(new ApproveSettlement.Command(id), ct), l))
            .WithSummary("Approve: the provider's street first, then the district");
        settlements.MapGet("/{id:guid}/export", async (Guid id, IMediator mediator, IStringLocalizer<Strings> l, CancellationToken ct, [FromQuery] ExportFormat format = ExportFormat.Xlsx) =>
                ApiResults.From(await mediator.Send(new ExportSettlement.Query(id, format), ct), l, file => TypedResults.File(file.Content, file.ContentType, file.FileName)))
            .WithSummary("The settlement as .xlsx (`format=Xlsx`) or CSV (`format=Csv`) for the finance bureau");
    }

    /// <param name="ProviderId">The provider (must offer the item).</param>
    /// <param name="WorkerId">One of its workers (optional).</param>
    /// <param name="Version">The order's version the caller saw (optional).</param>
    public sealed record DispatchBody(Guid ProviderId, Guid? WorkerId, int? Version);

    public sealed record CheckInBody(double? Latitude, double? Longitude, string? QrToken);

    public sealed record NoteBody(string? Note);

    public sealed record FollowUpBody(int Satisfaction, string? Comment, bool IsComplaint);
}
