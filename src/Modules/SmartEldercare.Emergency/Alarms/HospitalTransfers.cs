using SmartEldercare.Platform.Elders;

namespace SmartEldercare.Emergency.Alarms;

/// <summary>Alarms resolved as "sent to hospital / 120", for the health department's feed (platform contract).</summary>
public sealed class HospitalTransfers(IDbContextFactory<EldercareDbContext> dbs) : IHospitalTransfers
{
    public async Task<IReadOnlyList<HospitalTransfer>> ClosedAfterAsync(DateTime afterUtc, int take, CancellationToken ct = default)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        var rows = await db.Set<Alarm>().AsNoTracking()
            // A manual alarm is not sent on to partners with the elder's ID number on its raiser's word alone: only a
            // device's alarm, or a manual one closed by someone else than who raised it.
            .Where(a => a.Outcome == AlarmOutcome.SentToHospital && a.ElderId != null && a.ClosedAtUtc > afterUtc
                && (a.Source == AlarmSource.Device || a.RaisedById == null || a.ClosedById != a.RaisedById))
            .OrderBy(a => a.ClosedAtUtc).ThenBy(a => a.Id).Take(Math.Clamp(take, 1, 500))
            .Select(a => new { a.Id, a.ElderId, a.Type, a.RaisedAtUtc, a.ClosedAtUtc, a.RegionCode }).ToListAsync(ct);
        return rows.Select(a => new HospitalTransfer(a.Id, a.ElderId!.Value, a.Type.ToString(), a.RaisedAtUtc, a.ClosedAtUtc!.Value, a.RegionCode)).ToList();
    }
}
