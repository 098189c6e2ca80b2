using SmartEldercare.Platform.Elders;

namespace SmartEldercare.HealthLink.Partners;

/// <summary>
/// The hospital's events about an elder (admissions, discharges, check-ups) move with the elder: the new village's
/// staff follow the elder's health, and the old village no longer sees it.
/// </summary>
internal sealed class PartnerEventsFollowTheElder : IElderRecordsFollow
{
    public Task FollowAsync(EldercareDbContext db, ElderMove move, CancellationToken ct) =>
        db.Set<PartnerEvent>().Where(e => e.ElderId == move.ElderId && e.RegionCode == move.FromRegionCode)
            .ExecuteUpdateAsync(s => s.SetProperty(e => e.RegionCode, move.ToRegionCode), ct);
}
