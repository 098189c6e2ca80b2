using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using SmartEldercare.Card;
using SmartEldercare.Card.Features.Payments;
using SmartEldercare.Card.Features.Statements;
using SmartEldercare.Tests.Infrastructure;

namespace SmartEldercare.Tests.Card;

/// <summary>The module over HTTP on the real app with demo data (the card module's demo cards and terminal included).</summary>
public sealed class CardApiTests(EldercareWebFactory factory) : IClassFixture<EldercareWebFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static HttpRequestMessage Terminal(object body, string key = "demo-terminal-key-2026", string code = CardDemoData.DemoTerminalCode)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/card-payments") { Content = JsonContent.Create(body) };
        request.Headers.Add(TerminalPaymentsEndpoint.CodeHeader, code);
        request.Headers.Add(TerminalPaymentsEndpoint.KeyHeader, key);
        return request;
    }

    private static async Task<(string Number, Guid Id, long Self)> DemoCardAsync(HttpClient client)
    {
        var cards = await client.GetFromJsonAsync<JsonElement>("/api/v1/card/cards?pageSize=50", Ct);
        var card = cards.GetProperty("items").EnumerateArray().First(c => c.GetProperty("status").GetString() == "Active" && c.GetProperty("selfPaid").GetInt64() >= 30_00);
        return (card.GetProperty("number").GetString()!, card.GetProperty("id").GetGuid(), card.GetProperty("selfPaid").GetInt64());
    }

    [Fact]
    public async Task A_terminal_pays_once_per_payment_id_and_bad_input_is_a_localized_problem()
    {
        var village = await factory.ClientFor("village");
        var (number, id, _) = await DemoCardAsync(village);
        var anonymous = factory.CreateClient();
        var paymentId = "pos-" + Guid.NewGuid().ToString("N");

        var first = await anonymous.SendAsync(Terminal(new { paymentId, cardNumber = number, amount = 3.5m, note = "早餐" }), Ct);
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        var receipt = await first.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.False(receipt.GetProperty("replayed").GetBoolean());
        Assert.Equal(3.5m, receipt.GetProperty("amount").GetDecimal());

        var retry = await anonymous.SendAsync(Terminal(new { paymentId, cardNumber = number, amount = 3.5m }), Ct);
        var again = await retry.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.True(again.GetProperty("replayed").GetBoolean());
        Assert.Equal(receipt.GetProperty("paymentId").GetGuid(), again.GetProperty("paymentId").GetGuid());
        var detail = await village.GetFromJsonAsync<JsonElement>($"/api/v1/card/cards/{id}", Ct);
        Assert.Equal(1, detail.GetProperty("movements").EnumerateArray().Count(m => m.GetProperty("note").GetString() == "早餐"));

        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.SendAsync(Terminal(new { paymentId = "x", cardNumber = number, amount = 1 }, key: "wrong"), Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.SendAsync(Terminal(new { paymentId = "x", cardNumber = number, amount = 1 }, code: "NOPE"), Ct)).StatusCode);

        var overPrecise = await anonymous.SendAsync(Terminal(new { paymentId = "p2", cardNumber = number, amount = 1.005m }), Ct);
        Assert.Equal(HttpStatusCode.BadRequest, overPrecise.StatusCode);
        Assert.Equal("金额须大于 0，最多两位小数", (await overPrecise.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("errors").GetProperty("amount")[0].GetString());
        Assert.Equal(HttpStatusCode.BadRequest, (await anonymous.SendAsync(Terminal(new { paymentId = "p3", cardNumber = number, amount = -2 }), Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await anonymous.SendAsync(Terminal(new { paymentId = "p4", cardNumber = "1234567812345678", amount = 2 }), Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.SendAsync(Terminal(new { paymentId = "p5", cardNumber = SmartEldercare.Card.Cards.CardNumber.From(Guid.NewGuid()), amount = 2 }), Ct)).StatusCode);

        var tooMuch = await anonymous.SendAsync(Terminal(new { paymentId = "p6", cardNumber = number, amount = 99999 }), Ct);
        Assert.Equal(HttpStatusCode.Conflict, tooMuch.StatusCode);
        var refused = await tooMuch.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.StartsWith("余额不足，未扣款", refused.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal("未扣款", refused.GetProperty("title").GetString());
    }

    [Fact]
    public async Task Staff_refunds_and_top_ups_are_checked_and_refused_clearly()
    {
        var village = await factory.ClientFor("village");
        var (number, id, _) = await DemoCardAsync(village);
        var anonymous = factory.CreateClient();
        var paid = await (await anonymous.SendAsync(Terminal(new { paymentId = "r-" + Guid.NewGuid().ToString("N"), cardNumber = number, amount = 5 }), Ct)).Content.ReadFromJsonAsync<JsonElement>(Ct);
        var paymentId = paid.GetProperty("paymentId").GetGuid();

        var street = await factory.ClientFor("street");
        var tooMuch = await street.PostAsJsonAsync($"/api/v1/card/payments/{paymentId}/refund", new { amount = 5.01m, reason = "多收" }, Ct);
        Assert.Equal(HttpStatusCode.BadRequest, tooMuch.StatusCode);
        var noReason = await street.PostAsJsonAsync($"/api/v1/card/payments/{paymentId}/refund", new { amount = 1m }, Ct);
        Assert.Equal(HttpStatusCode.BadRequest, noReason.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await street.PostAsJsonAsync($"/api/v1/card/payments/{paymentId}/refund", new { amount = 5m, reason = "退餐" }, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await village.PostAsJsonAsync($"/api/v1/card/payments/{paymentId}/refund", new { amount = 1m, reason = "x" }, Ct)).StatusCode);

        var worker = await factory.ClientFor("worker");
        Assert.Equal(HttpStatusCode.Forbidden, (await worker.PostAsJsonAsync($"/api/v1/card/cards/{id}/top-up", new { amount = 10m }, Ct)).StatusCode);
        var badTopUp = await village.PostAsJsonAsync($"/api/v1/card/cards/{id}/top-up", new { amount = 0.001m }, Ct);
        Assert.Equal(HttpStatusCode.BadRequest, badTopUp.StatusCode);
        var requestId = Guid.NewGuid();
        var topUp = await (await village.PostAsJsonAsync($"/api/v1/card/cards/{id}/top-up", new { amount = 10m, requestId }, Ct)).Content.ReadFromJsonAsync<JsonElement>(Ct);
        var twice = await (await village.PostAsJsonAsync($"/api/v1/card/cards/{id}/top-up", new { amount = 10m, requestId }, Ct)).Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal(topUp.GetProperty("entryId").GetGuid(), twice.GetProperty("entryId").GetGuid());
        Assert.True(twice.GetProperty("replayed").GetBoolean());

        var district = await factory.ClientFor("district");
        var export = await district.GetAsync("/api/v1/card/settlement/export", Ct);
        Assert.Equal(ExportSettlement.XlsxType, export.Content.Headers.ContentType?.MediaType);
    }
}
