using SmartEldercare.Platform.Elders;

namespace SmartEldercare.Card.Cards;

/// <summary>
/// An elder's cards move with the elder: the new village's staff manage them and what is paid from now on is counted
/// in the new village. The ledger's past entries stay in the village where they were paid: a closed month's statement
/// does not change.
/// </summary>
internal sealed class CardsFollowTheElder : IElderRecordsFollow
{
    public Task FollowAsync(EldercareDbContext db, ElderMove move, CancellationToken ct) =>
        db.Set<ServiceCard>().Where(c => c.ElderId == move.ElderId && c.RegionCode == move.FromRegionCode)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.RegionCode, move.ToRegionCode), ct);
}
