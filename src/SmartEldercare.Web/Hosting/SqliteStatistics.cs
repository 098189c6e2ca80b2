using Microsoft.EntityFrameworkCore;
using SmartEldercare.Platform.Persistence;

namespace SmartEldercare.Web.Hosting;

/// <summary>
/// Keeps SQLite's planner statistics fresh while the app runs. They are gathered at start-up (<c>PRAGMA optimize</c>
/// in <see cref="DatabaseSetup.MigrateAsync"/>); a table that held a handful of rows then (device events on a new
/// installation) would otherwise keep statistics that make the planner scan it rather than use its indexes, however
/// large it grows, until the next restart. <c>PRAGMA optimize</c> analyses only the tables that grew (25-fold) or were
/// never analysed, so it is cheap to run often. No-op on the server databases, which keep their own statistics.
/// </summary>
public sealed class SqliteStatistics(IDbContextFactory<EldercareDbContext> dbs)
{
    public async Task RefreshAsync(CancellationToken ct)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        if (db.Database.IsSqlite())
        {
            await db.Database.ExecuteSqlRawAsync("PRAGMA optimize=0x10002;", ct);
        }
    }
}

/// <summary>Runs <see cref="SqliteStatistics"/> every <c>Database:SqliteOptimizeEveryMinutes</c> (60) on SQLite.</summary>
internal sealed class SqliteStatisticsService(SqliteStatistics statistics, IConfiguration configuration, TimeProvider clock, ILogger<SqliteStatisticsService> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var minutes = Math.Max(1, configuration.GetValue("Database:SqliteOptimizeEveryMinutes", 60));
        using var timer = new PeriodicTimer(TimeSpan.FromMinutes(minutes), clock);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                try
                {
                    await statistics.RefreshAsync(stoppingToken);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    logger.LogWarning(ex, "Refreshing SQLite's planner statistics failed; trying again in {Minutes} min", minutes);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping.
        }
    }
}
