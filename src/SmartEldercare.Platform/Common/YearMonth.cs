using System.Globalization;

namespace SmartEldercare.Platform.Common;

/// <summary>
/// Calendar months of Asia/Shanghai as <c>yyyyMM</c> numbers, the form the tables store them in (allowance lists,
/// settlements, card credits, canteen statements). One definition for every module: the same valid range everywhere.
/// </summary>
public static class YearMonth
{
    public const int FirstValidYear = 2000;
    public const int LastValidYear = 2100;

    public static int Of(DateOnly day) => day.Year * 100 + day.Month;

    /// <summary>The month (in Shanghai) of an instant.</summary>
    public static int OfUtc(DateTime utc) => Of(DateOnly.FromDateTime(ShanghaiTime.ToLocal(utc)));

    public static bool IsValid(int month) => month / 100 is >= FirstValidYear and <= LastValidYear && month % 100 is >= 1 and <= 12;

    public static DateOnly FirstDay(int month) => new(month / 100, month % 100, 1);

    public static DateOnly LastDay(int month) => FirstDay(month).AddMonths(1).AddDays(-1);

    /// <summary>The month's first instant in UTC (midnight in Shanghai).</summary>
    public static DateTime StartUtc(int month) => ShanghaiTime.ToUtc(FirstDay(month));

    /// <summary>The next month's first instant in UTC: the month is [<see cref="StartUtc"/>, this).</summary>
    public static DateTime EndUtc(int month) => ShanghaiTime.ToUtc(FirstDay(month).AddMonths(1));

    public static (DateTime FromUtc, DateTime ToUtc) Range(int month) => (StartUtc(month), EndUtc(month));

    public static int Previous(int month) => Of(FirstDay(month).AddMonths(-1));

    public static int Next(int month) => Of(FirstDay(month).AddMonths(1));

    /// <summary><c>2026-12</c>.</summary>
    public static string Label(int month) => FirstDay(month).ToString("yyyy-MM", CultureInfo.InvariantCulture);
}
