using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using SmartEldercare.Platform.Behaviors;
using SmartEldercare.Platform.Common;
using SmartEldercare.Platform.Elders;
using SmartEldercare.Platform.Identity;
using SmartEldercare.Platform.Localization;
using SmartEldercare.Platform.Persistence;
using SmartEldercare.Platform.Regions;

namespace SmartEldercare.Platform.Features.Elders;

public enum ElderSort
{
    Name,
    Age,
    Region,
    Updated,
}

public sealed record ElderListItem(
    Guid Id,
    string Name,
    Gender Gender,
    int Age,
    string MaskedIdNumber,
    string MaskedPhone,
    string RegionCode,
    string RegionName,
    IReadOnlyList<ElderTag> Tags,
    int CareLevel,
    ElderStatus Status);

/// <summary>The elder registry list: server-side paging, sorting, search and filters, always inside the user's scope.</summary>
public static class SearchElders
{
    public const int MaxPageSize = 100;

    /// <summary>
    /// Counting stops here: a list is for finding people, and an exact count of 200,000 rows on every page turn would
    /// cost more than the page itself; exact totals come from the console's aggregates.
    /// </summary>
    public const int CountCap = 10_000;

    public sealed record Query(
        string? Text = null,
        string? RegionCode = null,
        AgeBand? AgeBand = null,
        IReadOnlyList<ElderTag>? Tags = null,
        int? CareLevel = null,
        ElderStatus? Status = null,
        int Page = 1,
        int PageSize = 20,
        ElderSort Sort = ElderSort.Name,
        bool Descending = false) : RequiresPermission(Permissions.EldersRead), IQuery<Result<PagedResult<ElderListItem>>>;

    public sealed class Validator : AbstractValidator<Query>
    {
        public Validator(IStringLocalizer<Strings> l)
        {
            RuleFor(q => q.Page).GreaterThanOrEqualTo(1).WithMessage(l["Validation.PageInvalid"])
                .LessThanOrEqualTo(q => CountCap / Math.Max(1, q.PageSize)).WithMessage(l["Validation.PageTooFar"]);
            RuleFor(q => q.PageSize).InclusiveBetween(1, MaxPageSize).WithMessage(l["Validation.PageSizeInvalid", MaxPageSize]);
            RuleFor(q => q.Text).MaximumLength(50).WithMessage(l["Validation.MaxLength", 50]);
            RuleFor(q => q.CareLevel).InclusiveBetween(0, Elder.MaxCareLevel).When(q => q.CareLevel is not null).WithMessage(l["Elders.CareLevel.Invalid"]);
            RuleFor(q => q.RegionCode).Must(c => Region.LevelOf(c) is not null).When(q => !string.IsNullOrEmpty(q.RegionCode)).WithMessage(l["Regions.Unknown"]);
        }
    }

    public sealed class Handler(
        IDbContextFactory<EldercareDbContext> dbs, ICurrentUser user, RegionDirectory regions, TimeProvider clock,
        Privacy.PersonalDataProtector personalData, IStringLocalizer<Strings> l)
        : IQueryHandler<Query, Result<PagedResult<ElderListItem>>>
    {
        public async ValueTask<Result<PagedResult<ElderListItem>>> Handle(Query query, CancellationToken cancellationToken)
        {
            var scope = user.RegionCode;
            if (!string.IsNullOrEmpty(query.RegionCode))
            {
                if (await regions.FindAsync(query.RegionCode, cancellationToken) is null)
                {
                    return Result.Invalid(nameof(Query.RegionCode), l["Regions.Unknown"]).As<PagedResult<ElderListItem>>();
                }

                // Narrow to the filter when it lies inside the scope; a filter above the scope changes nothing.
                if (RegionScope.Contains(scope, query.RegionCode))
                {
                    scope = query.RegionCode;
                }
                else if (!RegionScope.Contains(query.RegionCode, scope))
                {
                    return Result.Invalid(nameof(Query.RegionCode), l["Regions.OutsideScope"]).As<PagedResult<ElderListItem>>();
                }
            }

            await using var db = await dbs.CreateDbContextAsync(cancellationToken);
            var today = clock.Today();
            var elders = db.Elders.AsNoTracking().InScope(scope);
            var namePrefix = IsNamePrefix(query.Text);
            elders = ApplyText(elders, query.Text, db.Database.ProviderName, personalData);

            // Listed by age, an age range walks the age index. With a care level, the care index holds exactly the level's
            // elders by birth date: the range is a range on it, and the page is sorted from its few thousand entries.
            // Otherwise the range is tested on the list index's own copy of the birth date while it walks in the list's
            // order: written as BirthDate + 0 days so that no planner takes the age index for the range and then sorts half
            // the district by name (measured by bench/ search).
            var byAge = query.Sort == ElderSort.Age;
            var byCare = query.CareLevel is not null && !byAge;
            var rangeOnIndex = byAge || byCare;
            if (query.AgeBand is { } band)
            {
                var (from, to) = AgeBands.BirthDateRange(band, today);
                elders = rangeOnIndex ? elders.Where(e => e.BirthDate >= from && e.BirthDate <= to)
                    : elders.Where(e => e.BirthDate.AddDays(0) >= from && e.BirthDate.AddDays(0) <= to);
            }

            foreach (var tag in query.Tags ?? [])
            {
                if (tag == ElderTag.VeryOld)
                {
                    var latest = today.AddYears(-ElderTags.VeryOldAge);
                    elders = rangeOnIndex ? elders.Where(e => e.BirthDate <= latest) : elders.Where(e => e.BirthDate.AddDays(0) <= latest);
                }
                else
                {
                    // An IN list of the flag combinations that carry the tag, not a bitwise AND: planners estimate
                    // it from column statistics (PostgreSQL takes a bitwise test for 0.5 % of rows and picks a scan).
                    var flag = ElderTags.ToGroup(tag);
                    var withFlag = Enumerable.Range(0, 32).Select(v => (KeyGroups)v).Where(g => (g & flag) == flag).ToArray();
                    elders = elders.Where(e => EF.Constant(withFlag).Contains(e.KeyGroups));
                }
            }

            if (query.CareLevel is { } level)
            {
                elders = elders.Where(e => e.CareLevel == level);
            }

            if (query.Status is { } status)
            {
                elders = elders.Where(e => e.Status == status);
            }

            var counted = await elders.Take(CountCap + 1).CountAsync(cancellationToken);
            // The tie-breaker (Id) follows the direction, so that a descending order is one of the list indexes walked
            // backwards (PlatformConfigurations) rather than a sort of the whole scope.
            elders = (query.Sort, query.Descending) switch
            {
                (ElderSort.Age, false) => elders.OrderByDescending(e => e.BirthDate).ThenByDescending(e => e.Id),
                (ElderSort.Age, true) => elders.OrderBy(e => e.BirthDate).ThenBy(e => e.Id),
                (ElderSort.Region, false) => elders.OrderBy(e => e.RegionCode).ThenBy(e => e.Name).ThenBy(e => e.Id),
                (ElderSort.Region, true) => elders.OrderByDescending(e => e.RegionCode).ThenByDescending(e => e.Name).ThenByDescending(e => e.Id),
                (ElderSort.Updated, false) => elders.OrderBy(e => e.UpdatedAtUtc).ThenBy(e => e.Id),
                (ElderSort.Updated, true) => elders.OrderByDescending(e => e.UpdatedAtUtc).ThenByDescending(e => e.Id),
                // A name-prefix match on PostgreSQL is read from the pattern index and sorted (a few thousand rows at most);
                // ordering by the bare column tempts the planner into walking the whole list index in name order.
                (_, false) when namePrefix && db.Database.ProviderName == NpgsqlProvider => elders.OrderBy(e => e.Name + "").ThenBy(e => e.Id),
                (_, false) => elders.OrderBy(e => e.Name).ThenBy(e => e.Id),
                (_, true) => elders.OrderByDescending(e => e.Name).ThenByDescending(e => e.Id),
            };

            var page = elders.Skip((query.Page - 1) * query.PageSize).Take(query.PageSize);
            if (byCare)
            {
                // The page's ids first, from the care index alone (no table read for the entries it sorts), then their rows.
                var ids = await page.Select(e => e.Id).ToListAsync(cancellationToken);
                var position = ids.Select((id, i) => (id, i)).ToDictionary(x => x.id, x => x.i);
                page = db.Elders.AsNoTracking().Where(e => ids.Contains(e.Id));
                var found = await Rows(page).ToListAsync(cancellationToken);
                return await Answer([.. found.OrderBy(r => position[r.Id])], counted, query, today, cancellationToken);
            }

            return await Answer(await Rows(page).ToListAsync(cancellationToken), counted, query, today, cancellationToken);
        }

        private static IQueryable<Row> Rows(IQueryable<Elder> elders) =>
            elders.Select(e => new Row(e.Id, e.Name, e.Gender, e.BirthDate, e.IdNumber, e.Phone, e.RegionCode, e.KeyGroups, e.CareLevel, e.Status));

        private sealed record Row(Guid Id, string Name, Gender Gender, DateOnly BirthDate, string IdNumber, string? Phone, string RegionCode, KeyGroups KeyGroups, int CareLevel, ElderStatus Status);

        private async Task<Result<PagedResult<ElderListItem>>> Answer(List<Row> rows, int counted, Query query, DateOnly today, CancellationToken cancellationToken)
        {

            var items = new List<ElderListItem>(rows.Count);
            foreach (var r in rows)
            {
                var age = ShanghaiTime.AgeOn(r.BirthDate, today);
                items.Add(new ElderListItem(
                    r.Id, r.Name, r.Gender, age, Masking.IdNumber(r.IdNumber), Masking.Phone(r.Phone), r.RegionCode,
                    await regions.PathAsync(r.RegionCode, cancellationToken), ElderTags.Of(r.KeyGroups, age), r.CareLevel, r.Status));
            }

            return Result<PagedResult<ElderListItem>>.Ok(
                new PagedResult<ElderListItem>(items, Math.Min(counted, CountCap), query.Page, query.PageSize, counted > CountCap));
        }

        private const string NpgsqlProvider = "Npgsql.EntityFrameworkCore.PostgreSQL";

        private static bool IsNamePrefix(string? text)
        {
            var q = text?.Trim().ToUpperInvariant();
            return !string.IsNullOrEmpty(q) && !(q.Length == 4 && q.All(c => char.IsAsciiDigit(c) || c == 'X')) && !ChinaIdNumber.IsValid(q) && !PhoneNumber.IsValid(q);
        }

        /// <summary>Four digits search the ID-number and phone tails; a full ID or phone matches exactly; anything else is a name prefix.</summary>
        private static IQueryable<Elder> ApplyText(IQueryable<Elder> elders, string? text, string? provider, Privacy.PersonalDataProtector personalData)
        {
            var q = text?.Trim().ToUpperInvariant();
            if (string.IsNullOrEmpty(q))
            {
                return elders;
            }

            if (q.Length == 4 && q.All(c => char.IsAsciiDigit(c) || c == 'X'))
            {
                return elders.Where(e => e.IdNumberTail == q || e.PhoneTail == q);
            }

            if (q.Length == 18 && ChinaIdNumber.IsValid(q))
            {
                var idHash = personalData.Hash(q);
                return elders.Where(e => e.IdNumberHash == idHash);
            }

            if (PhoneNumber.IsValid(q))
            {
                var phoneHash = personalData.Hash(PhoneNumber.Normalize(q));
                return elders.Where(e => e.PhoneHash == phoneHash);
            }

            if (provider == "Microsoft.EntityFrameworkCore.Sqlite")
            {
                // SQLite compares text by code point (BINARY), so a prefix is exactly a range, which the list indexes
                // serve; its LIKE is case-insensitive and cannot use them.
                var prefix = text!.Trim();
                var upper = prefix + char.ConvertFromUtf32(0x10FFFF);
#pragma warning disable CA1309 // translated to SQL comparisons, never run in .NET
                return elders.Where(e => string.Compare(e.Name, prefix) >= 0 && string.Compare(e.Name, upper) < 0);
#pragma warning restore CA1309
            }

            // Elsewhere a prefix LIKE: exact under any collation (a range would follow pinyin order on SQL Server),
            // served by a pattern index on PostgreSQL.
            var pattern = LikePattern.Literal(text!.Trim()) + "%";
            return elders.Where(e => EF.Functions.Like(e.Name, pattern, LikePattern.Escape));
        }
    }
}
