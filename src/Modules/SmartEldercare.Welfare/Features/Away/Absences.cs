using FluentValidation;
using SmartEldercare.Platform.Elders;
using SmartEldercare.Welfare.Away;

namespace SmartEldercare.Welfare.Features.Away;

/// <summary>Away periods (this module's) and hospital stays (through the platform contract), batched for many elders.</summary>
internal static class Absences
{
    /// <summary>Those of <paramref name="elderIds"/> away or in hospital on <paramref name="day"/>.</summary>
    public static async Task<HashSet<Guid>> AbsentOnAsync(EldercareDbContext db, IEnumerable<IHospitalStays> hospitals, IReadOnlyCollection<Guid> elderIds, DateOnly day, CancellationToken ct)
    {
        var absent = new HashSet<Guid>();
        if (elderIds.Count == 0)
        {
            return absent;
        }

        foreach (var chunk in elderIds.Distinct().Chunk(500))
        {
            absent.UnionWith(await db.Set<AwayPeriod>().AsNoTracking()
                .Where(a => chunk.Contains(a.ElderId) && a.From <= day && (a.To == null || a.To >= day)).Select(a => a.ElderId).ToListAsync(ct));
        }

        foreach (var hospital in hospitals)
        {
            absent.UnionWith((await hospital.OverlappingAsync(elderIds, day, day, ct)).Select(h => h.ElderId));
        }

        return absent;
    }
}
