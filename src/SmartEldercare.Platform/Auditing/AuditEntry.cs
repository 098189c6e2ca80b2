using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace SmartEldercare.Platform.Auditing;

public enum AuditOutcome
{
    Succeeded = 0,
    Refused = 1,
    Failed = 2,
}

/// <summary>
/// One line of the append-only audit trail: who did what to which record, from where, with what outcome.
/// Each entry's hash covers its fields and the previous entry's hash, so editing, deleting or reordering
/// any entry breaks the chain from there on.
/// </summary>
public sealed class AuditEntry
{
    public const string GenesisHash = "0000000000000000000000000000000000000000000000000000000000000000";

    public long Sequence { get; init; }

    public DateTime AtUtc { get; init; }

    public Guid? UserId { get; init; }

    public string UserName { get; init; } = string.Empty;

    public string? IpAddress { get; init; }

    public string Action { get; init; } = string.Empty;

    public string? RecordId { get; init; }

    public AuditOutcome Outcome { get; init; }

    public string? Detail { get; init; }

    public string PreviousHash { get; init; } = GenesisHash;

    public string Hash { get; init; } = string.Empty;

    /// <summary>The action of the entry from which the chain is keyed: it and every later entry are HMACs (see <see cref="ComputeHash"/>).</summary>
    public const string KeyedAction = "Audit.Keyed";

    /// <summary>
    /// SHA-256 of the canonical fields (an unkeyed chain), or HMAC-SHA256 with the chain key (a keyed chain, which nobody
    /// without the key can rebuild after an edit, even with write access to the database).
    /// </summary>
    public string ComputeHash(byte[]? key = null)
    {
        var canonical = string.Join('\u001f',
            PreviousHash,
            Sequence.ToString(CultureInfo.InvariantCulture),
            AtUtc.Ticks.ToString(CultureInfo.InvariantCulture),
            UserId?.ToString("N") ?? string.Empty,
            UserName,
            IpAddress ?? string.Empty,
            Action,
            RecordId ?? string.Empty,
            ((int)Outcome).ToString(CultureInfo.InvariantCulture),
            Detail ?? string.Empty);
        var bytes = Encoding.UTF8.GetBytes(canonical);
        return Convert.ToHexStringLower(key is null ? SHA256.HashData(bytes) : HMACSHA256.HashData(key, bytes));
    }
}
