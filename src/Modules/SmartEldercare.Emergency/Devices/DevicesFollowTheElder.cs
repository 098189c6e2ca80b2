using SmartEldercare.Platform.Elders;

namespace SmartEldercare.Emergency.Devices;

/// <summary>
/// An elder's own devices move with the elder, so the next SOS is raised in the new village and reaches its responders.
/// A device in the old village only: a facility's device stays with the facility. Alarms stay where they were raised
/// (the history of who answered what); an open one is finished by those already on it.
/// </summary>
internal sealed class DevicesFollowTheElder : IElderRecordsFollow
{
    public Task FollowAsync(EldercareDbContext db, ElderMove move, CancellationToken ct) =>
        db.Set<Device>().Where(d => d.ElderId == move.ElderId && d.RegionCode == move.FromRegionCode)
            .ExecuteUpdateAsync(s => s.SetProperty(d => d.RegionCode, move.ToRegionCode), ct);
}
