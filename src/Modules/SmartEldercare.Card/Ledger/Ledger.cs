namespace SmartEldercare.Card.Ledger;

public enum AccountKind
{
    Subsidy = 1,         // 补贴账户 of a card
    SelfPaid = 2,        // 自费账户 of a card
    DistrictFunding = 10, // the district's subsidy budget
    MerchantPayable = 11, // owed to a canteen or provider
    Cash = 12,           // top-ups received at service stations
    Expired = 13,        // subsidy returned at year end
}

public enum EntryKind
{
    Credit = 1,
    Payment = 2,
    TopUp = 3,
    Refund = 4,
    Transfer = 5,
    Expiry = 6,
}

/// <summary>
/// An account of the ledger. A card's accounts keep a <see cref="Balance"/> column, changed only by atomic (conditional)
/// updates in the transaction that writes the entry, so it always equals the sum of its lines; system accounts
/// (district, merchants, cash, expiry) take many parallel postings and have no balance column: their balance is
/// the sum of their lines.
/// </summary>
public sealed class CardAccount
{
    public Guid Id { get; init; } = Guid.CreateVersion7();

    /// <summary>Unique: <c>card:{id}:subsidy</c>, <c>merchant:{organisationId}</c>, <c>district</c>…</summary>
    public required string Key { get; init; }

    public AccountKind Kind { get; init; }

    public Guid? CardId { get; init; }

    public Guid? OrganisationId { get; init; }

    public long Balance { get; set; }

    public bool IsCardAccount => Kind is AccountKind.Subsidy or AccountKind.SelfPaid;

    public static string KeyOf(AccountKind kind, Guid? id = null) => kind switch
    {
        AccountKind.Subsidy => $"card:{id:N}:subsidy",
        AccountKind.SelfPaid => $"card:{id:N}:self",
        AccountKind.MerchantPayable => $"merchant:{id:N}",
        AccountKind.DistrictFunding => "district",
        AccountKind.Cash => "cash",
        _ => "expired",
    };
}

/// <summary>One movement of money: balanced lines (their amounts sum to zero), in fen.</summary>
public sealed class LedgerEntry : SmartEldercare.Platform.Regions.IRegionScoped
{
    public const int NoteMaxLength = 200;

    public Guid Id { get; init; } = Guid.CreateVersion7();

    public EntryKind Kind { get; init; }

    /// <summary>Unique when set: makes a retried payment, a double-tapped confirm or a second crediting run a no-op.</summary>
    public string? IdempotencyKey { get; init; }

    public Guid? CardId { get; init; }

    public Guid? ElderId { get; init; }

    /// <summary>The elder's village (scope of statements and supervision).</summary>
    public string RegionCode { get; init; } = string.Empty;

    public Guid? OrganisationId { get; init; }

    public Guid? TerminalId { get; init; }

    public Guid? RuleId { get; init; }

    /// <summary>yyyyMM of a credit.</summary>
    public int? Month { get; init; }

    public DateTime AtUtc { get; init; }

    /// <summary>The money moved (positive, fen); for a payment or refund the subsidy and self-paid parts add up to it.</summary>
    public long Amount { get; init; }

    public long SubsidyPart { get; init; }

    public long SelfPart { get; init; }

    /// <summary>For a payment: how much has been refunded so far (never more than <see cref="Amount"/>).</summary>
    public long Refunded { get; set; }

    public Guid? RefundOf { get; init; }

    public string? Note { get; init; }

    public string? By { get; init; }

    public List<LedgerLine> Lines { get; init; } = [];

    public bool IsBalanced => Lines.Count >= 2 && Lines.Sum(l => l.Amount) == 0 && Lines.All(l => l.Amount != 0);
}

public sealed class LedgerLine
{
    public Guid Id { get; init; } = Guid.CreateVersion7();

    public Guid EntryId { get; set; }

    public Guid AccountId { get; init; }

    /// <summary>Signed: the change of the account's balance.</summary>
    public long Amount { get; init; }
}
