using Mediator;
using Microsoft.EntityFrameworkCore;
using SmartEldercare.Facilities.Beds;
using SmartEldercare.Facilities.Complaints;
using SmartEldercare.Facilities.Inspections;
using SmartEldercare.Facilities.Institutions;
using SmartEldercare.Facilities.Staff;
using SmartEldercare.Facilities.Supervision;
using SmartEldercare.Platform.Behaviors;
using SmartEldercare.Platform.Common;
using SmartEldercare.Platform.Identity;
using SmartEldercare.Platform.Organisations;
using SmartEldercare.Platform.Persistence;
using SmartEldercare.Platform.Regions;

namespace SmartEldercare.Facilities.Features.Board;

public enum BoardSort
{
    Risk,
    Name,
    Occupancy,
    OverdueHazards,
    InspectionScore,
}

/// <param name="Id">The institution.</param>
/// <param name="Name">Its name.</param>
/// <param name="Type">Institution or day-care centre.</param>
/// <param name="StreetCode">Its street/town.</param>
/// <param name="StreetName">The street/town's name.</param>
/// <param name="Occupancy">Beds and residents.</param>
/// <param name="Shifts">Today's shifts: carers on duty against required.</param>
/// <param name="OpenHazards">Hazards to fix.</param>
/// <param name="OverdueHazards">Open past their deadline.</param>
/// <param name="ToVerify">Fixed by the institution, awaiting the inspector.</param>
/// <param name="OpenAlarms">Open alarms from its devices.</param>
/// <param name="LastInspectionScore">The latest inspection's score.</param>
/// <param name="LastInspectedAtUtc">When.</param>
/// <param name="Licence">Licence status today.</param>
/// <param name="LicenceValidUntil">The licence's expiry.</param>
/// <param name="OpenComplaints">Complaints not closed.</param>
/// <param name="OverdueComplaints">Of which past their deadline.</param>
/// <param name="Risk">The risk score 0–100.</param>
/// <param name="Factors">What the risk score is made of.</param>
public sealed record BoardRow(
    Guid Id, string Name, OrganisationType Type, string StreetCode, string StreetName, Occupancy Occupancy, IReadOnlyList<ShiftStaffing> Shifts,
    int OpenHazards, int OverdueHazards, int ToVerify, int OpenAlarms, int? LastInspectionScore, DateTime? LastInspectedAtUtc, LicenceStatus Licence, DateOnly? LicenceValidUntil,
    int OpenComplaints, int OverdueComplaints, int Risk, IReadOnlyList<RiskFactor> Factors)
{
    public bool StaffingBelow => Shifts.Any(s => s.BelowRatio);
}

public sealed record StreetOption(string Code, string Name);

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

public sealed record RankingRow(int Rank, Guid Id, string Name, int Inspections, int? AverageScore, int HazardsRaised, int HazardsLate, int Complaints, int MonthScore);

public sealed record StreetRanking(string StreetCode, string StreetName, IReadOnlyList<RankingRow> Rows);

/// <summary>
/// A month's ranking of institutions within each street: the month's average inspection score (60 without one), less
/// 5 a hazard of the month not fixed by its deadline and 3 a complaint of the month.
/// </summary>
public static class GetMonthlyRanking
{
    public const int NoInspectionScore = 60;

    /// <param name="Month">yyyyMM; empty: this month.</param>
    public sealed record Query(int? Month = null) : IQuery<IReadOnlyList<StreetRanking>>, IRequirePermission
    {
        public string Permission => Permissions.FacilitiesRead;
    }

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
