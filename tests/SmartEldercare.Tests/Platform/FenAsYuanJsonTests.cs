using System.Text.Json;
using SmartEldercare.Platform.Common;
using SmartEldercare.Welfare.Features.Allowance;

namespace SmartEldercare.Tests.Platform;

/// <summary>Fen inside, yuan in JSON: the API edge of a fen property marked <see cref="JsonYuanAttribute"/>.</summary>
public sealed class FenAsYuanJsonTests
{
    private static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);

    private sealed record Priced([property: JsonYuan] long Price, [property: JsonYuan] long? UnitPrice);

    [Fact]
    public void A_fen_amount_is_written_as_yuan_and_read_back_as_the_same_fen()
    {
        Assert.Equal("""{"fromAge":80,"monthlyAmount":120.5}""", JsonSerializer.Serialize(new BandView(80, 120_50), Web));
        Assert.Equal(new BandView(80, 120_50), JsonSerializer.Deserialize<BandView>("""{"fromAge":80,"monthlyAmount":120.50}""", Web));
        Assert.Equal("""{"price":0.05,"unitPrice":null}""", JsonSerializer.Serialize(new Priced(5, null), Web));
        Assert.Equal(new Priced(-1, 99_999_99), JsonSerializer.Deserialize<Priced>("""{"price":-0.01,"unitPrice":99999.99}""", Web));
    }

    [Theory]
    [InlineData("""{"fromAge":80,"monthlyAmount":120.505}""")]
    [InlineData("""{"fromAge":80,"monthlyAmount":"120"}""")]
    public void A_yuan_amount_finer_than_a_fen_or_not_a_number_is_refused(string json) =>
        Assert.ThrowsAny<JsonException>(() => JsonSerializer.Deserialize<BandView>(json, Web));
}
