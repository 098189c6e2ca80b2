using SmartEldercare.Reports.Runs;

namespace SmartEldercare.Reports.Features;

/// <param name="Id">The run.</param>
/// <param name="Kind"><c>overall</c> or a scenario key.</param>
/// <param name="KindTitle">The kind, localized.</param>
/// <param name="Month">yyyyMM.</param>
/// <param name="RegionCode">The scope.</param>
/// <param name="RegionName">The scope's name.</param>
/// <param name="Status">Queued, Running, Done or Failed.</param>
/// <param name="Progress">0–100.</param>
/// <param name="RequestedBy">User name, or <c>auto</c> for the monthly run.</param>
/// <param name="CreatedAtUtc">When requested.</param>
/// <param name="CompletedAtUtc">When done or failed.</param>
/// <param name="Error">Why it failed, localized.</param>
public sealed record ReportRunView(Guid Id, string Kind, string KindTitle, int Month, string RegionCode, string RegionName, ReportRunStatus Status, int Progress,
    string RequestedBy, DateTime CreatedAtUtc, DateTime? CompletedAtUtc, string? Error);
