using FluentValidation;
using SmartEldercare.Platform.Elders;

namespace SmartEldercare.Welfare.Features.Rosters;

/// <summary>One very old elder of a roster; the ID number only masked.</summary>
/// <summary>A row of the roster: the birth year, not the date (with the ID number's last digits it would give the whole number).</summary>
public sealed record RosterRow(Guid ElderId, string Name, Gender Gender, string IdNumberMasked, int BirthYear, int Age, string RegionCode, string RegionName, KeyGroups KeyGroups, int CareLevel);

/// <summary>
/// The 80+ (or 90+, 100+) of the user's scope as of a day: everyone of that age on that day who was neither deceased
/// nor moved out by then, oldest first, a page at a time.
/// </summary>
public static class GetRoster
{
    public const int MaxPageSize = 200;

    public sealed record Query(int MinAge = 80, DateOnly? AsOf = null, string? RegionCode = null, int Page = 1, int PageSize = 50) : RequiresPermission(Permissions.WelfareRead), IQuery<PagedResult<RosterRow>>, SmartEldercare.Platform.Privacy.IPersonalDataAccess;

    public sealed class Validator : AbstractValidator<Query>
    {
        public Validator(IStringLocalizer<Strings> l)
        {
            RuleFor(q => q.MinAge).Must(a => VeryOld.Thresholds.Contains(a)).WithMessage(l["Welfare.Roster.AgeInvalid"]);
            RuleFor(q => q.Page).InclusiveBetween(1, 10_000).WithMessage(l["Validation.PageInvalid"]);
            RuleFor(q => q.PageSize).InclusiveBetween(1, MaxPageSize).WithMessage(l["Validation.PageSizeInvalid", MaxPageSize]);
        }
    }

    public sealed class Handler(IDbContextFactory<EldercareDbContext> dbs, ICurrentUser user, RegionDirectory regions, TimeProvider clock) : IQueryHandler<Query, PagedResult<RosterRow>>
    {
        public async ValueTask<PagedResult<RosterRow>> Handle(Query query, CancellationToken cancellationToken)
        {
            var day = query.AsOf ?? clock.Today();
            await using var db = await dbs.CreateDbContextAsync(cancellationToken);
            var elders = RosterScope.Of(db, user, query.RegionCode).AliveOn(day).AtLeast(query.MinAge, day);
            var total = await elders.CountAsync(cancellationToken);
            var page = await elders.OrderBy(e => e.BirthDate).ThenBy(e => e.Id)
                .Skip((query.Page - 1) * query.PageSize).Take(query.PageSize)
                .Select(e => new { e.Id, e.Name, e.Gender, e.IdNumberTail, e.BirthDate, e.RegionCode, e.KeyGroups, e.CareLevel })
                .ToListAsync(cancellationToken);
            var all = await regions.AllAsync(cancellationToken);
            return new PagedResult<RosterRow>(
                [.. page.Select(e => new RosterRow(e.Id, e.Name, e.Gender, RosterScope.MaskedId(e.IdNumberTail), e.BirthDate.Year, ShanghaiTime.AgeOn(e.BirthDate, day), e.RegionCode,
                    all.GetValueOrDefault(e.RegionCode)?.Name ?? e.RegionCode, e.KeyGroups, e.CareLevel))],
                total, query.Page, query.PageSize);
        }
    }
}

internal static class RosterScope
{
    /// <summary>The user's scope, narrowed to <paramref name="region"/> when that lies inside it (outside it: nothing).</summary>
    public static IQueryable<Elder> Of(EldercareDbContext db, ICurrentUser user, string? region) =>
        string.IsNullOrEmpty(region) || region == user.RegionCode ? db.Elders.AsNoTracking().InScopeOf(user)
        : RegionScope.Contains(user.RegionCode, region) ? db.Elders.AsNoTracking().InScope(region)
        : db.Elders.Where(e => false);

    /// <summary>Not deceased or moved out by the end of <paramref name="day"/>.</summary>
    public static IQueryable<Elder> AliveOn(this IQueryable<Elder> elders, DateOnly day) =>
        elders.Where(e => e.Status == ElderStatus.Active || e.StatusDate > day);

    public static IQueryable<Elder> AtLeast(this IQueryable<Elder> elders, int age, DateOnly day)
    {
        var cutoff = VeryOld.BornOnOrBefore(age, day);
        return elders.Where(e => e.BirthDate <= cutoff);
    }

    /// <summary>The masked form lists show (the full number is never loaded for a list).</summary>
    public static string MaskedId(string tail) => new string('*', 14) + tail;
}
