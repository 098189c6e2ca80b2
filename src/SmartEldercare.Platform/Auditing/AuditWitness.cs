using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using SmartEldercare.Platform.Persistence;

namespace SmartEldercare.Platform.Auditing;

/// <summary>One head of the chain seen by the witness: entry <paramref name="Sequence"/> had <paramref name="Hash"/>.</summary>
public sealed record WitnessedHead(long Sequence, string Hash, DateTime AtUtc);

/// <summary>
/// Witnesses the audit chain's head outside the database, so deleting the newest entries is seen too: every
/// <c>Audit:WitnessSeconds</c> (default 60) the newest entry's sequence and hash are appended to a file the database
/// cannot reach (<c>Audit:WitnessFile</c>, absolute or under the content root; unset, nothing is witnessed and a
/// warning says so at start) and written to the log. A line is sealed with the chain key, so it cannot be forged without the key-encryption key.
/// <see cref="AuditTrail.VerifyAsync"/> then requires the chain to reach every witnessed head with the same hash.
/// What was appended after the last witness (at most one interval) is protected by the chain alone.
/// </summary>
public sealed class AuditWitness(IDbContextFactory<EldercareDbContext> dbs, AuditChainKey chainKey, string? filePath, TimeProvider clock,
    ILogger<AuditWitness> logger, int intervalSeconds = 60) : BackgroundService
{
    public const string FileKey = "Audit:WitnessFile";
    public const string IntervalKey = "Audit:WitnessSeconds";

    private static readonly SemaphoreSlim Gate = new(1, 1);
    private long lastWitnessed = -1;

    /// <summary>The witness file, or null when witnessing is off.</summary>
    public string? FilePath { get; } = filePath;

    /// <summary><c>Audit:WitnessFile</c> under the content root (an absolute path wins); null when unset.</summary>
    public static string? PathFrom(IConfiguration configuration, string contentRoot) =>
        string.IsNullOrWhiteSpace(configuration[FileKey]) ? null : Path.Combine(contentRoot, configuration[FileKey]!);

    /// <summary>Appends the chain's current head when it moved since the last witness; returns it (null when off or empty).</summary>
    public async Task<WitnessedHead?> WitnessAsync(CancellationToken ct = default)
    {
        if (FilePath is not { } path)
        {
            return null;
        }

        await using var db = await dbs.CreateDbContextAsync(ct);
        var head = await db.AuditEntries.OrderByDescending(a => a.Sequence).Select(a => new { a.Sequence, a.Hash }).FirstOrDefaultAsync(ct);
        if (head is null || head.Sequence == lastWitnessed)
        {
            return null;
        }

        var witnessed = new WitnessedHead(head.Sequence, head.Hash, clock.GetUtcNow().UtcDateTime);
        var body = Body(witnessed);
        await Gate.WaitAsync(ct);
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            await File.AppendAllTextAsync(path, $"{body} {Seal(body)}\n", ct);
        }
        finally
        {
            Gate.Release();
        }

        lastWitnessed = head.Sequence;
        logger.LogInformation("Audit chain head witnessed: entry {Sequence} {Hash}", head.Sequence, head.Hash);
        return witnessed;
    }

    /// <summary>The witnessed heads in the file, oldest first; a line that is not sealed with the chain key is an error.</summary>
    public async Task<(IReadOnlyList<WitnessedHead> Heads, string? Problem)> ReadAsync(CancellationToken ct = default)
    {
        if (FilePath is not { } path || !File.Exists(path))
        {
            return ([], null);
        }

        var heads = new List<WitnessedHead>();
        var number = 0;
        foreach (var line in await File.ReadAllLinesAsync(path, ct))
        {
            number++;
            var parts = line.Split(' ');
            if (line.Length == 0)
            {
                continue;
            }

            if (parts.Length != 4 || !long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var sequence)
                || !DateTime.TryParseExact(parts[2], "O", CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var at)
                || parts[3] != Seal(string.Join(' ', parts[..3])))
            {
                return (heads, string.Create(CultureInfo.InvariantCulture, $"line {number} of the witness file is not one the application wrote"));
            }

            heads.Add(new WitnessedHead(sequence, parts[1], at));
        }

        return (heads, null);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (FilePath is null)
        {
            logger.LogWarning("{Key} is not set: deleting the newest audit entries would not be detected", FileKey);
            return;
        }

        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(Math.Max(1, intervalSeconds)), clock);
        do
        {
            try
            {
                await WitnessAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // The next tick tries again; the chain itself is unaffected.
                logger.LogWarning(e, "Could not witness the audit chain's head");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    private static string Body(WitnessedHead head) =>
        string.Create(CultureInfo.InvariantCulture, $"{head.Sequence} {head.Hash} {head.AtUtc:O}");

    private string Seal(string body)
    {
        var bytes = Encoding.UTF8.GetBytes("audit-witness|" + body);
        return Convert.ToHexStringLower(chainKey.Key is { } key ? HMACSHA256.HashData(key, bytes) : SHA256.HashData(bytes));
    }
}
