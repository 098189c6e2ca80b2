using SmartEldercare.Platform.Privacy;

namespace SmartEldercare.Platform.Auditing;

/// <summary>
/// The key that makes the audit chain keyed: derived from the key-encryption key (<see cref="KeyRingProtection"/>),
/// which never enters the database. Without it (Development without a KEK) the chain is a plain SHA-256 chain, which
/// shows an edit only to someone who cannot rebuild the hashes.
/// </summary>
public sealed class AuditChainKey(KeyEncryptionKey? kek)
{
    public byte[]? Key { get; } = kek?.Derive("audit-chain");
}
