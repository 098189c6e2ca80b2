using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace SmartEldercare.Platform.Persistence;

/// <summary>A yuan amount kept as <c>decimal</c> in memory and stored as a whole number of fen (<see cref="SmartEldercare.Platform.Common.Fen"/>).</summary>
public static class FenColumns
{
    public static readonly ValueConverter<decimal, long> Converter = new(v => (long)(v * 100m), v => v / 100m);

    public static PropertyBuilder<decimal> AsFen(this PropertyBuilder<decimal> property) => property.HasConversion(Converter);

    public static PropertyBuilder<decimal?> AsFen(this PropertyBuilder<decimal?> property) => property.HasConversion(Converter);
}
