using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using SmartEldercare.Platform.Behaviors;
using SmartEldercare.Platform.Common;
using SmartEldercare.Platform.Identity;
using SmartEldercare.Platform.Localization;
using SmartEldercare.Platform.Persistence;
using SmartEldercare.Platform.Regions;
using SmartEldercare.Social.Charities;

namespace SmartEldercare.Social.Features.Charities;

public sealed record CharityRow(Guid Id, string Name, string RegionCode, string RegionName, string Offers, string? ContactName, string PhoneMasked, int Activities, int Beneficiaries, DateOnly? LastActivity);

public sealed record CharityActivityRow(Guid Id, DateOnly Date, string Title, int Beneficiaries, string? Notes, string RecordedBy);

public sealed record CharityDetails(CharityRow Charity, IReadOnlyList<CharityActivityRow> Activities);

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

/// <summary>The charities and social organisations the scope sees: its own and those registered above it (street, district).</summary>
public static class ListCharities
{
    public sealed record Query : IQuery<IReadOnlyList<CharityRow>>, IRequirePermission
    {
        public string Permission => Permissions.SocialRead;
    }

    public sealed class Handler(IDbContextFactory<EldercareDbContext> dbs, ICurrentUser user, RegionDirectory regions) : IQueryHandler<Query, IReadOnlyList<CharityRow>>
    {
        public async ValueTask<IReadOnlyList<CharityRow>> Handle(Query query, CancellationToken cancellationToken)
        {
            await using var db = await dbs.CreateDbContextAsync(cancellationToken);
            var above = Above(user.RegionCode);
            var charities = db.Set<Charity>().AsNoTracking().InScopeOf(user).Select(c => c.Id)
                .Concat(db.Set<Charity>().Where(c => above.Contains(c.RegionCode)).Select(c => c.Id));
            return await CharityRows.RowsAsync(db, db.Set<Charity>().AsNoTracking().Where(c => charities.Contains(c.Id)), await regions.AllAsync(cancellationToken), cancellationToken);
        }
    }

    private static readonly int[] Levels = [6, 9];

    internal static List<string> Above(string scope) => [.. Levels.Where(n => scope.Length > n).Select(n => scope[..n])];
}

/// <summary>One charity with its activity record.</summary>
public static class GetCharity
{
    public sealed record Query(Guid Id) : IQuery<Result<CharityDetails>>, IRequirePermission
    {
        public string Permission => Permissions.SocialRead;
    }

    public sealed class Handler(IDbContextFactory<EldercareDbContext> dbs, ICurrentUser user, RegionDirectory regions) : IQueryHandler<Query, Result<CharityDetails>>
    {
        public async ValueTask<Result<CharityDetails>> Handle(Query query, CancellationToken cancellationToken)
        {
            await using var db = await dbs.CreateDbContextAsync(cancellationToken);
            var above = ListCharities.Above(user.RegionCode);
            var inScope = db.Set<Charity>().AsNoTracking().InScopeOf(user).Select(c => c.Id).Concat(db.Set<Charity>().Where(c => above.Contains(c.RegionCode)).Select(c => c.Id));
            var row = (await CharityRows.RowsAsync(db, db.Set<Charity>().AsNoTracking().Where(c => c.Id == query.Id && inScope.Contains(c.Id)), await regions.AllAsync(cancellationToken), cancellationToken)).SingleOrDefault();
            if (row is null)
            {
                return Result.NotFound().As<CharityDetails>();
            }

            var activities = await db.Set<CharityActivity>().AsNoTracking().Where(a => a.CharityId == row.Id).OrderByDescending(a => a.Date)
                .Select(a => new CharityActivityRow(a.Id, a.Date, a.Title, a.Beneficiaries, a.Notes, a.RecordedBy)).ToListAsync(cancellationToken);
            return new CharityDetails(row, activities);
        }
    }
}

/// <summary>Registers a charity or social organisation of the scope.</summary>
public static class RegisterCharity
{
    public sealed record Command : ICommand<Result<Guid>>, IRequirePermission
    {
        public string Name { get; set; } = string.Empty;

        public string? RegionCode { get; set; }

        public string Offers { get; set; } = string.Empty;

        public string? ContactName { get; set; }

        public string? ContactPhone { get; set; }

        public string Permission => Permissions.SocialManage;
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator(IStringLocalizer<Strings> l)
        {
            RuleFor(c => c.Name).NotEmpty().WithMessage(l["Social.Charity.NameRequired"]).MaximumLength(Charity.NameMaxLength);
            RuleFor(c => c.Offers).NotEmpty().WithMessage(l["Social.Charity.OffersRequired"]).MaximumLength(Charity.TextMaxLength);
            RuleFor(c => c.ContactName).MaximumLength(50);
            RuleFor(c => c.ContactPhone).Must(p => PhoneNumber.IsValid(p!)).When(c => !string.IsNullOrEmpty(c.ContactPhone)).WithMessage(l["Social.Volunteer.PhoneInvalid"]);
        }
    }

    public sealed class Handler(IDbContextFactory<EldercareDbContext> dbs, ICurrentUser user, RegionDirectory regions, IStringLocalizer<Strings> l, TimeProvider clock) : ICommandHandler<Command, Result<Guid>>
    {
        public async ValueTask<Result<Guid>> Handle(Command command, CancellationToken cancellationToken)
        {
            var region = string.IsNullOrEmpty(command.RegionCode) ? user.RegionCode : command.RegionCode;
            if (!RegionScope.Contains(user.RegionCode, region) || await regions.FindAsync(region, cancellationToken) is null)
            {
                return Result.Invalid(nameof(Command.RegionCode), l["Social.Region.OutOfScope"]).As<Guid>();
            }

            await using var db = await dbs.CreateDbContextAsync(cancellationToken);
            var charity = new Charity
            {
                Name = command.Name.Trim(), RegionCode = region, Offers = command.Offers.Trim(), ContactName = command.ContactName,
                ContactPhone = string.IsNullOrEmpty(command.ContactPhone) ? null : command.ContactPhone, CreatedAtUtc = clock.UtcNow(),
            };
            db.Add(charity);
            await db.SaveChangesAsync(cancellationToken);
            return charity.Id;
        }
    }
}

/// <summary>Adds to a charity's activity record (a charity of the scope; beneficiaries never negative; not in the future).</summary>
public static class RecordCharityActivity
{
    public sealed record Command : ICommand<Result<Guid>>, IRequirePermission
    {
        public Guid CharityId { get; set; }

        public DateOnly Date { get; set; }

        public string Title { get; set; } = string.Empty;

        public int Beneficiaries { get; set; }

        public string? Notes { get; set; }

        public string Permission => Permissions.SocialRecord;
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator(IStringLocalizer<Strings> l, TimeProvider clock)
        {
            RuleFor(c => c.Title).NotEmpty().WithMessage(l["Social.Charity.TitleRequired"]).MaximumLength(Charity.NameMaxLength);
            RuleFor(c => c.Beneficiaries).InclusiveBetween(0, 100_000).WithMessage(l["Social.Charity.BeneficiariesRange"]);
            RuleFor(c => c.Date).Must(d => d != default && d <= clock.Today()).WithMessage(l["Social.Canteen.DateInvalid"]);
            RuleFor(c => c.Notes).MaximumLength(Charity.TextMaxLength);
        }
    }

    public sealed class Handler(IDbContextFactory<EldercareDbContext> dbs, ICurrentUser user) : ICommandHandler<Command, Result<Guid>>
    {
        public async ValueTask<Result<Guid>> Handle(Command command, CancellationToken cancellationToken)
        {
            await using var db = await dbs.CreateDbContextAsync(cancellationToken);
            var charity = await db.Set<Charity>().AsNoTracking().InScopeOf(user).SingleOrDefaultAsync(c => c.Id == command.CharityId, cancellationToken);
            if (charity is null)
            {
                return Result.NotFound().As<Guid>();
            }

            var activity = new CharityActivity
            {
                CharityId = charity.Id, RegionCode = charity.RegionCode, Date = command.Date, Title = command.Title.Trim(), Beneficiaries = command.Beneficiaries,
                Notes = command.Notes, RecordedBy = user.DisplayName,
            };
            db.Add(activity);
            await db.SaveChangesAsync(cancellationToken);
            return activity.Id;
        }
    }
}
