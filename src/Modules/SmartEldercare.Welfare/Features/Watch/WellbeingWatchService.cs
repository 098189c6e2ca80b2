using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using SmartEldercare.Welfare.Watch;

namespace SmartEldercare.Welfare.Features.Watch;

/// <summary>Raises welfare checks for the district and escalates overdue ones every <see cref="WelfareOptions.WatchEveryMinutes"/>.</summary>
public sealed class WellbeingWatchService(WellbeingWatch watch, WelfareOptions options, TimeProvider clock, ILogger<WellbeingWatchService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMinutes(Math.Max(1, options.WatchEveryMinutes)), clock);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await watch.RaiseChecksAsync(RegionCatalog.DistrictCode, stoppingToken);
                await watch.EscalateAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogWarning(ex, "The wellbeing watch failed; trying again at the next tick");
            }
        }
    }
}
