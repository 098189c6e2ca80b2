using System.Threading.Channels;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using SmartEldercare.Platform.Reporting;

namespace SmartEldercare.Reports.Generation;

/// <summary>
/// Wakes the worker when a report is requested. The queue itself is the database (runs in status Queued), so a full or
/// lost signal loses nothing: the worker also looks every few seconds, and after a restart.
/// </summary>
public sealed class ReportQueue
{
    private readonly Channel<bool> signals = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });

    public void Wake() => signals.Writer.TryWrite(true);

    /// <summary>Until woken or <paramref name="timeout"/> passes on <paramref name="clock"/>.</summary>
    public async Task WaitAsync(TimeSpan timeout, TimeProvider clock, CancellationToken ct)
    {
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var woken = signals.Reader.WaitToReadAsync(linked.Token).AsTask();
        var timer = Task.Delay(timeout, clock, linked.Token);
        await Task.WhenAny(woken, timer);
        await linked.CancelAsync();
        signals.Reader.TryRead(out _);
        ct.ThrowIfCancellationRequested();
    }
}

/// <summary>
/// Generates reports in the background, one at a time, so pages and the API never wait for one: recovers runs
/// interrupted by a stop or crash at start-up, queues last month's automatic reports on the 1st (Asia/Shanghai), and
/// generates queued runs as they come.
/// </summary>
public sealed class ReportWorker(ReportGenerator generator, ReportQueue queue, ReportsOptions options, TimeProvider clock, ILogger<ReportWorker> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Yield();
        var ensuredFor = 0;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (ensuredFor == 0)
                {
                    await generator.RecoverAsync(stoppingToken);
                }

                var month = ReportMonth.Of(clock.Today()).Number;
                if (options.AutoMonthly && ensuredFor != month)
                {
                    await generator.EnsureMonthlyRunsAsync(stoppingToken);
                }

                ensuredFor = month;
                while (await generator.RunNextAsync(stoppingToken))
                {
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                logger.LogError(ex, "Report worker round failed; retrying");
            }

            try
            {
                await queue.WaitAsync(TimeSpan.FromSeconds(options.PollSeconds), clock, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }
}
