
namespace SmartEldercare.Card.Features.Statements;

/// <summary>A merchant's month: what cards paid it, what was refunded, what the district owes it (all in fen, summed, never rounded).</summary>
public sealed record MerchantSettlement(Guid OrganisationId, string Merchant, int Payments, long Amount, long SubsidyPart, long SelfPart, int Refunds, long Refunded,
    long RefundedSubsidy, long RefundedSelf)
{
    public long Payable => Amount - Refunded;

    public long SubsidyPayable => SubsidyPart - RefundedSubsidy;

    public long SelfPayable => SelfPart - RefundedSelf;
}
