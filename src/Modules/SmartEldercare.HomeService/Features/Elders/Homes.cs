using SmartEldercare.HomeService.Orders;
using SmartEldercare.Platform.Elders;

namespace SmartEldercare.HomeService.Features.Elders;

/// <summary>An elder of the user's scope, and the home record (created on first use with a fresh QR token).</summary>
internal static class Homes
{
    public static async Task<(Elder? Elder, ElderHome? Home)> LoadAsync(EldercareDbContext db, ICurrentUser user, Guid elderId, CancellationToken ct)
    {
        var elder = await db.Elders.AsNoTracking().InScopeOf(user).SingleOrDefaultAsync(e => e.Id == elderId && e.Status == ElderStatus.Active, ct);
        if (elder is null)
        {
            return (null, null);
        }

        var home = await db.Set<ElderHome>().SingleOrDefaultAsync(h => h.ElderId == elderId, ct);
        if (home is null)
        {
            home = new ElderHome { ElderId = elderId, RegionCode = elder.RegionCode };
            db.Add(home);
        }

        home.RegionCode = elder.RegionCode;
        return (elder, home);
    }
}
