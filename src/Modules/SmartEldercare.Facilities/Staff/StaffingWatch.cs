using SmartEldercare.Facilities.Beds;

namespace SmartEldercare.Facilities.Staff;

/// <summary>Today's day and night shifts of institutions against the carers their residents need: grouped queries, no per-institution round trip.</summary>
public sealed class StaffingWatch(IDbContextFactory<EldercareDbContext> dbs, ILiveUpdates live, TimeProvider clock)
{
    public static async Task<IReadOnlyDictionary<int, int>> RatiosAsync(EldercareDbContext db, CancellationToken ct)
    {
        var stored = await db.Set<CareRatio>().AsNoTracking().ToDictionaryAsync(r => r.CareLevel, r => r.ResidentsPerCarer, ct);
        return CareRatio.Defaults.ToDictionary(d => d.Key, d => stored.GetValueOrDefault(d.Key, d.Value));
    }

    /// <summary>Per institution: the day and the night shift of <paramref name="day"/>.</summary>
    /// <param name="db">An open context.</param>
    /// <param name="organisationIds">The institutions.</param>
    /// <param name="day">The Shanghai calendar day.</param>
    /// <param name="ct">Cancellation.</param>
    public static async Task<IReadOnlyDictionary<Guid, IReadOnlyList<ShiftStaffing>>> ForAsync(EldercareDbContext db, IReadOnlyCollection<Guid> organisationIds, DateOnly day, CancellationToken ct)
    {
        var ids = organisationIds.ToList();
        var ratios = await RatiosAsync(db, ct);
        // Residents present (not on leave, not in hospital) are the ones the shift cares for.
        var residents = await db.Set<Bed>().AsNoTracking()
            .Where(b => ids.Contains(b.OrganisationId) && b.State == BedState.Occupied && b.CareLevel != null)
            .GroupBy(b => new { b.OrganisationId, b.CareLevel })
            .Select(g => new { g.Key.OrganisationId, g.Key.CareLevel, Count = g.Count() })
            .ToListAsync(ct);
        var carers = await (from s in db.Set<Shift>().AsNoTracking()
                            join m in db.Set<StaffMember>().AsNoTracking() on s.StaffId equals m.Id
                            where ids.Contains(s.OrganisationId) && s.Date == day && m.Role == StaffRole.Carer && m.Active
                            group s by new { s.OrganisationId, s.Kind } into g
                            select new { g.Key.OrganisationId, g.Key.Kind, Count = g.Count() }).ToListAsync(ct);
        return ids.ToDictionary(id => id, id =>
        {
            var required = Staffing.RequiredCarers(residents.Where(r => r.OrganisationId == id).ToDictionary(r => r.CareLevel!.Value, r => r.Count), ratios);
            return (IReadOnlyList<ShiftStaffing>)[.. Enum.GetValues<ShiftKind>().Select(k => new ShiftStaffing(k, carers.Where(c => c.OrganisationId == id && c.Kind == k).Sum(c => c.Count), required))];
        });
    }

    /// <summary>After a change to residents or shifts: a live warning when a shift of today is now below the ratio, else a plain refresh.</summary>
    public async Task PublishIfBelowAsync(Guid organisationId, string regionCode, CancellationToken ct)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        var shifts = (await ForAsync(db, [organisationId], clock.Today(), ct))[organisationId];
        await live.PublishAsync(FacilityLive.Update(regionCode, organisationId, shifts.Any(s => s.BelowRatio) ? "staffing.below" : "staffing", clock.UtcNow()), ct);
    }
}
