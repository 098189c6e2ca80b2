using FluentValidation;
using SmartEldercare.Emergency.Alarms;

namespace SmartEldercare.Emergency.Features.Kpi;

/// <param name="Alarms">Emergency alarms raised (critical and high; device-health alarms are maintenance, not counted).</param>
/// <param name="AcknowledgedWithin60s">Share acknowledged within 60 s (the alarm-receiving standard asks 97.5 %).</param>
/// <param name="AcknowledgedWithin180s">Share acknowledged within 180 s (asked: 99 %).</param>
/// <param name="MedianSecondsToAcknowledge">Median time from raise to acknowledgement.</param>
/// <param name="P90SecondsToAcknowledge">90th percentile of the same.</param>
/// <param name="MedianMinutesToScene">Median time from raise to a responder on scene.</param>
/// <param name="P90MinutesToScene">90th percentile of the same.</param>
/// <param name="FalseAlarmRate">Share of resolved alarms whose outcome was a false alarm.</param>
public sealed record ResponseFigures(
    int Alarms, double? AcknowledgedWithin60s, double? AcknowledgedWithin180s,
    double? MedianSecondsToAcknowledge, double? P90SecondsToAcknowledge,
    double? MedianMinutesToScene, double? P90MinutesToScene, double? FalseAlarmRate);

public sealed record RegionResponse(string Code, string Name, ResponseFigures Figures);

public sealed record ResponseKpis(int Year, int Month, string RegionName, ResponseFigures Figures, IReadOnlyDictionary<AlarmType, int> ByType, IReadOnlyList<RegionResponse> SubRegions);

/// <summary>The month's response KPIs of the user's scope (Asia/Shanghai months), with a breakdown by sub-region.</summary>
public static class GetResponseKpis
{
    public sealed record Query(int Year, int Month) : RequiresPermission(Permissions.EmergencyRead), IQuery<ResponseKpis>;

    public sealed class Validator : AbstractValidator<Query>
    {
        public Validator(IStringLocalizer<Strings> l)
        {
            RuleFor(q => q.Year).InclusiveBetween(2020, 2100).WithMessage(l["Kpi.Month.Invalid"]);
            RuleFor(q => q.Month).InclusiveBetween(1, 12).WithMessage(l["Kpi.Month.Invalid"]);
        }
    }

    internal sealed record Row(string RegionCode, AlarmType Type, DateTime RaisedAtUtc, DateTime? AcknowledgedAtUtc, DateTime? OnSceneAtUtc, AlarmStatus Status, AlarmOutcome? Outcome);

    public sealed class Handler(IDbContextFactory<EldercareDbContext> dbs, ICurrentUser user, RegionDirectory regions) : IQueryHandler<Query, ResponseKpis>
    {
        public async ValueTask<ResponseKpis> Handle(Query query, CancellationToken cancellationToken)
        {
            await using var db = await dbs.CreateDbContextAsync(cancellationToken);
            var rows = await RowsAsync(db, user.RegionCode, query.Year, query.Month, cancellationToken);
            var all = await regions.AllAsync(cancellationToken);
            var childLength = user.RegionCode.Length == 6 ? 9 : 12;
            var subRegions = all.Values.Where(r => r.ParentCode == user.RegionCode).OrderBy(r => r.SortOrder)
                .Select(r => new RegionResponse(r.Code, r.Name, Figures([.. rows.Where(x => x.RegionCode.Length >= childLength && x.RegionCode[..childLength] == r.Code)])))
                .ToList();
            return new ResponseKpis(query.Year, query.Month, all.GetValueOrDefault(user.RegionCode)?.Name ?? user.RegionCode, Figures(rows),
                Enum.GetValues<AlarmType>().Where(t => Alarm.PriorityOf(t) != AlarmPriority.DeviceHealth).ToDictionary(t => t, t => rows.Count(r => r.Type == t)),
                subRegions);
        }

        /// <summary>The month's emergency alarms (device-health ones left out) of a scope; shared with the monthly report.</summary>
        internal static Task<List<Row>> RowsAsync(EldercareDbContext db, string scope, int year, int month, CancellationToken ct)
        {
            var from = ShanghaiTime.ToUtc(new DateOnly(year, month, 1));
            var to = ShanghaiTime.ToUtc(new DateOnly(year, month, 1).AddMonths(1));
            return db.Set<Alarm>().AsNoTracking().InRegion(scope)
                .Where(a => a.RaisedAtUtc >= from && a.RaisedAtUtc < to && a.Priority != AlarmPriority.DeviceHealth)
                .Select(a => new Row(a.RegionCode, a.Type, a.RaisedAtUtc, a.AcknowledgedAtUtc, a.OnSceneAtUtc, a.Status, a.Outcome))
                .ToListAsync(ct);
        }

        internal static ResponseFigures Figures(List<Row> rows)
        {
            // An alarm still unanswered counts as not answered in time; cancelled ones are left out of the timings.
            var answerable = rows.Where(r => r.Status != AlarmStatus.Cancelled || r.AcknowledgedAtUtc is not null).ToList();
            var toAcknowledge = answerable.Where(r => r.AcknowledgedAtUtc is not null).Select(r => (r.AcknowledgedAtUtc!.Value - r.RaisedAtUtc).TotalSeconds).Order().ToList();
            var toScene = rows.Where(r => r.OnSceneAtUtc is not null).Select(r => (r.OnSceneAtUtc!.Value - r.RaisedAtUtc).TotalMinutes).Order().ToList();
            var resolved = rows.Where(r => r.Outcome is not null).ToList();
            double? Share(Func<Row, bool> ok) => answerable.Count == 0 ? null : (double)answerable.Count(ok) / answerable.Count;
            return new ResponseFigures(
                rows.Count,
                Share(r => r.AcknowledgedAtUtc is { } at && (at - r.RaisedAtUtc).TotalSeconds <= 60),
                Share(r => r.AcknowledgedAtUtc is { } at && (at - r.RaisedAtUtc).TotalSeconds <= 180),
                Percentile(toAcknowledge, 0.5), Percentile(toAcknowledge, 0.9), Percentile(toScene, 0.5), Percentile(toScene, 0.9),
                resolved.Count == 0 ? null : (double)resolved.Count(r => r.Outcome == AlarmOutcome.FalseAlarm) / resolved.Count);
        }

        /// <summary>Nearest-rank percentile of sorted values.</summary>
        internal static double? Percentile(List<double> sorted, double p) =>
            sorted.Count == 0 ? null : sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Count) - 1, 0, sorted.Count - 1)];
    }
}
