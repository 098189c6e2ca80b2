using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using SmartEldercare.Platform.Dashboard;

namespace SmartEldercare.Dashboard.Features;

/// <summary>
/// Reads the closed months of the 12-month trends of the district and of its streets into the
/// <see cref="DashboardTrendCache"/> once the application has started, in the background, one read at a time. Without
/// it the first dashboard opened after a restart (the centre's operators, each morning after a deployment) waited for
/// all of them — seconds at a million alarms. Requests that come first read what they need themselves, as before.
/// </summary>
public sealed class DashboardWarmUp(IEnumerable<IDashboardSource> sources, DashboardTrendCache trends, RegionDirectory regions, TimeProvider clock,
    ILogger<DashboardWarmUp> logger)
{
    private readonly TaskCompletionSource<int> done = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes with the number of months read once a warm-up has ended (also when it failed: then with -1); never
    /// while none runs (<c>Dashboard:WarmUpAtStart</c> false).</summary>
    public Task<int> Completed => done.Task;

    /// <summary>The district first (what the centre opens), then its streets (one click down).</summary>
    public async Task<int> RunAsync(CancellationToken ct)
    {
        var read = 0;
        try
        {
            var all = await regions.AllAsync(ct);
            var scopes = all.Values.Where(r => r.Level == RegionLevel.District)
                .Concat(all.Values.Where(r => r.Level == RegionLevel.Street).OrderBy(r => r.SortOrder).ThenBy(r => r.Code, StringComparer.Ordinal))
                .Select(r => r.Code).ToList();
            var current = DashboardPeriod.At(clock).Month;
            var closed = DashboardPeriod.MonthsEndingWith(current, GetDashboard.TrendMonths).Where(m => m != current).ToList();
            foreach (var scope in scopes)
            {
                foreach (var source in sources)
                {
                    foreach (var month in closed)
                    {
                        await trends.MonthAsync(source, scope, month, current, ct);
                        read++;
                    }
                }
            }

            logger.LogInformation("Dashboard trends warmed up: {Months} closed months of {Regions} regions", read, scopes.Count);
            done.TrySetResult(read);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Not fatal: a dashboard reads what is missing when it is opened.
            logger.LogWarning(ex, "Warming up the dashboard trends failed after {Months} months", read);
            done.TrySetResult(-1);
        }
        catch (OperationCanceledException)
        {
            done.TrySetCanceled(ct);
            throw;
        }

        return read;
    }
}

/// <summary>Runs <see cref="DashboardWarmUp"/> once the application has started (<c>Dashboard:WarmUpAtStart</c>, default true).</summary>
public sealed class DashboardWarmUpService(DashboardWarmUp warmUp, IHostApplicationLifetime lifetime, IConfiguration configuration) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!configuration.GetValue(DashboardModule.WarmUpSetting, true))
        {
            return;
        }

        // After start-up (migrations, seeding) and without delaying it.
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using (lifetime.ApplicationStarted.Register(() => started.TrySetResult()))
        await using (stoppingToken.Register(() => started.TrySetCanceled(stoppingToken)))
        {
            await started.Task;
        }

        await warmUp.RunAsync(stoppingToken);
    }
}
