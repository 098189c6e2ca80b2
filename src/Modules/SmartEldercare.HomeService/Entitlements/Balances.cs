using SmartEldercare.HomeService.Orders;
using SmartEldercare.Platform.Elders;

namespace SmartEldercare.HomeService.Entitlements;

/// <summary>An elder's month at a glance: granted, drawn by verified visits, held by open orders, what is left to book.</summary>
public sealed record BalanceView(int Month, int Granted, int SubsidyPercent, string? RuleName, int Used, int Held)
{
    public int Remaining => Math.Max(0, Granted - Used);

    /// <summary>What new orders may still take without self-pay: remaining minus what open orders will draw.</summary>
    public int Available => Math.Max(0, Granted - Used - Held);
}

/// <summary>Reads and opens the monthly balances; the grant follows the rules on the month's first day.</summary>
public static class Balances
{
    public static async Task<Grant> GrantAsync(EldercareDbContext db, Elder elder, int month, CancellationToken ct)
    {
        var rules = await db.Set<EntitlementRule>().AsNoTracking().Where(r => r.Active).ToListAsync(ct);
        return Grant.For(rules, elder.AgeOn(YearMonth.FirstDay(month)), elder.KeyGroups, elder.CareLevel);
    }

    public static async Task<BalanceView> ViewAsync(EldercareDbContext db, Elder elder, int month, CancellationToken ct, Guid? exceptOrder = null)
    {
        var stored = await db.Set<EntitlementBalance>().AsNoTracking().SingleOrDefaultAsync(b => b.ElderId == elder.Id && b.Month == month, ct);
        var grant = stored is null ? await GrantAsync(db, elder, month, ct) : new Grant(stored.GrantedUnits, stored.SubsidyPercent, stored.RuleName);
        var held = await db.Set<ServiceOrder>().AsNoTracking()
            .Where(o => o.ElderId == elder.Id && o.Month == month && o.Id != exceptOrder
                && (o.Status == OrderStatus.Requested || o.Status == OrderStatus.Dispatched || o.Status == OrderStatus.Assigned
                    || o.Status == OrderStatus.CheckedIn || o.Status == OrderStatus.CheckedOut))
            .SumAsync(o => o.Quantity, ct);
        return new BalanceView(month, grant.Units, grant.SubsidyPercent, grant.RuleName, stored?.UsedUnits ?? 0, held);
    }

    /// <summary>
    /// The month's balance row, opened (grant fixed) on the first verified visit. Committed on its own: if another
    /// verification opens it at the same moment the unique index keeps one, and both then draw from that one.
    /// </summary>
    public static async Task EnsureOpenedAsync(IDbContextFactory<EldercareDbContext> dbs, Guid elderId, int month, CancellationToken ct)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        if (await db.Set<EntitlementBalance>().AnyAsync(b => b.ElderId == elderId && b.Month == month, ct))
        {
            return;
        }

        var elder = await db.Elders.AsNoTracking().SingleAsync(e => e.Id == elderId, ct);
        var grant = await GrantAsync(db, elder, month, ct);
        db.Add(new EntitlementBalance
        {
            ElderId = elderId, Month = month, RegionCode = elder.RegionCode, GrantedUnits = grant.Units, SubsidyPercent = grant.SubsidyPercent, RuleName = grant.RuleName,
        });
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // Opened by a concurrent verification: that row is the month's balance.
        }
    }

    public static int CurrentMonth(TimeProvider clock) => YearMonth.Of(clock.Today());
}
