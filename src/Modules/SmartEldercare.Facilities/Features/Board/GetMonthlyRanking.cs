using SmartEldercare.Facilities.Complaints;
using SmartEldercare.Facilities.Inspections;

namespace SmartEldercare.Facilities.Features.Board;

public sealed record StreetRanking(string StreetCode, string StreetName, IReadOnlyList<RankingRow> Rows);

/// <summary>
/// A month's ranking of institutions within each street: the month's average inspection score (60 without one), less
/// 5 a hazard of the month not fixed by its deadline and 3 a complaint of the month.
/// </summary>
public static class GetMonthlyRanking
{
    public const int NoInspectionScore = 60;

    /// <param name="Month">yyyyMM; empty: this month.</param>
    public sealed record Query(int? Month = null) : RequiresPermission(Permissions.FacilitiesRead), IQuery<IReadOnlyList<StreetRanking>>;

    public sealed class Handler(IDbContextFactory<EldercareDbContext> dbs, FacilityAccess access, RegionDirectory regions, TimeProvider clock)
        : IQueryHandler<Query, IReadOnlyList<StreetRanking>>
    {
        public async ValueTask<IReadOnlyList<StreetRanking>> Handle(Query query, CancellationToken cancellationToken)
        {
            var ct = cancellationToken;
            var today = clock.Today();
            var month = query.Month ?? (today.Year * 100 + today.Month);
            var first = new DateOnly(Math.Clamp(month / 100, 2000, 2100), Math.Clamp(month % 100, 1, 12), 1);
            var (from, to) = (ShanghaiTime.ToUtc(first), ShanghaiTime.ToUtc(first.AddMonths(1)));
            var now = clock.UtcNow();
            var cutoff = now < to ? now : to;
            await using var db = await dbs.CreateDbContextAsync(ct);
            var orgs = await (await access.InstitutionsAsync(db, ct)).Select(o => new { o.Id, o.Name, o.RegionCode }).ToListAsync(ct);
            var inspections = await (await access.RecordsAsync<Inspection>(db, ct)).AsNoTracking().Where(i => i.InspectedAtUtc >= from && i.InspectedAtUtc < to)
                .GroupBy(i => i.OrganisationId).Select(g => new { g.Key, Count = g.Count(), Average = g.Average(i => (double)i.Score) }).ToDictionaryAsync(x => x.Key, ct);
            var hazards = await (await access.RecordsAsync<Hazard>(db, ct)).AsNoTracking().Where(h => h.RaisedAtUtc >= from && h.RaisedAtUtc < to)
                .GroupBy(h => h.OrganisationId)
                .Select(g => new { g.Key, Raised = g.Count(), Late = g.Count(h => h.DeadlineUtc < cutoff && (h.FixedAtUtc == null || h.FixedAtUtc > h.DeadlineUtc)) })
                .ToDictionaryAsync(x => x.Key, ct);
            var complaints = await (await access.RecordsAsync<Complaint>(db, ct)).AsNoTracking().Where(c => c.ReceivedAtUtc >= from && c.ReceivedAtUtc < to)
                .GroupBy(c => c.OrganisationId).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(x => x.Key, x => x.Count, ct);
            var names = await regions.AllAsync(ct);
            return [.. orgs.GroupBy(o => o.RegionCode.Length >= 9 ? o.RegionCode[..9] : o.RegionCode).OrderBy(g => g.Key, StringComparer.Ordinal).Select(street =>
            {
                var scored = street.Select(o =>
                {
                    var i = inspections.GetValueOrDefault(o.Id);
                    var h = hazards.GetValueOrDefault(o.Id);
                    var c = complaints.GetValueOrDefault(o.Id);
                    var average = i is null ? (int?)null : (int)Math.Round(i.Average, MidpointRounding.AwayFromZero);
                    var score = Math.Clamp((average ?? NoInspectionScore) - 5 * (h?.Late ?? 0) - 3 * c, 0, 100);
                    return (o.Id, o.Name, Inspections: i?.Count ?? 0, average, Raised: h?.Raised ?? 0, Late: h?.Late ?? 0, Complaints: c, Score: score);
                }).OrderByDescending(x => x.Score).ThenBy(x => x.Name, StringComparer.Ordinal).ToList();
                return new StreetRanking(street.Key, names.GetValueOrDefault(street.Key)?.Name ?? street.Key,
                    [.. scored.Select((x, index) => new RankingRow(index + 1, x.Id, x.Name, x.Inspections, x.average, x.Raised, x.Late, x.Complaints, x.Score))]);
            })];
        }
    }
}
