using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using SmartEldercare.Platform.Common;
using SmartEldercare.Platform.Identity;
using SmartEldercare.Platform.Persistence;

namespace SmartEldercare.Platform.Auditing;

public sealed record AuditRecord(string Action, string? RecordId, AuditOutcome Outcome, string? Detail = null);

public sealed record ChainVerification(bool Intact, long Entries, long? FirstBrokenSequence, string? Problem);

/// <summary>
/// Appends to and verifies the hash-chained audit trail. Appends are serialised in-process and guarded across
/// instances by the sequence's primary key: a concurrent append from another instance loses and retries.
/// </summary>
public sealed class AuditTrail(IDbContextFactory<EldercareDbContext> dbs, TimeProvider clock, ILogger<AuditTrail> logger)
{
    private static readonly SemaphoreSlim Gate = new(1, 1);

    public Task AppendAsync(ICurrentUser user, AuditRecord record, CancellationToken ct = default) =>
        AppendAsync(user.IsAuthenticated ? user.Id : null, user.IsAuthenticated ? user.UserName : "-", user.IpAddress, record, ct);

    /// <summary>For events before anyone is signed in (sign-in attempts): the name is the one that was typed.</summary>
    public async Task AppendAsync(Guid? userId, string userName, string? ipAddress, AuditRecord record, CancellationToken ct = default)
    {
        await Gate.WaitAsync(ct);
        try
        {
            for (var attempt = 1; ; attempt++)
            {
                await using var db = await dbs.CreateDbContextAsync(ct);
                var last = await db.AuditEntries.OrderByDescending(a => a.Sequence).Select(a => new { a.Sequence, a.Hash }).FirstOrDefaultAsync(ct);
                var entry = new AuditEntry
                {
                    Sequence = (last?.Sequence ?? 0) + 1,
                    AtUtc = clock.UtcNow(),
                    UserId = userId,
                    UserName = userName.Length > 256 ? userName[..256] : userName,
                    IpAddress = ipAddress,
                    Action = record.Action,
                    RecordId = record.RecordId,
                    Outcome = record.Outcome,
                    Detail = record.Detail is { Length: > 500 } d ? d[..500] : record.Detail,
                    PreviousHash = last?.Hash ?? AuditEntry.GenesisHash,
                };
                db.AuditEntries.Add(new AuditEntry
                {
                    Sequence = entry.Sequence, AtUtc = entry.AtUtc, UserId = entry.UserId, UserName = entry.UserName,
                    IpAddress = entry.IpAddress, Action = entry.Action, RecordId = entry.RecordId, Outcome = entry.Outcome,
                    Detail = entry.Detail, PreviousHash = entry.PreviousHash, Hash = entry.ComputeHash(),
                });
                try
                {
                    await db.SaveChangesAsync(ct);
                    return;
                }
                catch (DbUpdateException) when (attempt < 5)
                {
                    logger.LogInformation("Audit sequence taken by another instance; retrying");
                }
            }
        }
        finally
        {
            Gate.Release();
        }
    }

    public const int RetentionMonths = 12;

    /// <summary>
    /// Removes entries older than <paramref name="before"/> (Asia/Shanghai date); refuses anything younger than the
    /// retention period. The oldest kept entry becomes the chain's anchor, and the purge itself is recorded.
    /// </summary>
    public async Task<Result<int>> PurgeAsync(ICurrentUser user, DateOnly before, CancellationToken ct = default)
    {
        var earliestAllowed = clock.Today().AddMonths(-RetentionMonths);
        if (before > earliestAllowed)
        {
            return Result.Invalid("before", "Audit.Purge.TooYoung").As<int>();
        }

        var beforeUtc = TimeZoneInfo.ConvertTimeToUtc(before.ToDateTime(TimeOnly.MinValue), ShanghaiTime.Zone);
        int removed;
        await using (var db = await dbs.CreateDbContextAsync(ct))
        {
            removed = await db.AuditEntries.Where(a => a.AtUtc < beforeUtc).ExecuteDeleteAsync(ct);
        }

        await AppendAsync(user, new AuditRecord("Audit.Purge", null, AuditOutcome.Succeeded, $"removed {removed} entries before {before:yyyy-MM-dd}"), ct);
        return Result<int>.Ok(removed);
    }

    /// <summary>Walks the chain from its oldest kept entry (older ones may have been purged after retention).</summary>
    public async Task<ChainVerification> VerifyAsync(CancellationToken ct = default)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        string? previousHash = null;
        long? previousSequence = null;
        long count = 0;
        await foreach (var entry in db.AuditEntries.AsNoTracking().OrderBy(a => a.Sequence).AsAsyncEnumerable().WithCancellation(ct))
        {
            count++;
            if (previousSequence is { } p && entry.Sequence != p + 1)
            {
                return new ChainVerification(false, count, entry.Sequence, $"gap after {p}");
            }

            if (previousHash is not null && entry.PreviousHash != previousHash)
            {
                return new ChainVerification(false, count, entry.Sequence, "previous hash does not match");
            }

            if (entry.ComputeHash() != entry.Hash)
            {
                return new ChainVerification(false, count, entry.Sequence, "entry was altered");
            }

            previousHash = entry.Hash;
            previousSequence = entry.Sequence;
        }

        return new ChainVerification(true, count, null, null);
    }
}
