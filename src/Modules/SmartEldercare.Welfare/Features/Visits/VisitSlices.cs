using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using SmartEldercare.Platform.Behaviors;
using SmartEldercare.Platform.Common;
using SmartEldercare.Platform.Elders;
using SmartEldercare.Platform.Identity;
using SmartEldercare.Platform.Live;
using SmartEldercare.Platform.Localization;
using SmartEldercare.Platform.Persistence;
using SmartEldercare.Platform.Regions;
using SmartEldercare.Welfare.Features.Away;
using SmartEldercare.Welfare.Visits;

namespace SmartEldercare.Welfare.Features.Visits;

public sealed record VisitView(
    Guid Id, Guid ElderId, string ElderName, string RegionCode, string RegionName, RiskTier Tier, VisitReason Reason, DateOnly DueDate, string? AssignedToName,
    VisitStatus Status, DateOnly? VisitedOn, VisitMode? Mode, Wellbeing? Health, Wellbeing? Mood, Wellbeing? HomeSafety, string? Needs, FollowUps FollowUps, string? Notes, string? RecordedBy);

internal static class VisitViews
{
    public static VisitView Of(Visit v, IReadOnlyDictionary<string, Region> regions) => new(
        v.Id, v.ElderId, v.ElderName, v.RegionCode, regions.GetValueOrDefault(v.RegionCode)?.Name ?? v.RegionCode, v.Tier, v.Reason, v.DueDate, v.AssignedToName,
        v.Status, v.VisitedOn, v.Mode, v.Health, v.Mood, v.HomeSafety, v.Needs, v.FollowUps, v.Notes, v.RecordedBy);

    /// <summary>Planned visits of the scope due before today whose elder is not away or in hospital today (those warnings are suppressed).</summary>
    public static async Task<List<Visit>> OverdueAsync(EldercareDbContext db, ICurrentUser user, IEnumerable<IHospitalStays> hospitals, DateOnly today, CancellationToken ct)
    {
        var overdue = await Overdue(db, user, today).ToListAsync(ct);
        var absent = await Absences.AbsentOnAsync(db, hospitals, [.. overdue.Select(v => v.ElderId)], today, ct);
        return [.. overdue.Where(v => !absent.Contains(v.ElderId))];
    }

    /// <summary>The scope's planned visits past their due date, oldest first (before leaving out the elders away in hospital).</summary>
    public static IQueryable<Visit> Overdue(EldercareDbContext db, ICurrentUser user, DateOnly today) =>
        db.Set<Visit>().AsNoTracking().InScopeOf(user).Where(v => v.Status == VisitStatus.Planned && v.DueDate < today)
            .OrderBy(v => v.DueDate).ThenBy(v => v.Id).Take(5000);
}

/// <summary>Plans the scope's visits now (the background scheduler does the same every hour for the district).</summary>
public static class ScheduleVisits
{
    public sealed record Command : ICommand<int>, IRequirePermission
    {
        public string Permission => Permissions.WelfareCare;
    }

    public sealed class Handler(VisitScheduler scheduler, ICurrentUser user) : ICommandHandler<Command, int>
    {
        public async ValueTask<int> Handle(Command command, CancellationToken cancellationToken) => await scheduler.PlanAsync(user.RegionCode, cancellationToken);
    }
}

/// <summary>The overdue visits of the scope, the longest overdue first (elders away or in hospital today left out).</summary>
public static class ListOverdueVisits
{
    public sealed record Query(int Page = 1, int PageSize = 50) : IQuery<PagedResult<VisitView>>, IRequirePermission
    {
        public string Permission => Permissions.WelfareRead;
    }

    public sealed class Validator : AbstractValidator<Query>
    {
        public Validator(IStringLocalizer<Strings> l)
        {
            RuleFor(q => q.Page).InclusiveBetween(1, 10_000).WithMessage(l["Validation.PageInvalid"]);
            RuleFor(q => q.PageSize).InclusiveBetween(1, 200).WithMessage(l["Validation.PageSizeInvalid", 200]);
        }
    }

    public sealed class Handler(IDbContextFactory<EldercareDbContext> dbs, ICurrentUser user, IEnumerable<IHospitalStays> hospitals, RegionDirectory regions, TimeProvider clock)
        : IQueryHandler<Query, PagedResult<VisitView>>
    {
        public async ValueTask<PagedResult<VisitView>> Handle(Query query, CancellationToken cancellationToken)
        {
            await using var db = await dbs.CreateDbContextAsync(cancellationToken);
            var overdue = await VisitViews.OverdueAsync(db, user, hospitals, clock.Today(), cancellationToken);
            var all = await regions.AllAsync(cancellationToken);
            return new PagedResult<VisitView>([.. overdue.Skip((query.Page - 1) * query.PageSize).Take(query.PageSize).Select(v => VisitViews.Of(v, all))], overdue.Count, query.Page, query.PageSize);
        }
    }
}

/// <summary>How many visits of the scope are overdue (the consoles' banner).</summary>
public static class CountOverdueVisits
{
    public sealed record Query : IQuery<int>, IRequirePermission
    {
        public string Permission => Permissions.WelfareRead;
    }

    public sealed class Handler(IDbContextFactory<EldercareDbContext> dbs, ICurrentUser user, IEnumerable<IHospitalStays> hospitals, TimeProvider clock) : IQueryHandler<Query, int>
    {
        public async ValueTask<int> Handle(Query query, CancellationToken cancellationToken)
        {
            // Above every page (the banner): only the elders' ids of the overdue visits, not the visits.
            await using var db = await dbs.CreateDbContextAsync(cancellationToken);
            var today = clock.Today();
            var elders = await VisitViews.Overdue(db, user, today).Select(v => v.ElderId).ToListAsync(cancellationToken);
            var absent = await Absences.AbsentOnAsync(db, hospitals, elders, today, cancellationToken);
            return elders.Count(e => !absent.Contains(e));
        }
    }
}

/// <summary>The visit calendar: planned and done visits of the scope between two days (at most 1,000).</summary>
public static class ListVisits
{
    public sealed record Query(DateOnly From, DateOnly To, Guid? ElderId = null) : IQuery<IReadOnlyList<VisitView>>, IRequirePermission
    {
        public string Permission => Permissions.WelfareRead;
    }

    public sealed class Validator : AbstractValidator<Query>
    {
        public Validator(IStringLocalizer<Strings> l) => RuleFor(q => q.To).Must((q, to) => to >= q.From && to.DayNumber - q.From.DayNumber <= 92).WithMessage(l["Welfare.Visit.WindowInvalid"]);
    }

    public sealed class Handler(IDbContextFactory<EldercareDbContext> dbs, ICurrentUser user, RegionDirectory regions) : IQueryHandler<Query, IReadOnlyList<VisitView>>
    {
        public async ValueTask<IReadOnlyList<VisitView>> Handle(Query query, CancellationToken cancellationToken)
        {
            await using var db = await dbs.CreateDbContextAsync(cancellationToken);
            var visits = await db.Set<Visit>().AsNoTracking().InScopeOf(user)
                .Where(v => query.ElderId == null || v.ElderId == query.ElderId)
                .Where(v => (v.Status == VisitStatus.Planned && v.DueDate >= query.From && v.DueDate <= query.To) || (v.Status == VisitStatus.Done && v.VisitedOn >= query.From && v.VisitedOn <= query.To))
                .OrderBy(v => v.DueDate).ThenBy(v => v.Id).Take(1000).ToListAsync(cancellationToken);
            var all = await regions.AllAsync(cancellationToken);
            return [.. visits.Select(v => VisitViews.Of(v, all))];
        }
    }
}

/// <summary>
/// A village worker records a visit (at home or by phone) with the wellbeing checklist and follow-ups; the elder's
/// next routine visit is planned one tier interval later, and the consoles of the village, its street and the
/// district see the overdue count change at once.
/// </summary>
public static class RecordVisit
{
    public sealed record Command(Guid VisitId, DateOnly VisitedOn, VisitMode Mode, Wellbeing Health, Wellbeing Mood, Wellbeing HomeSafety, string? Needs, FollowUps FollowUps, string? Notes)
        : ICommand<Result>, IRequirePermission
    {
        public string Permission => Permissions.WelfareCare;
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator(IStringLocalizer<Strings> l, TimeProvider clock)
        {
            RuleFor(c => c.VisitedOn).Must(d => d <= clock.Today()).WithMessage(l["Welfare.Visit.Future"])
                .Must(d => d >= clock.Today().AddDays(-60)).WithMessage(l["Welfare.Visit.TooOld"]);
            RuleFor(c => c.Mode).IsInEnum().WithMessage(l["Validation.Choice"]);
            RuleFor(c => c.Health).IsInEnum().WithMessage(l["Validation.Choice"]);
            RuleFor(c => c.Mood).IsInEnum().WithMessage(l["Validation.Choice"]);
            RuleFor(c => c.HomeSafety).IsInEnum().WithMessage(l["Validation.Choice"]);
            RuleFor(c => c.FollowUps).Must(f => (f & ~(FollowUps.HomeServiceOrder | FollowUps.Concern)) == 0).WithMessage(l["Validation.Choice"]);
            RuleFor(c => c.Needs).MaximumLength(Visit.TextMaxLength).WithMessage(l["Validation.MaxLength", Visit.TextMaxLength]);
            RuleFor(c => c.Notes).MaximumLength(Visit.TextMaxLength).WithMessage(l["Validation.MaxLength", Visit.TextMaxLength]);
        }
    }

    public sealed class Handler(IDbContextFactory<EldercareDbContext> dbs, ICurrentUser user, ILiveUpdates live, WelfareOptions options, TimeProvider clock, IStringLocalizer<Strings> l)
        : ICommandHandler<Command, Result>
    {
        public async ValueTask<Result> Handle(Command command, CancellationToken cancellationToken)
        {
            await using var db = await dbs.CreateDbContextAsync(cancellationToken);
            var visit = await db.Set<Visit>().InScopeOf(user).SingleOrDefaultAsync(v => v.Id == command.VisitId, cancellationToken);
            if (visit is null)
            {
                return Result.NotFound();
            }

            var now = clock.UtcNow();
            var recorded = visit.Record(command.VisitedOn, command.Mode, command.Health, command.Mood, command.HomeSafety, Trim(command.Needs), command.FollowUps, Trim(command.Notes), user.DisplayName, now);
            if (!recorded.IsSuccess)
            {
                return recorded.Localized(l);
            }

            // The routine visit is what keeps the rhythm: the next one is due a tier interval after this visit.
            var openRoutine = await db.Set<Visit>().AnyAsync(v => v.ElderId == visit.ElderId && v.Status == VisitStatus.Planned && v.Reason == VisitReason.Routine && v.Id != visit.Id, cancellationToken);
            var next = command.VisitedOn.AddDays(options.EveryDays(visit.Tier));
            if (!openRoutine && !await db.Set<Visit>().AnyAsync(v => v.ElderId == visit.ElderId && v.Reason == VisitReason.Routine && v.DueDate == next, cancellationToken))
            {
                db.Add(new Visit
                {
                    ElderId = visit.ElderId, ElderName = visit.ElderName, RegionCode = visit.RegionCode, Tier = visit.Tier, Reason = VisitReason.Routine, DueDate = next,
                    AssignedToId = visit.AssignedToId, AssignedToName = visit.AssignedToName, CreatedAtUtc = now,
                });
            }

            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateException)
            {
                return Result.Conflict(l["Common.ChangedByOthers"]);
            }

            await live.PublishAsync(new LiveUpdate(Guid.CreateVersion7(), visit.RegionCode, "welfare.visit.done", visit.Id.ToString(), now), cancellationToken);
            if (command.FollowUps.HasFlag(FollowUps.Concern))
            {
                await live.PublishAsync(new LiveUpdate(Guid.CreateVersion7(), visit.RegionCode, "welfare.concern", visit.ElderId.ToString(), now), cancellationToken);
            }

            return Result.Ok();
        }

        private static string? Trim(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
    }
}

public sealed record CoverageRow(string Code, string Name, RegionLevel Level, int Due, int Done)
{
    public double? Rate => Due == 0 ? null : (double)Done / Due;
}

/// <summary>A month's visit coverage: of the visits due in the month, how many were done, per village and street (one grouped query).</summary>
public static class GetVisitCoverage
{
    public sealed record Query(int Month) : IQuery<IReadOnlyList<CoverageRow>>, IRequirePermission
    {
        public string Permission => Permissions.WelfareRead;
    }

    public sealed class Validator : AbstractValidator<Query>
    {
        public Validator(IStringLocalizer<Strings> l) => RuleFor(q => q.Month).Must(WelfareMonth.IsValid).WithMessage(l["Welfare.Month.Invalid"]);
    }

    public sealed class Handler(IDbContextFactory<EldercareDbContext> dbs, ICurrentUser user, RegionDirectory regions) : IQueryHandler<Query, IReadOnlyList<CoverageRow>>
    {
        public async ValueTask<IReadOnlyList<CoverageRow>> Handle(Query query, CancellationToken cancellationToken)
        {
            var (first, last) = (WelfareMonth.FirstDay(query.Month), WelfareMonth.LastDay(query.Month));
            await using var db = await dbs.CreateDbContextAsync(cancellationToken);
            var rows = await db.Set<Visit>().AsNoTracking().InScopeOf(user).Where(v => v.DueDate >= first && v.DueDate <= last)
                .GroupBy(v => v.RegionCode).Select(g => new { Code = g.Key, Due = g.Count(), Done = g.Sum(v => v.Status == VisitStatus.Done ? 1 : 0) })
                .ToListAsync(cancellationToken);
            var all = await regions.AllAsync(cancellationToken);
            string NameOf(string code) => all.GetValueOrDefault(code)?.Name ?? code;
            var villages = rows.Select(r => new CoverageRow(r.Code, NameOf(r.Code), RegionLevel.Village, r.Due, r.Done)).ToList();
            var streets = villages.GroupBy(v => v.Code[..Math.Min(9, v.Code.Length)]).Select(g => new CoverageRow(g.Key, NameOf(g.Key), RegionLevel.Street, g.Sum(v => v.Due), g.Sum(v => v.Done)));
            return [.. streets.Concat(villages).OrderBy(r => r.Code, StringComparer.Ordinal)];
        }
    }
}
