using SmartEldercare.Platform.Elders;
using SmartEldercare.Welfare.Away;
using SmartEldercare.Welfare.Watch;

namespace SmartEldercare.Welfare.Visits;

/// <summary>
/// An elder's planned visits, open wellbeing checks, watch thresholds and away periods move with the elder: the new
/// village's staff make the next visit. Done visits and closed checks stay with the village that did them. Allowance
/// lists of past months are not touched; the next list is drawn up where the elder lives then.
/// </summary>
internal sealed class WelfareFollowsTheElder : IElderRecordsFollow
{
    public async Task FollowAsync(EldercareDbContext db, ElderMove move, CancellationToken ct)
    {
        var (id, from, to) = (move.ElderId, move.FromRegionCode, move.ToRegionCode);
        await db.Set<Visit>().Where(v => v.ElderId == id && v.RegionCode == from && v.Status == VisitStatus.Planned)
            .ExecuteUpdateAsync(s => s.SetProperty(v => v.RegionCode, to), ct);
        await db.Set<WelfareCheck>().Where(c => c.ElderId == id && c.RegionCode == from && c.Status == CheckStatus.Open)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.RegionCode, to), ct);
        await db.Set<WatchThreshold>().Where(t => t.ElderId == id && t.RegionCode == from).ExecuteUpdateAsync(s => s.SetProperty(t => t.RegionCode, to), ct);
        await db.Set<AwayPeriod>().Where(a => a.ElderId == id && a.RegionCode == from).ExecuteUpdateAsync(s => s.SetProperty(a => a.RegionCode, to), ct);
    }
}
