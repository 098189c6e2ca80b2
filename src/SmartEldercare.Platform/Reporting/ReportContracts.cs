using System.Globalization;
using SmartEldercare.Platform.Common;

namespace SmartEldercare.Platform.Reporting;

/// <summary>A summary figure of a report section; <see cref="LabelKey"/> is localized at render, <see cref="Value"/> is already formatted (invariant).</summary>
public sealed record ReportFigure(string LabelKey, string Value);

/// <summary>
/// A detail table of a report section: localized column keys and rows of already formatted cells. Personal data in the
/// cells is masked by the section that builds it (the platform's <c>Masking</c> helpers): names, ID numbers; never phones or addresses.
/// Cells of the columns listed in <see cref="KeyColumns"/> are resource keys (an enum's label), localized at render.
/// </summary>
public sealed record ReportTable(string TitleKey, IReadOnlyList<string> ColumnKeys, IReadOnlyList<IReadOnlyList<string>> Rows, IReadOnlyList<int>? KeyColumns = null)
{
    public bool IsKeyColumn(int column) => KeyColumns?.Contains(column) == true;
}

/// <summary>One scenario's part of a monthly report.</summary>
public sealed record ReportSection(string Key, string TitleKey, IReadOnlyList<ReportFigure> Figures, IReadOnlyList<ReportTable> Tables);

/// <summary>
/// A scenario's monthly figures for the civil-affairs report, published by the scenario module (implemented inside it and
/// registered in its <c>AddXModule</c>) and assembled by the Reports module. Runs without a signed-in user: the scope is
/// given explicitly and was checked when the report was requested.
/// </summary>
public interface IMonthlyReportSection
{
    /// <summary>The scenario key, also a report kind (e.g. <c>emergency</c>): lower-case letters only.</summary>
    string Key { get; }

    /// <summary>The localized title key of the section.</summary>
    string TitleKey { get; }

    /// <summary>Position in the overall report.</summary>
    int Order { get; }

    /// <param name="scopeRegionCode">The region (district, street or village code) whose records count (prefix match).</param>
    /// <param name="month">The Asia/Shanghai calendar month.</param>
    /// <param name="progress">Reports the share done, 0 to 1, as the section goes.</param>
    /// <param name="ct">Cancels the build.</param>
    Task<ReportSection> BuildAsync(string scopeRegionCode, ReportMonth month, IProgress<double>? progress, CancellationToken ct);
}

/// <summary>The usual <see cref="IMonthlyReportSection"/>: its key, title and position given once, the building left to the module.</summary>
public abstract class MonthlyReportSection(string key, string titleKey, int order) : IMonthlyReportSection
{
    public string Key => key;

    public string TitleKey => titleKey;

    public int Order => order;

    public abstract Task<ReportSection> BuildAsync(string scopeRegionCode, ReportMonth month, IProgress<double>? progress, CancellationToken ct);
}

/// <summary>A calendar month in Asia/Shanghai, as <c>yyyyMM</c>.</summary>
public readonly record struct ReportMonth(int Year, int Month)
{
    public int Number => Year * 100 + Month;

    public DateOnly FirstDay => new(Year, Month, 1);

    public DateOnly NextFirstDay => FirstDay.AddMonths(1);

    /// <summary>The UTC instant the month starts in Asia/Shanghai.</summary>
    public DateTime StartUtc => Common.ShanghaiTime.ToUtc(FirstDay);

    /// <summary>The UTC instant the next month starts in Asia/Shanghai (exclusive end).</summary>
    public DateTime EndUtc => Common.ShanghaiTime.ToUtc(NextFirstDay);

    public ReportMonth Previous => Of(FirstDay.AddMonths(-1));

    public static ReportMonth Of(DateOnly day) => new(day.Year, day.Month);

    public static bool TryParse(int yyyymm, out ReportMonth month)
    {
        month = new ReportMonth(yyyymm / 100, yyyymm % 100);
        return month.Year is >= 2000 and <= 2100 && month.Month is >= 1 and <= 12;
    }

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Year:0000}-{Month:00}");
}

/// <summary>Invariant formatting of report cells, so the stored report renders the same in every culture.</summary>
public static class ReportFormat
{
    public static string Number(long value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>An amount of fen as yuan with two decimals.</summary>
    public static string Money(long fen) => Fen.Format(fen);

    /// <summary>A share 0..1 as a percentage with one decimal; "-" when there is nothing to divide.</summary>
    public static string Percent(double? share) => share is { } s ? (s * 100).ToString("0.0", CultureInfo.InvariantCulture) + "%" : "-";

    public static string OneDecimal(double? value) => value is { } v ? v.ToString("0.0", CultureInfo.InvariantCulture) : "-";

    public static string Date(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
