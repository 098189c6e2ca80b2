using System.Text.Json;
using System.Text.Json.Serialization;

namespace SmartEldercare.Platform.Common;

/// <summary>
/// The API edge of a fen amount: a <c>long</c> (or <c>long?</c>) fen property of a view is written as a yuan number
/// (1250 → <c>12.5</c>) and read back from one, so the JSON contracts stay in yuan while the code keeps fen. Put it on
/// the property: <c>[property: JsonYuan] long Amount</c>. Reading a yuan number finer than a fen is refused (a
/// malformed body).
/// </summary>
public sealed class FenAsYuanJsonConverter : JsonConverterFactory
{
    public override bool CanConvert(Type typeToConvert) => typeToConvert == typeof(long) || typeToConvert == typeof(long?);

    public override JsonConverter CreateConverter(Type typeToConvert, JsonSerializerOptions options) =>
        typeToConvert == typeof(long) ? new Whole() : new Optional();

    private static long Read(ref Utf8JsonReader reader)
    {
        var yuan = reader.GetDecimal();
        var fen = yuan * 100m;
        if (fen != decimal.Truncate(fen) || fen > long.MaxValue || fen < long.MinValue)
        {
            throw new JsonException("A yuan amount has at most two decimals.");
        }

        return (long)fen;
    }

    private sealed class Whole : JsonConverter<long>
    {
        public override long Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => FenAsYuanJsonConverter.Read(ref reader);

        public override void Write(Utf8JsonWriter writer, long value, JsonSerializerOptions options) => writer.WriteNumberValue(Fen.ToYuan(value));
    }

    private sealed class Optional : JsonConverter<long?>
    {
        public override long? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            reader.TokenType == JsonTokenType.Null ? null : FenAsYuanJsonConverter.Read(ref reader);

        public override void Write(Utf8JsonWriter writer, long? value, JsonSerializerOptions options)
        {
            if (value is { } fen)
            {
                writer.WriteNumberValue(Fen.ToYuan(fen));
            }
            else
            {
                writer.WriteNullValue();
            }
        }
    }
}

/// <summary>This fen property is a yuan number in JSON (<see cref="FenAsYuanJsonConverter"/>).</summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Field)]
public sealed class JsonYuanAttribute : JsonConverterAttribute
{
    public override JsonConverter? CreateConverter(Type typeToConvert) => new FenAsYuanJsonConverter().CreateConverter(typeToConvert, JsonSerializerOptions.Default);
}
