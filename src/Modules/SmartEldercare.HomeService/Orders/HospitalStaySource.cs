using SmartEldercare.Platform.Elders;

namespace SmartEldercare.HomeService.Orders;

/// <summary>The home-service module's hospital stays, published to other modules through the platform contract.</summary>
public sealed class HospitalStaySource(IDbContextFactory<EldercareDbContext> dbs) : IHospitalStays
{
    public async Task<IReadOnlyList<HospitalStayPeriod>> OverlappingAsync(IReadOnlyCollection<Guid> elderIds, DateOnly from, DateOnly to, CancellationToken ct = default)
    {
        if (elderIds.Count == 0)
        {
            return [];
        }

        await using var db = await dbs.CreateDbContextAsync(ct);
        var found = new List<HospitalStayPeriod>();
        foreach (var chunk in elderIds.Distinct().Chunk(500))
        {
            found.AddRange(await db.Set<HospitalStay>().AsNoTracking()
                .Where(h => chunk.Contains(h.ElderId) && h.From <= to && (h.To == null || h.To >= from))
                .Select(h => new HospitalStayPeriod(h.ElderId, h.From, h.To)).ToListAsync(ct));
        }

        return found;
    }

    public async Task<IReadOnlyList<HospitalStayPeriod>> DischargedAsync(string scope, DateOnly from, DateOnly to, CancellationToken ct = default)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        return await db.Set<HospitalStay>().AsNoTracking().InRegion(scope)
            .Where(h => h.To != null && h.To >= from && h.To <= to)
            .Select(h => new HospitalStayPeriod(h.ElderId, h.From, h.To)).ToListAsync(ct);
    }
}

/// <summary>Admissions and discharges the health department reports, kept as the same hospital stays staff record.</summary>
public sealed class HospitalStayRecorder(IDbContextFactory<EldercareDbContext> dbs, TimeProvider clock) : IHospitalStayRecorder
{
    public async Task<bool> AdmitAsync(Guid elderId, DateOnly from, string note, string recordedBy, CancellationToken ct = default)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        var elder = await db.Elders.AsNoTracking().Where(e => e.Id == elderId).Select(e => new { e.Id, e.RegionCode }).SingleOrDefaultAsync(ct);
        if (elder is null)
        {
            return false;
        }

        // Already in hospital on that day (an open stay, or one that covers it): nothing to add.
        if (await db.Set<HospitalStay>().AnyAsync(h => h.ElderId == elderId && h.From <= from && (h.To == null || h.To >= from), ct))
        {
            return true;
        }

        db.Add(new HospitalStay { ElderId = elderId, RegionCode = elder.RegionCode, From = from, Note = Trim(note), RecordedBy = recordedBy, RecordedAtUtc = clock.GetUtcNow().UtcDateTime });
        await db.SaveChangesAsync(ct);
        return true;
    }

    public async Task<bool> DischargeAsync(Guid elderId, DateOnly on, string note, string recordedBy, CancellationToken ct = default)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        var elder = await db.Elders.AsNoTracking().Where(e => e.Id == elderId).Select(e => new { e.Id, e.RegionCode }).SingleOrDefaultAsync(ct);
        if (elder is null)
        {
            return false;
        }

        var open = await db.Set<HospitalStay>().Where(h => h.ElderId == elderId && h.To == null && h.From <= on).OrderByDescending(h => h.From).FirstOrDefaultAsync(ct);
        if (open is not null)
        {
            open.To = on;
        }
        else if (!await db.Set<HospitalStay>().AnyAsync(h => h.ElderId == elderId && h.From <= on && h.To >= on, ct))
        {
            // The admission was never reported: record the day of discharge, so the discharge visit is planned.
            db.Add(new HospitalStay { ElderId = elderId, RegionCode = elder.RegionCode, From = on, To = on, Note = Trim(note), RecordedBy = recordedBy, RecordedAtUtc = clock.GetUtcNow().UtcDateTime });
        }

        await db.SaveChangesAsync(ct);
        return true;
    }

    private static string? Trim(string note) => string.IsNullOrWhiteSpace(note) ? null : note.Trim()[..Math.Min(note.Trim().Length, HospitalStay.NoteMaxLength)];
}

/// <summary>The elder's meal-delivery orders of a day, for the canteens' statements (platform contract).</summary>
public sealed class MealDeliveryOrders(IDbContextFactory<EldercareDbContext> dbs) : IMealDeliveryOrders
{
    public async Task<IReadOnlyList<MealDeliveryOrder>> ForElderAsync(Guid elderId, DateOnly day, CancellationToken ct = default)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        var rows = await db.Set<ServiceOrder>().AsNoTracking()
            .Where(o => o.ElderId == elderId && o.ServiceDate == day && o.Category == Catalogue.ServiceCategory.MealDelivery
                && o.Status != OrderStatus.Cancelled && o.Status != OrderStatus.Missed)
            .OrderBy(o => o.WindowStartUtc).Select(o => new { o.Id, o.ElderId, o.ServiceDate, o.Quantity, o.Status }).ToListAsync(ct);
        return rows.Select(o => new MealDeliveryOrder(o.Id, o.ElderId, o.ServiceDate, o.Quantity, o.Status.ToString())).ToList();
    }
}
