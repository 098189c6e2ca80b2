namespace SmartEldercare.Reports.Runs;

public enum ReportRunStatus
{
    Queued,
    Running,
    Done,
    Failed,
}

/// <summary>
/// One monthly report (月报): its kind (<see cref="OverallKind"/> or a scenario key), month and region scope, its generation
/// state and, once done, its sections (JSON, the source of the page and the CSV files) and the .xlsx workbook.
/// A run is shown as a report only when <see cref="ReportRunStatus.Done"/>: a failed one keeps no half-written content.
/// </summary>
public sealed class ReportRun : IRegionScoped
{
    public const string OverallKind = "overall";
    public const string AutoRequester = "auto";
    public const int KindMaxLength = 30;
    public const int ErrorMaxLength = 200;

    public Guid Id { get; init; } = Guid.CreateVersion7();

    public string Kind { get; init; } = OverallKind;

    /// <summary>yyyyMM, an Asia/Shanghai calendar month.</summary>
    public int Month { get; init; }

    public string RegionCode { get; init; } = string.Empty;

    public ReportRunStatus Status { get; set; }

    /// <summary>0–100.</summary>
    public int Progress { get; set; }

    /// <summary>The requesting user's name, or <see cref="AutoRequester"/> for the monthly run.</summary>
    public string RequestedBy { get; init; } = AutoRequester;

    public Guid? RequestedById { get; init; }

    /// <summary>Set only for automatic runs (<c>yyyyMM:kind:region</c>) and unique: two instances or a restart never generate the same one twice.</summary>
    public string? AutoKey { get; init; }

    public DateTime CreatedAtUtc { get; init; }

    /// <summary>The last sign of life of a running generation: a run silent for long was interrupted (see the worker's recovery).</summary>
    public DateTime UpdatedAtUtc { get; set; }

    public DateTime? CompletedAtUtc { get; set; }

    /// <summary>The sections as JSON (see <see cref="Generation.ReportDocument"/>), once done.</summary>
    public string? Content { get; set; }

    /// <summary>The workbook, once done.</summary>
    public byte[]? Xlsx { get; set; }

    /// <summary>A localization key saying why the run failed.</summary>
    public string? Error { get; set; }

    public static string AutoKeyOf(int month, string kind, string regionCode) => $"{month}:{kind}:{regionCode}";
}
