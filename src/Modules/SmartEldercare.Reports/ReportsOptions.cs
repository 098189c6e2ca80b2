namespace SmartEldercare.Reports;

/// <summary>Configuration section <c>Reports</c>.</summary>
public sealed class ReportsOptions
{
    /// <summary>Generate last month's reports on the 1st of each month (Asia/Shanghai): overall and per scenario, for the district and each street.</summary>
    public bool AutoMonthly { get; set; } = true;

    /// <summary>A running generation silent this long was interrupted (instance stopped or crashed) and is marked failed.</summary>
    public int StaleAfterMinutes { get; set; } = 10;

    /// <summary>How often the worker looks for queued runs besides being woken by a request.</summary>
    public int PollSeconds { get; set; } = 30;
}
