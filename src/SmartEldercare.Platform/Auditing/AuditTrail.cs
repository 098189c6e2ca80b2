using System.Globalization;
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
/// <para>
/// With a chain key (<see cref="AuditChainKey"/>, derived from the key-encryption key kept outside the database) the
/// chain is keyed: from an <see cref="AuditEntry.KeyedAction"/> entry on, every hash is an HMAC, so a database writer
/// cannot edit, delete or reorder entries and rebuild the hashes. Its start is anchored: a chain that does not begin at
/// entry 1 must begin where a recorded purge says it does, so cutting old entries off is seen too. Its end is
/// witnessed outside the database (<see cref="AuditWitness"/>), so cutting the newest entries off is seen up to the
/// last witness.
/// </para>
/// </summary>
public sealed partial class AuditTrail(IDbContextFactory<EldercareDbContext> dbs, TimeProvider clock, AuditChainKey chainKey, AuditWitness witness, ILogger<AuditTrail> logger)
{
    public const string PurgeAction = "Audit.Purge";

    private static readonly SemaphoreSlim Gate = new(1, 1);
    private bool chainKeyed;

    public Task AppendAsync(ICurrentUser user, AuditRecord record, CancellationToken ct = default) =>
        AppendAsync(user.IsAuthenticated ? user.Id : null, user.IsAuthenticated ? user.UserName : "-", user.IpAddress, record, ct);

    /// <summary>For events before anyone is signed in (sign-in attempts): the name is the one that was typed.</summary>
    public async Task AppendAsync(Guid? userId, string userName, string? ipAddress, AuditRecord record, CancellationToken ct = default)
    {
        await Gate.WaitAsync(ct);
        try
        {
            var key = chainKey.Key;
            for (var attempt = 1; ; attempt++)
            {
                await using var db = await dbs.CreateDbContextAsync(ct);
                var last = await db.AuditEntries.OrderByDescending(a => a.Sequence).Select(a => new { a.Sequence, a.Hash }).FirstOrDefaultAsync(ct);
                if (key is not null && !chainKeyed)
                {
                    chainKeyed = await db.AuditEntries.AnyAsync(a => a.Action == AuditEntry.KeyedAction, ct);
                }

                var (sequence, previous) = (last?.Sequence ?? 0, last?.Hash ?? AuditEntry.GenesisHash);
                var now = clock.UtcNow();
                var records = key is not null && !chainKeyed
                    ? [new AuditRecord(AuditEntry.KeyedAction, null, AuditOutcome.Succeeded, "the chain is keyed from this entry on"), record]
                    : new[] { record };
                foreach (var one in records)
                {
                    var system = one.Action == AuditEntry.KeyedAction;
                    var entry = new AuditEntry
                    {
                        Sequence = ++sequence,
                        AtUtc = now,
                        UserId = system ? null : userId,
                        UserName = system ? "system" : userName.Length > 256 ? userName[..256] : userName,
                        IpAddress = system ? null : ipAddress,
                        Action = one.Action,
                        RecordId = one.RecordId,
                        Outcome = one.Outcome,
                        Detail = one.Detail is { Length: > 500 } d ? d[..500] : one.Detail,
                        PreviousHash = previous,
                    };
                    previous = entry.ComputeHash(key);
                    db.AuditEntries.Add(new AuditEntry
                    {
                        Sequence = entry.Sequence, AtUtc = entry.AtUtc, UserId = entry.UserId, UserName = entry.UserName,
                        IpAddress = entry.IpAddress, Action = entry.Action, RecordId = entry.RecordId, Outcome = entry.Outcome,
                        Detail = entry.Detail, PreviousHash = entry.PreviousHash, Hash = previous,
                    });
                }

                try
                {
                    await db.SaveChangesAsync(ct);
                    chainKeyed |= key is not null;
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

        // The purge anchors the chain's new start: the first kept entry, by sequence and hash (or this entry, if none is kept).
        string anchor;
        await using (var db = await dbs.CreateDbContextAsync(ct))
        {
            var first = await db.AuditEntries.OrderBy(a => a.Sequence).Select(a => new { a.Sequence, a.Hash }).FirstOrDefaultAsync(ct);
            anchor = first is null ? "(this entry)" : string.Create(CultureInfo.InvariantCulture, $"#{first.Sequence} {first.Hash}");
        }

        await AppendAsync(user, new AuditRecord(PurgeAction, null, AuditOutcome.Succeeded, string.Create(CultureInfo.InvariantCulture, $"removed {removed} entries before {before:yyyy-MM-dd}; chain starts at {anchor}")), ct);
        return Result<int>.Ok(removed);
    }

    /// <summary>
    /// Walks the chain from its oldest kept entry: contiguous sequence, each entry's previous hash, each hash (an HMAC
    /// from the keyed marker on), a start that is entry 1 or one a recorded purge names, and an end that reaches every
    /// head the witness saw, with the hash it saw.
    /// </summary>
    public async Task<ChainVerification> VerifyAsync(CancellationToken ct = default)
    {
        var (heads, forged) = await witness.ReadAsync(ct);
        if (forged is not null)
        {
            return new ChainVerification(false, 0, null, forged);
        }

        var witnessed = heads.GroupBy(h => h.Sequence).ToDictionary(g => g.Key, g => g.Select(h => h.Hash).ToHashSet(StringComparer.Ordinal));
        await using var db = await dbs.CreateDbContextAsync(ct);
        string? previousHash = null;
        long? previousSequence = null;
        long count = 0;
        var keyed = false;
        AuditEntry? start = null;
        var anchors = new HashSet<string>(StringComparer.Ordinal);
        await foreach (var entry in db.AuditEntries.AsNoTracking().OrderBy(a => a.Sequence).AsAsyncEnumerable().WithCancellation(ct))
        {
            count++;
            start ??= entry;
            if (previousSequence is { } p && entry.Sequence != p + 1)
            {
                return new ChainVerification(false, count, entry.Sequence, $"gap after {p}");
            }

            if (previousHash is not null && entry.PreviousHash != previousHash)
            {
                return new ChainVerification(false, count, entry.Sequence, "previous hash does not match");
            }

            if (!keyed && entry.Action == AuditEntry.KeyedAction)
            {
                if (chainKey.Key is null)
                {
                    return new ChainVerification(false, count, entry.Sequence, $"the chain is keyed from here: verify with {Privacy.KeyRingProtection.ConfigurationKey} set");
                }

                keyed = true;
            }

            if (entry.ComputeHash(keyed ? chainKey.Key : null) != entry.Hash)
            {
                return new ChainVerification(false, count, entry.Sequence, "entry was altered");
            }

            if (witnessed.TryGetValue(entry.Sequence, out var seen) && (seen.Count > 1 || !seen.Contains(entry.Hash)))
            {
                return new ChainVerification(false, count, entry.Sequence, "the entry differs from the one the witness saw");
            }

            if (entry.Action == PurgeAction && entry.Detail is { } detail && AnchorPattern().Match(detail) is { Success: true } m)
            {
                anchors.Add(m.Groups["self"].Success ? string.Create(CultureInfo.InvariantCulture, $"#{entry.Sequence} self") : m.Groups["anchor"].Value);
            }

            previousHash = entry.Hash;
            previousSequence = entry.Sequence;
        }

        if (start is not null && !(start.Sequence == 1 && start.PreviousHash == AuditEntry.GenesisHash)
            && !anchors.Contains(string.Create(CultureInfo.InvariantCulture, $"#{start.Sequence} {start.Hash}"))
            && !anchors.Contains(string.Create(CultureInfo.InvariantCulture, $"#{start.Sequence} self")))
        {
            return new ChainVerification(false, count, start.Sequence, "the chain's start is not anchored: older entries were removed without a purge");
        }

        if (heads.Count > 0 && heads.Max(h => h.Sequence) is var newest && newest > (previousSequence ?? 0))
        {
            return new ChainVerification(false, count, (previousSequence ?? 0) + 1,
                string.Create(CultureInfo.InvariantCulture, $"the chain ends at entry {previousSequence ?? 0} but the witness saw entry {newest}: the newest entries were removed"));
        }

        return new ChainVerification(true, count, null, null);
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"chain starts at (?:(?<anchor>#\d+ [0-9a-f]{64})|(?<self>\(this entry\)))")]
    private static partial System.Text.RegularExpressions.Regex AnchorPattern();
}
