using FluentValidation;
using SmartEldercare.Social.Charities;

namespace SmartEldercare.Social.Features.Charities;

internal static class CharityRows
{
    public static async Task<List<CharityRow>> RowsAsync(EldercareDbContext db, IQueryable<Charity> charities, IReadOnlyDictionary<string, Region> regions, CancellationToken ct)
    {
        var rows = await charities.OrderBy(c => c.Name).ToListAsync(ct);
        var ids = rows.Select(c => c.Id).ToList();
        var stats = await db.Set<CharityActivity>().AsNoTracking().Where(a => ids.Contains(a.CharityId))
            .GroupBy(a => a.CharityId).Select(g => new { Id = g.Key, Count = g.Count(), People = g.Sum(a => a.Beneficiaries), Last = g.Max(a => a.Date) }).ToListAsync(ct);
        return [.. rows.Select(c =>
        {
            var s = stats.FirstOrDefault(x => x.Id == c.Id);
            return new CharityRow(c.Id, c.Name, c.RegionCode, regions.GetValueOrDefault(c.RegionCode)?.Name ?? c.RegionCode, c.Offers, c.ContactName, Masking.Phone(c.ContactPhone),
                s?.Count ?? 0, s?.People ?? 0, s?.Last);
        })];
    }
}
