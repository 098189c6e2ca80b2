using FluentValidation;
using SmartEldercare.Platform.Elders;
using SmartEldercare.Welfare.Features.Away;
using SmartEldercare.Welfare.Visits;

namespace SmartEldercare.Welfare.Features.Visits;

internal static class VisitViews
{
    public static VisitView Of(Visit v, IReadOnlyDictionary<string, Region> regions) => new(
        v.Id, v.ElderId, v.ElderName, v.RegionCode, regions.GetValueOrDefault(v.RegionCode)?.Name ?? v.RegionCode, v.Tier, v.Reason, v.DueDate, v.AssignedToName,
        v.Status, v.VisitedOn, v.Mode, v.Health, v.Mood, v.HomeSafety, v.Needs, v.FollowUps, v.Notes, v.RecordedBy);

    /// <summary>Planned visits of the scope due before today whose elder is not away or in hospital today (those warnings are suppressed).</summary>
    public static async Task<List<Visit>> OverdueAsync(EldercareDbContext db, ICurrentUser user, IEnumerable<IHospitalStays> hospitals, DateOnly today, CancellationToken ct)
    {
        var overdue = await Overdue(db, user, today).ToListAsync(ct);
        var absent = await Absences.AbsentOnAsync(db, hospitals, [.. overdue.Select(v => v.ElderId)], today, ct);
        return [.. overdue.Where(v => !absent.Contains(v.ElderId))];
    }

    /// <summary>The scope's planned visits past their due date, oldest first (before leaving out the elders away in hospital).</summary>
    public static IQueryable<Visit> Overdue(EldercareDbContext db, ICurrentUser user, DateOnly today) =>
        db.Set<Visit>().AsNoTracking().InScopeOf(user).Where(v => v.Status == VisitStatus.Planned && v.DueDate < today)
            .OrderBy(v => v.DueDate).ThenBy(v => v.Id).Take(5000);
}
