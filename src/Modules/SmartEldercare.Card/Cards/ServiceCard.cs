using System.Security.Cryptography;
using System.Text;
using SmartEldercare.Platform.Elders;

namespace SmartEldercare.Card.Cards;

public enum CardStatus
{
    Active = 0,
    ReportedLost = 1,
    Replaced = 2,
    Cancelled = 3,
}

/// <summary>An eldercare service card (助老卡) of an elder, with its subsidy and self-paid accounts.</summary>
public sealed class ServiceCard : IRegionScoped
{
    public const int UidMaxLength = 32;
    public const int ReasonMaxLength = 200;

    public Guid Id { get; init; } = Guid.CreateVersion7();

    /// <summary>16 digits, the last a Luhn check digit.</summary>
    public required string Number { get; init; }

    /// <summary>An NFC or magnetic-stripe UID, when the card has one.</summary>
    public string? Uid { get; set; }

    public Guid ElderId { get; init; }

    public string ElderName { get; set; } = string.Empty;

    public string IdNumberTail { get; set; } = string.Empty;

    public required string RegionCode { get; set; }

    public CardStatus Status { get; set; }

    public Guid SubsidyAccountId { get; init; }

    public Guid SelfAccountId { get; init; }

    public Guid? ReplacedByCardId { get; set; }

    public Guid? ReplacesCardId { get; init; }

    public string? StatusReason { get; set; }

    public DateTime IssuedAtUtc { get; init; }

    public string IssuedBy { get; init; } = string.Empty;

    public DateTime? StatusChangedAtUtc { get; set; }

    public int Version { get; set; }

    /// <summary>Blocked cards (lost, replaced, cancelled) never pay.</summary>
    public bool CanPay => Status == CardStatus.Active;

    /// <summary>The cards an elder may still use or recover (one at a time).</summary>
    public bool IsCurrent => Status is CardStatus.Active or CardStatus.ReportedLost;
}

/// <summary>Card numbers: 16 digits — "86" and 13 digits drawn from a seed, then the Luhn check digit.</summary>
public static class CardNumber
{
    public const int Length = 16;

    public static string From(Guid seed)
    {
        var hash = SHA256.HashData(seed.ToByteArray());
        var body = new StringBuilder("86", Length);
        for (var i = 0; body.Length < Length - 1; i++)
        {
            body.Append((char)('0' + (hash[i] % 10)));
        }

        return body.Append(CheckDigit(body.ToString())).ToString();
    }

    public static string New() => From(Guid.NewGuid());

    public static char CheckDigit(string digits)
    {
        var sum = 0;
        for (var i = 0; i < digits.Length; i++)
        {
            var d = digits[digits.Length - 1 - i] - '0';
            if (i % 2 == 0)
            {
                d *= 2;
                if (d > 9)
                {
                    d -= 9;
                }
            }

            sum += d;
        }

        return (char)('0' + ((10 - (sum % 10)) % 10));
    }

    /// <summary>Spaces and dashes are ignored; the rest must be 16 digits with a valid check digit.</summary>
    public static string? Normalize(string? input)
    {
        if (string.IsNullOrWhiteSpace(input))
        {
            return null;
        }

        var digits = new string(input.Where(c => c is not (' ' or '-')).ToArray());
        return digits.Length == Length && digits.All(char.IsAsciiDigit) && CheckDigit(digits[..^1]) == digits[^1] ? digits : null;
    }

    public static string Grouped(string number) => string.Join(' ', Enumerable.Range(0, (number.Length + 3) / 4).Select(i => number.Substring(i * 4, Math.Min(4, number.Length - (i * 4)))));
}

/// <summary>A third-party payment terminal of a canteen or provider, authenticated with its own key (stored hashed).</summary>
public sealed class Terminal : IRegionScoped
{
    public const int CodeMaxLength = 40;

    public Guid Id { get; init; } = Guid.CreateVersion7();

    public required string Code { get; init; }

    public string Name { get; set; } = string.Empty;

    public Guid OrganisationId { get; init; }

    public string OrganisationName { get; set; } = string.Empty;

    public required string RegionCode { get; init; }

    /// <summary>Lowercase hex SHA-256 of the key.</summary>
    public string KeyHash { get; set; } = string.Empty;

    public bool Enabled { get; set; } = true;

    public DateTime CreatedAtUtc { get; init; }

    public static string Hash(string key) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));

    public bool Accepts(string? key) =>
        Enabled && !string.IsNullOrEmpty(key)
        && CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(KeyHash), Encoding.ASCII.GetBytes(Hash(key)));
}

public enum CreditPurpose
{
    Meals = 1,       // 助餐补贴
    HomeService = 2, // 居家助老服务包
    General = 3,
}

/// <summary>A monthly subsidy credited to the subsidy account of every active card whose elder matches.</summary>
public sealed class CreditRule
{
    public const int NameMaxLength = 60;

    public Guid Id { get; init; } = Guid.CreateVersion7();

    public required string Name { get; set; }

    public CreditPurpose Purpose { get; set; }

    public int MinAge { get; set; } = 60;

    public int? MaxAge { get; set; }

    /// <summary>Any of these key groups (None: no condition).</summary>
    public KeyGroups KeyGroups { get; set; }

    public int MinCareLevel { get; set; }

    public long MonthlyAmount { get; set; }

    /// <summary>What is left of the year's credits at year end returns to the district.</summary>
    public bool ExpiresAtYearEnd { get; set; }

    public bool Enabled { get; set; } = true;

    public bool Matches(int age, KeyGroups groups, int careLevel) =>
        Enabled && age >= MinAge && (MaxAge is null || age <= MaxAge)
        && (KeyGroups == KeyGroups.None || (groups & KeyGroups) != 0)
        && careLevel >= MinCareLevel;
}
