using System.Security.Cryptography;
using System.Text;

namespace SmartEldercare.HealthLink.Partners;

/// <summary>
/// A partner system of the health department (卫健) with its own credentials: a public client id and a secret that is
/// shown once (at creation or rotation) and stored only as a SHA-256 hash.
/// </summary>
public sealed class PartnerClient
{
    public const int ClientIdMaxLength = 40;
    public const int NameMaxLength = 60;

    public Guid Id { get; init; } = Guid.CreateVersion7();

    public required string ClientId { get; init; }

    public required string Name { get; set; }

    public string SecretHash { get; private set; } = string.Empty;

    public bool Enabled { get; set; } = true;

    /// <summary>What the partner may do (least privilege: a hospital's admissions feed need not read transfers).</summary>
    public PartnerCapabilities Capabilities { get; set; }

    /// <summary>The region whose elders the partner's events may match and whose transfers it may read; null: the whole district.</summary>
    public string? RegionCode { get; set; }

    public DateTime CreatedAtUtc { get; init; }

    public DateTime? RotatedAtUtc { get; private set; }

    public int Version { get; set; }

    /// <summary>A new random secret (returned once; only its hash is kept).</summary>
    public string NewSecret(DateTime utcNow)
    {
        var secret = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        SetSecret(secret);
        RotatedAtUtc = utcNow;
        return secret;
    }

    /// <summary>Demo data only: a known secret.</summary>
    internal void SetSecret(string secret) => SecretHash = Hash(secret);

    public bool Verifies(string secret) =>
        CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Hash(secret)), Encoding.ASCII.GetBytes(SecretHash));

    private static string Hash(string secret) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));
}

/// <summary>What a partner client is granted, one flag per event type it may post and per feed it may read.</summary>
[Flags]
public enum PartnerCapabilities
{
    None = 0,
    PostAdmissions = 1,
    PostDischarges = 2,
    PostDeaths = 4,
    PostContracts = 8,
    ReadTransfers = 16,
    All = PostAdmissions | PostDischarges | PostDeaths | PostContracts | ReadTransfers,
}

public enum PartnerEventType
{
    Admission,
    Discharge,
    Death,
    FamilyDoctorContract,
}

public enum PartnerEventStatus
{
    /// <summary>Matched and applied (a hospital stay opened or ended, a contract recorded).</summary>
    Applied,

    /// <summary>No elder with that ID number: kept for review, never guessed.</summary>
    Unmatched,

    /// <summary>A death report waiting for village staff to confirm it.</summary>
    AwaitingConfirmation,

    Confirmed,
    Rejected,

    /// <summary>An unmatched event reviewed and closed.</summary>
    Dismissed,
}

/// <summary>
/// One event a partner posted, kept once per (client, event id): a replay answers this record. The elder is matched by
/// the keyed hash of the ID number; the plain number is never stored here (only its last four characters, for review).
/// </summary>
public sealed class PartnerEvent : IRegionScoped
{
    public const int EventIdMaxLength = 64;
    public const int FacilityMaxLength = 100;
    public const int DoctorMaxLength = 50;
    public const int NoteMaxLength = 200;

    public Guid Id { get; init; } = Guid.CreateVersion7();

    public required string ClientId { get; init; }

    public required string EventId { get; init; }

    public PartnerEventType Type { get; init; }

    public required string IdNumberHash { get; init; }

    public required string IdNumberTail { get; init; }

    public Guid? ElderId { get; init; }

    /// <summary>The matched elder's village; empty when unmatched (only the district's reviewers see those).</summary>
    public string RegionCode { get; init; } = string.Empty;

    public DateOnly OccurredOn { get; init; }

    public string? Facility { get; init; }

    public string? Doctor { get; init; }

    public DateOnly? EndsOn { get; init; }

    public string? Note { get; init; }

    public PartnerEventStatus Status { get; set; }

    public DateTime ReceivedAtUtc { get; init; }

    public string? ReviewedBy { get; set; }

    public DateTime? ReviewedAtUtc { get; set; }

    public string? ReviewNote { get; set; }

    public int Version { get; set; }
}
