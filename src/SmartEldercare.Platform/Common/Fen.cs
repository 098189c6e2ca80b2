using System.Globalization;

namespace SmartEldercare.Platform.Common;

/// <summary>
/// Money is a whole number of fen (分) in every module's tables: exact, and summable on every provider (SQLite has no
/// decimal). Yuan only at the edges: forms, the API, exports, and the entities that keep yuan in memory (their columns
/// hold fen through <see cref="Persistence.FenColumns.AsFen(Microsoft.EntityFrameworkCore.Metadata.Builders.PropertyBuilder{decimal})"/>).
/// </summary>
public static class Fen
{
    public const long MaxAmount = 100_000_00; // ¥100,000 in one movement

    /// <summary>A positive yuan amount with at most two decimals, as fen; null when zero, negative, over-precise or too large.</summary>
    public static long? FromYuan(decimal yuan)
    {
        if (yuan <= 0 || decimal.Round(yuan, 2) != yuan || yuan * 100m > MaxAmount)
        {
            return null;
        }

        return (long)(yuan * 100m);
    }

    public static decimal ToYuan(long fen) => fen / 100m;

    public static string Format(long fen) => (fen / 100m).ToString("0.00", CultureInfo.InvariantCulture);
}
