using FluentValidation;
using SmartEldercare.Platform.Elders;

namespace SmartEldercare.Welfare.Features.Rosters;

/// <summary>
/// An elder turning 80, 90 or 100 soon, and the day of the birthday (staff visit on it). The birth date itself is not
/// answered; the birthday with the age turned is the one place it can be inferred, for this short list only (ADR 0007).
/// </summary>
public sealed record UpcomingBirthday(Guid ElderId, string Name, string RegionCode, string RegionName, int TurningAge, DateOnly Birthday);

/// <summary>Who turns 90 or 100 in the next days (greeting visits), soonest first.</summary>
public static class GetUpcomingBirthdays
{
    public sealed record Query(int Days = 30) : RequiresPermission(Permissions.WelfareRead), IQuery<IReadOnlyList<UpcomingBirthday>>;

    public sealed class Validator : AbstractValidator<Query>
    {
        public Validator(IStringLocalizer<Strings> l) => RuleFor(q => q.Days).InclusiveBetween(1, 366).WithMessage(l["Welfare.Roster.DaysInvalid"]);
    }

    public sealed class Handler(IDbContextFactory<EldercareDbContext> dbs, ICurrentUser user, RegionDirectory regions, TimeProvider clock) : IQueryHandler<Query, IReadOnlyList<UpcomingBirthday>>
    {
        public async ValueTask<IReadOnlyList<UpcomingBirthday>> Handle(Query query, CancellationToken cancellationToken)
        {
            var today = clock.Today();
            var until = today.AddDays(query.Days);
            await using var db = await dbs.CreateDbContextAsync(cancellationToken);
            var all = await regions.AllAsync(cancellationToken);
            var list = new List<UpcomingBirthday>();
            foreach (var age in new[] { 90, 100 })
            {
                var (now, then) = (VeryOld.BornOnOrBefore(age, today), VeryOld.BornOnOrBefore(age, until));
                var found = await RosterScope.Of(db, user, null).Where(e => e.Status == ElderStatus.Active && e.BirthDate > now && e.BirthDate <= then)
                    .OrderBy(e => e.BirthDate).Take(GetRosterChanges.MaxPerKind)
                    .Select(e => new { e.Id, e.Name, e.RegionCode, e.BirthDate }).ToListAsync(cancellationToken);
                list.AddRange(found.Select(e => new UpcomingBirthday(e.Id, e.Name, e.RegionCode, all.GetValueOrDefault(e.RegionCode)?.Name ?? e.RegionCode, age, VeryOld.BirthdayOf(e.BirthDate, age))));
            }

            return [.. list.OrderBy(b => b.Birthday).ThenBy(b => b.Name, StringComparer.Ordinal)];
        }
    }
}
