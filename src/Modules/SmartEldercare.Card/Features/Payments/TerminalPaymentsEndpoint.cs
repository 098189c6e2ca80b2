using SmartEldercare.Card.Cards;
using SmartEldercare.Card.Ledger;

namespace SmartEldercare.Card.Features.Payments;

/// <summary><c>POST /api/v1/card-payments</c>: third-party terminals of canteens and providers charge a card.</summary>
public static class TerminalPaymentsEndpoint
{
    public const string CodeHeader = "X-Terminal-Code";
    public const string KeyHeader = "X-Terminal-Key";
    public const int PaymentIdMaxLength = 64;

    public const string Description =
        "Authenticated by the terminal: headers `X-Terminal-Code` (its registered code) and `X-Terminal-Key` (the key shown once at registration; " +
        "stored hashed). Body `{ paymentId, cardNumber, amount, note? }`: `paymentId` is the terminal's own id of the sale (1-64 characters), " +
        "`amount` in yuan (> 0, at most two decimals). The subsidy account pays first (up to the per-payment cap), the self-paid account the rest. " +
        "Idempotent on paymentId per terminal: a retry answers the first receipt (`replayed: true`) and charges nothing again; the same id with " +
        "another card or amount is 409. 401 for any authentication failure, 400 for a malformed body or amount, 404 for an unknown card, " +
        "409 for a blocked card or insufficient balance (nothing charged; `detail` says what is left), 503 when the database is unavailable, 429 with Retry-After past the rate per source address.";

    /// <param name="PaymentId">The terminal's id of this sale (idempotency key).</param>
    /// <param name="CardNumber">The 16-digit card number (spaces allowed).</param>
    /// <param name="Amount">Yuan, at most two decimals.</param>
    /// <param name="Note">What was sold.</param>
    public sealed record TerminalPaymentBody(string? PaymentId, string? CardNumber, decimal Amount, string? Note);

    public static RouteHandlerBuilder MapTerminalPayments(this IEndpointRouteBuilder api) =>
        api.MapPost("/card-payments", HandleAsync)
            .AllowAnonymous()
            .WithTags("Card")
            .WithSummary("Card payment from a registered terminal")
            .WithDescription(Description)
            .Produces<PaymentReceipt>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status429TooManyRequests)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable)
            .RequireRateLimiting(RateLimits.Machines);

    private static async Task<IResult> HandleAsync(HttpRequest request, TerminalPaymentBody? body, IDbContextFactory<EldercareDbContext> dbs, CardPayments payments,
        IStringLocalizer<Strings> l, CancellationToken ct)
    {
        try
        {
            var code = request.Headers[CodeHeader].ToString();
            Terminal? terminal = null;
            if (!string.IsNullOrEmpty(code) && code.Length <= Terminal.CodeMaxLength)
            {
                await using var db = await dbs.CreateDbContextAsync(ct);
                terminal = await db.Set<Terminal>().AsNoTracking().FirstOrDefaultAsync(t => t.Code == code, ct);
            }

            if (terminal is null || !terminal.Accepts(request.Headers[KeyHeader].ToString()))
            {
                return TypedResults.Problem(statusCode: StatusCodes.Status401Unauthorized, title: l["Card.Terminal.Unauthenticated"]);
            }

            var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
            if (string.IsNullOrWhiteSpace(body?.PaymentId) || body.PaymentId.Length > PaymentIdMaxLength)
            {
                errors["paymentId"] = [l["Card.Terminal.PaymentIdInvalid"]];
            }

            var number = CardNumber.Normalize(body?.CardNumber);
            if (number is null)
            {
                errors["cardNumber"] = [l["Card.Number.Invalid"]];
            }

            var amount = body is null ? null : Fen.FromYuan(body.Amount);
            if (amount is null)
            {
                errors["amount"] = [l["Card.Amount.Invalid"]];
            }

            if (body?.Note?.Length > LedgerEntry.NoteMaxLength)
            {
                errors["note"] = [l["Card.Note.TooLong"]];
            }

            if (errors.Count > 0)
            {
                return TypedResults.ValidationProblem(errors, title: l["Api.Invalid"]);
            }

            var result = await payments.PayAsync(new PaymentRequest(number!, amount!.Value, terminal.OrganisationId, terminal.OrganisationName, terminal.Id,
                $"t:{terminal.Id:N}:{body!.PaymentId}", terminal.Code, body.Note), ct);
            return result.IsSuccess ? TypedResults.Ok(result.Value) : TypedResults.Problem(statusCode: result.Status switch
            {
                Platform.Common.ResultStatus.NotFound => StatusCodes.Status404NotFound,
                Platform.Common.ResultStatus.Invalid => StatusCodes.Status400BadRequest,
                _ => StatusCodes.Status409Conflict,
            }, title: result.Status switch
            {
                Platform.Common.ResultStatus.NotFound => l["Api.NotFound"],
                Platform.Common.ResultStatus.Invalid => l["Api.Invalid"],
                _ => l["Card.Pay.NotCharged"], // blocked card, insufficient balance, payment id reused: the terminal shows this
            }, detail: result.Message);
        }
        catch (Exception ex) when (DatabaseUnavailable.Is(ex))
        {
            return DatabaseUnavailable.Answer(request.HttpContext, l["Card.Unavailable"], retryAfterSeconds: 2);
        }
    }
}
