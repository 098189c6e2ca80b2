using FluentValidation;
using SmartEldercare.Social.Activities;

namespace SmartEldercare.Social.Features.Activities;

internal static class ActivityRows
{
    public static async Task<List<ActivityRow>> RowsAsync(EldercareDbContext db, IQueryable<Activity> activities, IReadOnlyDictionary<string, Region> regions, DateTime now, CancellationToken ct)
    {
        var rows = await activities.Select(a => new
        {
            a.Id, a.Title, a.Kind, a.Track, a.RegionCode, a.VenueName, a.Capacity, a.Enrolled,
            Waiting = db.Set<Enrolment>().Count(e => e.ActivityId == a.Id && e.Status == EnrolmentStatus.Waiting),
            Next = a.Sessions.Where(s => s.EndsAtUtc >= now).OrderBy(s => s.StartsAtUtc).Select(s => (DateTime?)s.StartsAtUtc).FirstOrDefault(),
            Sessions = a.Sessions.Count,
        }).ToListAsync(ct);
        return rows.Select(a => new ActivityRow(a.Id, a.Title, a.Kind, a.Track, a.RegionCode, regions.GetValueOrDefault(a.RegionCode)?.Name ?? a.RegionCode, a.VenueName,
                a.Capacity, a.Enrolled, a.Waiting, a.Next, a.Sessions))
            .OrderBy(a => a.NextSessionUtc is null).ThenBy(a => a.NextSessionUtc).ThenBy(a => a.Title, StringComparer.Ordinal).ToList();
    }
}
