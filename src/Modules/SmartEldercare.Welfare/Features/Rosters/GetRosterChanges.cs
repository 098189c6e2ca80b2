using FluentValidation;
using SmartEldercare.Platform.Elders;

namespace SmartEldercare.Welfare.Features.Rosters;

public sealed record RosterChange(Guid ElderId, string Name, string RegionCode, string RegionName, RosterChangeKind Kind, DateOnly Date, int Age);

/// <summary>
/// A month's changes to the rosters of the scope: who turned 80, 90 or 100 (on their birthday, 1 March for a
/// 29 February birth in a common year), and which 80+ died or moved out (by the status date).
/// </summary>
public static class GetRosterChanges
{
    public const int MaxPerKind = 2000;

    public sealed record Query(int Month) : RequiresPermission(Permissions.WelfareRead), IQuery<IReadOnlyList<RosterChange>>;

    public sealed class Validator : AbstractValidator<Query>
    {
        public Validator(IStringLocalizer<Strings> l) => RuleFor(q => q.Month).Must(YearMonth.IsValid).WithMessage(l["Welfare.Month.Invalid"]);
    }

    public sealed class Handler(IDbContextFactory<EldercareDbContext> dbs, ICurrentUser user, RegionDirectory regions) : IQueryHandler<Query, IReadOnlyList<RosterChange>>
    {
        public async ValueTask<IReadOnlyList<RosterChange>> Handle(Query query, CancellationToken cancellationToken)
        {
            var (first, last) = (YearMonth.FirstDay(query.Month), YearMonth.LastDay(query.Month));
            await using var db = await dbs.CreateDbContextAsync(cancellationToken);
            var changes = new List<RosterChange>();
            foreach (var (age, kind) in new[] { (80, RosterChangeKind.Turned80), (90, RosterChangeKind.Turned90), (100, RosterChangeKind.Turned100) })
            {
                var (before, byEnd) = (VeryOld.BornOnOrBefore(age, first.AddDays(-1)), VeryOld.BornOnOrBefore(age, last));
                var turned = await RosterScope.Of(db, user, null).Where(e => e.BirthDate > before && e.BirthDate <= byEnd)
                    .OrderBy(e => e.BirthDate).Take(MaxPerKind)
                    .Select(e => new { e.Id, e.Name, e.RegionCode, e.BirthDate, e.Status, e.StatusDate }).ToListAsync(cancellationToken);
                changes.AddRange(turned.Select(e => (e, day: VeryOld.BirthdayOf(e.BirthDate, age)))
                    .Where(x => x.e.Status == ElderStatus.Active || x.e.StatusDate >= x.day)
                    .Select(x => new RosterChange(x.e.Id, x.e.Name, x.e.RegionCode, x.e.RegionCode, kind, x.day, age)));
            }

            var c80 = VeryOld.BornOnOrBefore(80, last);
            var left = await RosterScope.Of(db, user, null)
                .Where(e => e.Status != ElderStatus.Active && e.StatusDate >= first && e.StatusDate <= last && e.BirthDate <= c80)
                .OrderBy(e => e.StatusDate).Take(MaxPerKind)
                .Select(e => new { e.Id, e.Name, e.RegionCode, e.BirthDate, e.Status, e.StatusDate }).ToListAsync(cancellationToken);
            changes.AddRange(left.Where(e => VeryOld.IsAtLeast(e.BirthDate, 80, e.StatusDate!.Value))
                .Select(e => new RosterChange(e.Id, e.Name, e.RegionCode, e.RegionCode, e.Status == ElderStatus.Deceased ? RosterChangeKind.Deceased : RosterChangeKind.MovedOut,
                    e.StatusDate!.Value, ShanghaiTime.AgeOn(e.BirthDate, e.StatusDate.Value))));

            var all = await regions.AllAsync(cancellationToken);
            return [.. changes.Select(c => c with { RegionName = all.GetValueOrDefault(c.RegionCode)?.Name ?? c.RegionCode })
                .OrderBy(c => c.Date).ThenBy(c => c.Kind).ThenBy(c => c.Name, StringComparer.Ordinal)];
        }
    }
}
