using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using SmartEldercare.Platform.Behaviors;
using SmartEldercare.Platform.Common;
using SmartEldercare.Platform.Identity;
using SmartEldercare.Platform.Live;
using SmartEldercare.Platform.Localization;
using SmartEldercare.Platform.Persistence;
using SmartEldercare.Platform.Regions;
using SmartEldercare.Welfare.Allowance;

namespace SmartEldercare.Welfare.Features.Allowance;

public sealed record AllowanceListSummary(
    Guid Id, string RegionCode, string RegionName, int Month, AllowanceListStatus Status, int Elders, decimal Total, DateTime GeneratedAtUtc, string GeneratedBy,
    string? VillageApprovedBy, DateTime? VillageApprovedAtUtc, string? StreetApprovedBy, DateTime? StreetApprovedAtUtc, string? DistrictApprovedBy, DateTime? DistrictApprovedAtUtc);

public sealed record AllowanceMonthView(int Month, int Elders, decimal Total, IReadOnlyList<AllowanceListSummary> Lists);

public sealed record AllowanceLineView(Guid ElderId, string ElderName, string IdNumberMasked, DateOnly BirthDate, int Age, int BandFromAge, decimal Amount);

public sealed record AllowanceListDetails(AllowanceListSummary Summary, DateOnly AgeDay, IReadOnlyList<AllowanceLineView> Lines);

internal static class AllowanceViews
{
    public static AllowanceListSummary Summary(AllowanceList a, IReadOnlyDictionary<string, Region> regions) => new(
        a.Id, a.RegionCode, regions.GetValueOrDefault(a.RegionCode)?.Name ?? a.RegionCode, a.Month, a.Status, a.Elders, a.Total, a.GeneratedAtUtc, a.GeneratedBy,
        a.VillageApprovedBy, a.VillageApprovedAtUtc, a.StreetApprovedBy, a.StreetApprovedAtUtc, a.DistrictApprovedBy, a.DistrictApprovedAtUtc);

    public static AllowanceLineView Line(AllowanceLine x) => new(x.ElderId, x.ElderName, new string('*', 14) + x.IdNumberTail, x.BirthDate, x.Age, x.BandFromAge, x.Amount);
}

/// <summary>The month's lists of the villages in the scope with their status and sums.</summary>
public static class ListAllowanceMonth
{
    public sealed record Query(int Month) : IQuery<AllowanceMonthView>, IRequirePermission
    {
        public string Permission => Permissions.WelfareRead;
    }

    public sealed class Validator : AbstractValidator<Query>
    {
        public Validator(IStringLocalizer<Strings> l) => RuleFor(q => q.Month).Must(WelfareMonth.IsValid).WithMessage(l["Welfare.Month.Invalid"]);
    }

    public sealed class Handler(IDbContextFactory<EldercareDbContext> dbs, ICurrentUser user, RegionDirectory regions) : IQueryHandler<Query, AllowanceMonthView>
    {
        public async ValueTask<AllowanceMonthView> Handle(Query query, CancellationToken cancellationToken)
        {
            await using var db = await dbs.CreateDbContextAsync(cancellationToken);
            var lists = await db.Set<AllowanceList>().AsNoTracking().InScopeOf(user).Where(a => a.Month == query.Month).ToListAsync(cancellationToken);
            var all = await regions.AllAsync(cancellationToken);
            var views = lists.OrderBy(a => a.RegionCode, StringComparer.Ordinal).Select(a => AllowanceViews.Summary(a, all)).ToList();
            return new AllowanceMonthView(query.Month, views.Sum(v => v.Elders), views.Sum(v => v.Total), views);
        }
    }
}

/// <summary>One village's list with every line and what explains it (age on the day before the month, band, amount).</summary>
public static class GetAllowanceList
{
    public sealed record Query(Guid Id) : IQuery<Result<AllowanceListDetails>>, IRequirePermission
    {
        public string Permission => Permissions.WelfareRead;
    }

    public sealed class Handler(IDbContextFactory<EldercareDbContext> dbs, ICurrentUser user, RegionDirectory regions) : IQueryHandler<Query, Result<AllowanceListDetails>>
    {
        public async ValueTask<Result<AllowanceListDetails>> Handle(Query query, CancellationToken cancellationToken)
        {
            await using var db = await dbs.CreateDbContextAsync(cancellationToken);
            var list = await db.Set<AllowanceList>().AsNoTracking().InScopeOf(user).Include(a => a.Lines).SingleOrDefaultAsync(a => a.Id == query.Id, cancellationToken);
            if (list is null)
            {
                return Result.NotFound().As<AllowanceListDetails>();
            }

            var all = await regions.AllAsync(cancellationToken);
            return new AllowanceListDetails(AllowanceViews.Summary(list, all), AllowanceRules.AgeDay(list.Month),
                [.. list.Lines.OrderBy(x => x.BirthDate).ThenBy(x => x.ElderId).Select(AllowanceViews.Line)]);
        }
    }
}

/// <summary>The village approves its list, then the street, then the district; each level once.</summary>
public static class ApproveAllowanceList
{
    public sealed record Command(Guid Id) : ICommand<Result>, IRequirePermission
    {
        public string Permission => Permissions.WelfareApprove;
    }

    public sealed class Handler(IDbContextFactory<EldercareDbContext> dbs, ICurrentUser user, ILiveUpdates live, TimeProvider clock, IStringLocalizer<Strings> l) : ICommandHandler<Command, Result>
    {
        public async ValueTask<Result> Handle(Command command, CancellationToken cancellationToken)
        {
            await using var db = await dbs.CreateDbContextAsync(cancellationToken);
            var list = await db.Set<AllowanceList>().InScopeOf(user).SingleOrDefaultAsync(a => a.Id == command.Id, cancellationToken);
            if (list is null)
            {
                return Result.NotFound();
            }

            var now = clock.UtcNow();
            var approved = list.Approve(Region.LevelOf(user.RegionCode) ?? RegionLevel.Village, user.DisplayName, now);
            if (!approved.IsSuccess)
            {
                return approved.Localized(l);
            }

            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateConcurrencyException)
            {
                return Result.Conflict(l["Common.ChangedByOthers"]);
            }

            await live.PublishAsync(new LiveUpdate(Guid.CreateVersion7(), list.RegionCode, "welfare.allowance.approved", list.Id.ToString(), now), cancellationToken);
            return Result.Ok();
        }
    }
}

/// <summary>
/// A street or the district approves, in one go, every list of the month in its scope that the level below approved;
/// refused when there is none (for instance, approving the month a second time).
/// </summary>
public static class ApproveAllowanceMonth
{
    public sealed record Command(int Month) : ICommand<Result<int>>, IRequirePermission
    {
        public string Permission => Permissions.WelfareApprove;
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator(IStringLocalizer<Strings> l) => RuleFor(c => c.Month).Must(WelfareMonth.IsValid).WithMessage(l["Welfare.Month.Invalid"]);
    }

    public sealed class Handler(IDbContextFactory<EldercareDbContext> dbs, ICurrentUser user, ILiveUpdates live, TimeProvider clock, IStringLocalizer<Strings> l) : ICommandHandler<Command, Result<int>>
    {
        public async ValueTask<Result<int>> Handle(Command command, CancellationToken cancellationToken)
        {
            var level = Region.LevelOf(user.RegionCode) ?? RegionLevel.Village;
            var ready = level switch
            {
                RegionLevel.District => AllowanceListStatus.StreetApproved,
                RegionLevel.Street => AllowanceListStatus.VillageApproved,
                _ => AllowanceListStatus.Draft,
            };
            await using var db = await dbs.CreateDbContextAsync(cancellationToken);
            var lists = await db.Set<AllowanceList>().InScopeOf(user).Where(a => a.Month == command.Month && a.Status == ready).ToListAsync(cancellationToken);
            if (lists.Count == 0)
            {
                return Result.Conflict(l["Welfare.Allowance.NothingToApprove"]).As<int>();
            }

            var now = clock.UtcNow();
            foreach (var list in lists)
            {
                list.Approve(level, user.DisplayName, now);
            }

            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateConcurrencyException)
            {
                return Result.Conflict(l["Common.ChangedByOthers"]).As<int>();
            }

            await live.PublishAsync(new LiveUpdate(Guid.CreateVersion7(), user.RegionCode, "welfare.allowance.approved", WelfareMonth.Label(command.Month), now), cancellationToken);
            return lists.Count;
        }
    }
}

public sealed record OverpaymentView(Guid Id, Guid ElderId, string ElderName, string RegionCode, string RegionName, int Month, decimal Amount, SmartEldercare.Platform.Elders.ElderStatus Reason, DateOnly StatusDate, DateTime FoundAtUtc, bool Recovered);

/// <summary>Overpayments to recover in the scope, newest month first.</summary>
public static class ListOverpayments
{
    public sealed record Query : IQuery<IReadOnlyList<OverpaymentView>>, IRequirePermission
    {
        public string Permission => Permissions.WelfareRead;
    }

    public sealed class Handler(IDbContextFactory<EldercareDbContext> dbs, ICurrentUser user, RegionDirectory regions) : IQueryHandler<Query, IReadOnlyList<OverpaymentView>>
    {
        public async ValueTask<IReadOnlyList<OverpaymentView>> Handle(Query query, CancellationToken cancellationToken)
        {
            await using var db = await dbs.CreateDbContextAsync(cancellationToken);
            var found = await db.Set<Overpayment>().AsNoTracking().InScopeOf(user).OrderByDescending(o => o.Month).Take(500).ToListAsync(cancellationToken);
            var all = await regions.AllAsync(cancellationToken);
            return [.. found.OrderByDescending(o => o.Month).ThenBy(o => o.ElderName, StringComparer.Ordinal)
                .Select(o => new OverpaymentView(o.Id, o.ElderId, o.ElderName, o.RegionCode, all.GetValueOrDefault(o.RegionCode)?.Name ?? o.RegionCode, o.Month, o.Amount, o.Reason, o.StatusDate, o.FoundAtUtc, o.Recovered))];
        }
    }
}
