using System.Globalization;

namespace SmartEldercare.HomeService.Components;

/// <summary>How the pages show figures: shares as percentages, scores with one decimal, money (fen) as yuan with two, "—" for none.</summary>
public static class Format
{
    public static string Percent(double? share) => share is { } s ? (s * 100).ToString("0.0", CultureInfo.CurrentCulture) + "%" : "—";

    public static string Score(double? score) => score is { } s ? s.ToString("0.0", CultureInfo.CurrentCulture) : "—";

    public static string Satisfaction(double? value) => value is { } v ? v.ToString("0.00", CultureInfo.CurrentCulture) : "—";

    public static string Money(long fen) => Fen.ToYuan(fen).ToString("#,##0.00", CultureInfo.InvariantCulture);
}
