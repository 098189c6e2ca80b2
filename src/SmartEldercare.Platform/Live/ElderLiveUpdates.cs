using SmartEldercare.Platform.Common;
using SmartEldercare.Platform.Elders;
using SmartEldercare.Platform.Persistence;

namespace SmartEldercare.Platform.Live;

/// <summary>
/// The elder registry's changes for the consoles, with their counter deltas: staged in the registry command's own
/// context (so each feed row commits with the change it reports, or not at all) and pushed after the commit.
/// </summary>
public static class ElderLiveUpdates
{
    /// <summary>Stages the feed rows of a change from <paramref name="before"/> to <paramref name="after"/> in <paramref name="db"/>.</summary>
    public static IReadOnlyList<LiveUpdate> Stage(EldercareDbContext db, Guid elderId, string topic, ElderFigures? before, ElderFigures after, TimeProvider clock)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var updates = new List<LiveUpdate>();
        foreach (var (region, deltas) in ElderCounters.Between(before, after, clock.Today()))
        {
            // An elder who moved leaves one village (its consoles see "moved away") and enters another.
            var here = region == after.RegionCode ? topic : "elder.left";
            var update = new LiveUpdate(LiveUpdate.NewId(), region, here, elderId.ToString(), now, deltas);
            LiveEvent.Stage(db, update);
            updates.Add(update);
        }

        return updates;
    }
}
