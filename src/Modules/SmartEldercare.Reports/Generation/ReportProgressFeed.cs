using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using SmartEldercare.Reports.Runs;

namespace SmartEldercare.Reports.Generation;

/// <summary>A run's progress as it goes, for the reports pages.</summary>
public sealed record ReportProgress(Guid RunId, string RegionCode, ReportRunStatus Status, int Percent);

/// <summary>
/// In-process progress of the runs this instance generates, for the pages of this instance whose user's scope contains the
/// run's region (the same rule as live updates). Pushed only, not stored per tick: the run's row keeps the progress per
/// section, and the pages reload it, so a page on another instance still sees the run advance and finish.
/// </summary>
public sealed class ReportProgressFeed(ILogger<ReportProgressFeed> logger)
{
    private readonly ConcurrentDictionary<Guid, (string Scope, Func<ReportProgress, Task> Callback)> subscribers = new();

    public IDisposable Subscribe(string scope, Func<ReportProgress, Task> callback)
    {
        var id = Guid.NewGuid();
        subscribers[id] = (scope, callback);
        return new Subscription(() => subscribers.TryRemove(id, out _));
    }

    public void Publish(ReportProgress progress)
    {
        foreach (var (_, (scope, callback)) in subscribers)
        {
            if (RegionScope.Contains(scope, progress.RegionCode))
            {
                _ = Deliver(callback, progress);
            }
        }
    }

    private async Task Deliver(Func<ReportProgress, Task> callback, ReportProgress progress)
    {
        try
        {
            await callback(progress);
        }
        catch (Exception ex)
        {
            logger.LogWarning(ex, "A report-progress subscriber failed");
        }
    }

    private sealed class Subscription(Action dispose) : IDisposable
    {
        public void Dispose() => dispose();
    }
}
