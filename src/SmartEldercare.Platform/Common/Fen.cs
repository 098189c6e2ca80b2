using System.Globalization;

namespace SmartEldercare.Platform.Common;

/// <summary>
/// Money is a whole number of fen (分) as a <c>long</c> in every module, in memory and in the tables: exact, and summable
/// on every provider (SQLite has no decimal). Yuan (<c>decimal</c>) only at the edges: what a form reads and shows, the
/// API's numbers (<see cref="JsonYuanAttribute"/> on views, yuan commands), exports and printed reports.
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
