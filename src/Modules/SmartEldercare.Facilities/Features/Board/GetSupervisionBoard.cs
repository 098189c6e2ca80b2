using SmartEldercare.Facilities.Beds;
using SmartEldercare.Facilities.Complaints;
using SmartEldercare.Facilities.Inspections;
using SmartEldercare.Facilities.Institutions;
using SmartEldercare.Facilities.Staff;
using SmartEldercare.Facilities.Supervision;
using SmartEldercare.Platform.Organisations;

namespace SmartEldercare.Facilities.Features.Board;

public enum BoardSort
{
    Risk,
    Name,
    Occupancy,
    OverdueHazards,
    InspectionScore,
}

public sealed record SupervisionBoard(PagedResult<BoardRow> Page, int Institutions, int NeedAttention, int OverdueHazards, int LicenceProblems, int StaffingBelow,
    IReadOnlyList<StreetOption> Streets);

/// <summary>
/// Every institution in the caller's scope with its figures and risk score, filtered, sorted and paged on the server.
/// Each figure is one grouped query over the scope (hundreds of institutions, no query per institution).
/// </summary>
public static class GetSupervisionBoard
{
    public const int AttentionFrom = 30;

    public sealed record Query(string? Street = null, string? Search = null, BoardSort Sort = BoardSort.Risk, bool AttentionOnly = false, int Page = 1, int PageSize = 50)
        : IQuery<SupervisionBoard>, IRequirePermission
    {
        public string Permission => Permissions.FacilitiesRead;
    }

    public sealed class Handler(IDbContextFactory<EldercareDbContext> dbs, FacilityAccess access, IFacilityAlarmCounts alarms, RegionDirectory regions, TimeProvider clock)
        : IQueryHandler<Query, SupervisionBoard>
    {
        public async ValueTask<SupervisionBoard> Handle(Query query, CancellationToken cancellationToken)
        {
            var ct = cancellationToken;
            await using var db = await dbs.CreateDbContextAsync(ct);
            var rows = await BuildAsync(db, access, alarms, regions, clock, ct);
            var streets = rows.Select(r => new StreetOption(r.StreetCode, r.StreetName)).DistinctBy(s => s.Code).OrderBy(s => s.Code, StringComparer.Ordinal).ToList();
            IEnumerable<BoardRow> filtered = rows;
            if (!string.IsNullOrWhiteSpace(query.Street))
            {
                filtered = filtered.Where(r => r.StreetCode == query.Street);
            }

            if (!string.IsNullOrWhiteSpace(query.Search))
            {
                filtered = filtered.Where(r => r.Name.Contains(query.Search.Trim(), StringComparison.OrdinalIgnoreCase));
            }

            if (query.AttentionOnly)
            {
                filtered = filtered.Where(r => r.Risk >= AttentionFrom);
            }

            var list = filtered.ToList();
            IEnumerable<BoardRow> sorted = query.Sort switch
            {
                BoardSort.Name => list.OrderBy(r => r.Name, StringComparer.Ordinal),
                BoardSort.Occupancy => list.OrderByDescending(r => r.Occupancy.Percent),
                BoardSort.OverdueHazards => list.OrderByDescending(r => r.OverdueHazards).ThenByDescending(r => r.Risk),
                BoardSort.InspectionScore => list.OrderBy(r => r.LastInspectionScore ?? -1),
                _ => list.OrderByDescending(r => r.Risk).ThenBy(r => r.Name, StringComparer.Ordinal),
            };
            var pageSize = Math.Clamp(query.PageSize, 1, 200);
            var page = Math.Max(1, query.Page);
            var items = sorted.Skip((page - 1) * pageSize).Take(pageSize).ToList();
            return new SupervisionBoard(new PagedResult<BoardRow>(items, list.Count, page, pageSize), rows.Count, rows.Count(r => r.Risk >= AttentionFrom),
                rows.Sum(r => r.OverdueHazards), rows.Count(r => r.Licence is not LicenceStatus.Valid), rows.Count(r => r.StaffingBelow), streets);
        }
    }

    internal static async Task<List<BoardRow>> BuildAsync(EldercareDbContext db, FacilityAccess access, IFacilityAlarmCounts alarms, RegionDirectory regions, TimeProvider clock, CancellationToken ct)
    {
        var now = clock.UtcNow();
        var today = clock.Today();
        var orgs = await (await access.InstitutionsAsync(db, ct)).Select(o => new { o.Id, o.Name, o.Type, o.RegionCode, o.LicenceNumber }).ToListAsync(ct);
        var ids = orgs.Select(o => o.Id).ToList();
        var profiles = await (await access.RecordsAsync<FacilityProfile>(db, ct)).AsNoTracking()
            .Select(p => new { p.OrganisationId, p.LicenceNumber, p.LicenceValidUntil }).ToDictionaryAsync(p => p.OrganisationId, ct);
        var beds = await (await access.RecordsAsync<Bed>(db, ct)).AsNoTracking().GroupBy(b => b.OrganisationId)
            .Select(g => new { g.Key, Beds = g.Count(), Residents = g.Count(b => b.ResidentElderId != null) }).ToDictionaryAsync(x => x.Key, ct);
        var hazards = await (await access.RecordsAsync<Hazard>(db, ct)).AsNoTracking().Where(h => h.Status != HazardStatus.Verified)
            .GroupBy(h => new { h.OrganisationId, h.Risk, h.Status })
            .Select(g => new { g.Key.OrganisationId, g.Key.Risk, g.Key.Status, Count = g.Count(), Overdue = g.Count(h => h.DeadlineUtc < now) })
            .ToListAsync(ct);
        var since = now.AddDays(-400);
        var inspections = await (await access.RecordsAsync<Inspection>(db, ct)).AsNoTracking().Where(i => i.InspectedAtUtc > since)
            .Select(i => new { i.OrganisationId, i.InspectedAtUtc, i.Score }).ToListAsync(ct);
        var latest = inspections.GroupBy(i => i.OrganisationId).ToDictionary(g => g.Key, g => g.MaxBy(i => i.InspectedAtUtc)!);
        var complaints = await (await access.RecordsAsync<Complaint>(db, ct)).AsNoTracking().Where(c => c.Status != ComplaintStatus.Closed)
            .GroupBy(c => c.OrganisationId).Select(g => new { g.Key, Open = g.Count(), Overdue = g.Count(c => c.DeadlineUtc < now) }).ToDictionaryAsync(x => x.Key, ct);
        var staffing = await StaffingWatch.ForAsync(db, ids, today, ct);
        var openAlarms = await alarms.OpenAlarmsAsync(ids, ct);
        var regionNames = await regions.AllAsync(ct);

        return [.. orgs.Select(o =>
        {
            var profile = profiles.GetValueOrDefault(o.Id);
            var licence = FacilityProfile.Licence(profile?.LicenceNumber ?? o.LicenceNumber, profile?.LicenceValidUntil, today);
            var own = hazards.Where(h => h.OrganisationId == o.Id && h.Status == HazardStatus.Open).ToList();
            var toVerify = hazards.Where(h => h.OrganisationId == o.Id && h.Status == HazardStatus.Fixed).Sum(h => h.Count);
            var last = latest.GetValueOrDefault(o.Id);
            var shifts = staffing[o.Id];
            var worst = shifts.OrderBy(s => s.Carers - s.Required).First();
            var complaint = complaints.GetValueOrDefault(o.Id);
            var alarmCount = openAlarms.GetValueOrDefault(o.Id);
            var overdue = own.Sum(h => h.Overdue);
            var factors = RiskScore.Factors(new RiskInputs(licence, own.Sum(h => h.Count * RiskScore.HazardPoints(h.Risk)), overdue, worst.Carers, worst.Required,
                last?.Score, last is null ? null : today.DayNumber - DateOnly.FromDateTime(ShanghaiTime.ToLocal(last.InspectedAtUtc)).DayNumber, alarmCount, complaint?.Overdue ?? 0));
            var streetCode = o.RegionCode.Length >= 9 ? o.RegionCode[..9] : o.RegionCode;
            var bed = beds.GetValueOrDefault(o.Id);
            return new BoardRow(o.Id, o.Name, o.Type, streetCode, regionNames.GetValueOrDefault(streetCode)?.Name ?? streetCode, new Occupancy(bed?.Beds ?? 0, bed?.Residents ?? 0),
                shifts, own.Sum(h => h.Count), overdue, toVerify, alarmCount, last?.Score, last?.InspectedAtUtc, licence, profile?.LicenceValidUntil,
                complaint?.Open ?? 0, complaint?.Overdue ?? 0, RiskScore.Total(factors), factors);
        })];
    }
}
