using Microsoft.AspNetCore.Mvc;
using SmartEldercare.Card.Cards;
using SmartEldercare.Card.Features.Cards;
using SmartEldercare.Card.Features.Crediting;
using SmartEldercare.Card.Features.Payments;
using SmartEldercare.Card.Features.Statements;
using SmartEldercare.Card.Features.Supervision;

namespace SmartEldercare.Card;

public static class CardApi
{
    /// <summary>Staff endpoints (bearer token) under <c>/api/v1/card</c>: service cards, their ledger, crediting and settlement.</summary>
    public static void MapCardApi(this RouteGroupBuilder api)
    {
        var card = api.MapGroup("/card").WithTags("Card");
        card.MapGet("/cards", async (IMediator mediator, CancellationToken ct, [FromQuery] string? search, [FromQuery] string? region, [FromQuery] int? page, [FromQuery] int? pageSize) =>
                TypedResults.Ok(await mediator.Send(new SearchCards.Query(search, region, page ?? 1, pageSize ?? 20), ct)))
            .WithSummary("Cards of the caller's scope (`search`: card number prefix, last four ID digits, UID or name prefix), with balances in fen");
        card.MapPost("/cards", async (IssueBody body, IMediator mediator, IStringLocalizer<Strings> l, CancellationToken ct) =>
                ApiResults.From(await mediator.Send(new IssueCard.Command(body.ElderId, body.Uid), ct), l, id => TypedResults.Ok(new { id })))
            .WithSummary("Issue a card to an elder `{ elderId, uid? }` (409 when the elder already holds one)");
        card.MapPost("/cards/batch", async (BatchBody body, IMediator mediator, IStringLocalizer<Strings> l, CancellationToken ct) =>
                ApiResults.From(await mediator.Send(new IssueVillageCards.Command(body.RegionCode ?? string.Empty), ct), l))
            .WithSummary("Issue cards to every active elder of a village without one `{ regionCode }`");
        card.MapGet("/cards/{id:guid}", async (Guid id, IMediator mediator, IStringLocalizer<Strings> l, CancellationToken ct) =>
                ApiResults.From(await mediator.Send(new GetCard.Query(id), ct), l))
            .WithSummary("A card with its balances (fen) and recent movements");
        card.MapPost("/cards/{id:guid}/status", async (Guid id, StatusBody body, IMediator mediator, IStringLocalizer<Strings> l, CancellationToken ct) =>
                ApiResults.From(await mediator.Send(new ChangeCardStatus.Command(id, body.Status, body.Reason), ct), l))
            .WithSummary("`{ status: ReportedLost|Active|Cancelled, reason }`: report lost (blocked at once), found again, cancel");
        card.MapPost("/cards/{id:guid}/replace", async (Guid id, ReplaceBody body, IMediator mediator, IStringLocalizer<Strings> l, CancellationToken ct) =>
                ApiResults.From(await mediator.Send(new ReplaceCard.Command(id, body.Uid, body.Reason), ct), l, newId => TypedResults.Ok(new { id = newId })))
            .WithSummary("A new card: the old one is blocked and both balances move over in one transfer entry");
        card.MapPost("/cards/{id:guid}/top-up", async (Guid id, TopUpBody body, IMediator mediator, IStringLocalizer<Strings> l, CancellationToken ct) =>
                ApiResults.From(await mediator.Send(new TopUpCard.Command(id, body.Amount, body.RequestId ?? Guid.NewGuid(), body.Note), ct), l))
            .WithSummary("Self-paid top-up `{ amount (yuan), requestId?, note? }` with a receipt; the same requestId tops up once");
        card.MapPost("/payments", async (PayWithCard.Command body, IMediator mediator, IStringLocalizer<Strings> l, CancellationToken ct) =>
                ApiResults.From(await mediator.Send(body, ct), l))
            .WithSummary("Point of sale: `{ cardNumber, organisationId, amount (yuan), requestId, note? }`; the same requestId charges once");
        card.MapPost("/payments/{id:guid}/refund", async (Guid id, RefundBody body, IMediator mediator, IStringLocalizer<Strings> l, CancellationToken ct) =>
                ApiResults.From(await mediator.Send(new RefundPayment.Command(id, body.Amount, body.Reason ?? string.Empty), ct), l, refundId => TypedResults.Ok(new { id = refundId })))
            .WithSummary("Refund (part of) a payment `{ amount (yuan), reason }`; never more than what is left of it");
        card.MapGet("/rules", async (IMediator mediator, CancellationToken ct) => TypedResults.Ok(await mediator.Send(new ListCreditRules.Query(), ct)))
            .WithSummary("The crediting rules (age band, key groups, care level, monthly amount in yuan, year-end expiry)");
        card.MapPost("/rules", async (SaveCreditRule.Command body, IMediator mediator, IStringLocalizer<Strings> l, CancellationToken ct) =>
                ApiResults.From(await mediator.Send(body, ct), l, id => TypedResults.Ok(new { id })))
            .WithSummary("Add (no id) or change a rule");
        card.MapPost("/crediting", async (MonthBody body, IMediator mediator, IStringLocalizer<Strings> l, CancellationToken ct) =>
                ApiResults.From(await mediator.Send(new RunCrediting.Command(body.Month), ct), l))
            .WithSummary("Credit a month's packages `{ month: yyyyMM }`; running again credits nothing twice; reports what was credited and why");
        card.MapPost("/expiry", async (YearBody body, IMediator mediator, IStringLocalizer<Strings> l, CancellationToken ct) =>
                ApiResults.From(await mediator.Send(new ExpireYear.Command(body.Year), ct), l))
            .WithSummary("Year end `{ year }`: unused credits of expiring rules return to the district (once per elder and year)");
        card.MapGet("/statements/{elderId:guid}", async (Guid elderId, IMediator mediator, TimeProvider clock, IStringLocalizer<Strings> l, CancellationToken ct, [FromQuery] int? month) =>
                ApiResults.From(await mediator.Send(new GetStatement.Query(elderId, month ?? YearMonth.Of(clock.Today())), ct), l))
            .WithSummary("An elder's monthly statement (`month=yyyyMM`): opening, movements with subsidy and self-paid parts, closing (fen)");
        card.MapGet("/settlement", async (IMediator mediator, TimeProvider clock, IStringLocalizer<Strings> l, CancellationToken ct, [FromQuery] int? month) =>
                ApiResults.From(await mediator.Send(new GetSettlement.Query(month ?? YearMonth.Of(clock.Today())), ct), l))
            .WithSummary("The month's settlement per canteen and provider (fen)");
        card.MapGet("/settlement/export", async (IMediator mediator, TimeProvider clock, IStringLocalizer<Strings> l, CancellationToken ct, [FromQuery] int? month) =>
                ApiResults.From(await mediator.Send(new ExportSettlement.Query(month ?? YearMonth.Of(clock.Today())), ct), l, f => TypedResults.File(f.Content, f.ContentType, f.FileName)))
            .WithSummary("The month's settlement as .xlsx");
        card.MapGet("/reconciliation", async (IMediator mediator, TimeProvider clock, CancellationToken ct, [FromQuery] DateOnly? day) =>
                TypedResults.Ok(await mediator.Send(new GetReconciliation.Query(day ?? clock.Today()), ct)))
            .WithSummary("A day's takings per merchant and terminal (fen)");
        card.MapGet("/flags", async (IMediator mediator, TimeProvider clock, CancellationToken ct, [FromQuery] DateOnly? day) =>
                TypedResults.Ok(await mediator.Send(new ListFlags.Query(day ?? clock.Today()), ct)))
            .WithSummary("Supervision flags of a day: two places within minutes, deceased/moved-out elder, hospital stay, unusual daily total");
        card.MapGet("/terminals", async (IMediator mediator, CancellationToken ct) => TypedResults.Ok(await mediator.Send(new ListTerminals.Query(), ct)))
            .WithSummary("Registered payment terminals");
        card.MapPost("/terminals", async (RegisterTerminal.Command body, IMediator mediator, IStringLocalizer<Strings> l, CancellationToken ct) =>
                ApiResults.From(await mediator.Send(body, ct), l))
            .WithSummary("Register a terminal `{ code, name, organisationId }`: the answer holds its key, shown only once");
    }

    /// <param name="ElderId">The elder.</param>
    /// <param name="Uid">NFC or magnetic-stripe UID, if any.</param>
    public sealed record IssueBody(Guid ElderId, string? Uid);

    /// <param name="RegionCode">The village (12 digits).</param>
    public sealed record BatchBody(string? RegionCode);

    /// <param name="Status">ReportedLost, Active or Cancelled.</param>
    /// <param name="Reason">Why.</param>
    public sealed record StatusBody(CardStatus Status, string? Reason);

    /// <param name="Uid">The new card's UID, if any.</param>
    /// <param name="Reason">Why.</param>
    public sealed record ReplaceBody(string? Uid, string? Reason);

    /// <param name="Amount">Yuan, at most two decimals.</param>
    /// <param name="RequestId">Idempotency key of this top-up.</param>
    /// <param name="Note">Receipt note.</param>
    public sealed record TopUpBody(decimal Amount, Guid? RequestId, string? Note);

    /// <param name="Amount">Yuan, at most two decimals.</param>
    /// <param name="Reason">Why (required).</param>
    public sealed record RefundBody(decimal Amount, string? Reason);

    /// <param name="Month">yyyyMM.</param>
    public sealed record MonthBody(int Month);

    /// <param name="Year">The year ending.</param>
    public sealed record YearBody(int Year);
}
