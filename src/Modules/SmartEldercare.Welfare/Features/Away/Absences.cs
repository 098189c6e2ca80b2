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
using SmartEldercare.Welfare.Away;

namespace SmartEldercare.Welfare.Features.Away;

public enum AbsenceKind
{
    Away,
    Hospital,
}

/// <param name="Id">The away period's id (null for a hospital stay, which the home-service module keeps).</param>
/// <param name="Kind">Away or in hospital.</param>
/// <param name="From">The first day.</param>
/// <param name="To">The last day, or null while it lasts.</param>
/// <param name="Note">Staff's note.</param>
public sealed record AbsenceView(Guid? Id, AbsenceKind Kind, DateOnly From, DateOnly? To, string? Note);

/// <summary>Away periods (this module's) and hospital stays (through the platform contract), batched for many elders.</summary>
internal static class Absences
{
    /// <summary>Those of <paramref name="elderIds"/> away or in hospital on <paramref name="day"/>.</summary>
    public static async Task<HashSet<Guid>> AbsentOnAsync(EldercareDbContext db, IEnumerable<IHospitalStays> hospitals, IReadOnlyCollection<Guid> elderIds, DateOnly day, CancellationToken ct)
    {
        var absent = new HashSet<Guid>();
        if (elderIds.Count == 0)
        {
            return absent;
        }

        foreach (var chunk in elderIds.Distinct().Chunk(500))
        {
            absent.UnionWith(await db.Set<AwayPeriod>().AsNoTracking()
                .Where(a => chunk.Contains(a.ElderId) && a.From <= day && (a.To == null || a.To >= day)).Select(a => a.ElderId).ToListAsync(ct));
        }

        foreach (var hospital in hospitals)
        {
            absent.UnionWith((await hospital.OverlappingAsync(elderIds, day, day, ct)).Select(h => h.ElderId));
        }

        return absent;
    }
}

/// <summary>Staff record an elder's away period (外出报备); it may not share a day with another away period or a hospital stay.</summary>
public static class RecordAway
{
    public const int MaxDaysAhead = 30;

    public sealed record Command(Guid ElderId, DateOnly From, DateOnly? To, string? Note) : ICommand<Result<Guid>>, IRequirePermission
    {
        public string Permission => Permissions.WelfareCare;
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator(IStringLocalizer<Strings> l, TimeProvider clock)
        {
            RuleFor(c => c.To).Must((c, to) => to is null || to >= c.From).WithMessage(l["Welfare.Away.Range"]);
            RuleFor(c => c.From).Must(from => from <= clock.Today().AddDays(MaxDaysAhead)).WithMessage(l["Welfare.Away.FromFuture"]);
            RuleFor(c => c.Note).MaximumLength(AwayPeriod.NoteMaxLength).WithMessage(l["Validation.MaxLength", AwayPeriod.NoteMaxLength]);
        }
    }

    public sealed class Handler(IDbContextFactory<EldercareDbContext> dbs, ICurrentUser user, IEnumerable<IHospitalStays> hospitals, TimeProvider clock, IStringLocalizer<Strings> l)
        : ICommandHandler<Command, Result<Guid>>
    {
        public async ValueTask<Result<Guid>> Handle(Command command, CancellationToken cancellationToken)
        {
            await using var db = await dbs.CreateDbContextAsync(cancellationToken);
            var elder = await db.Elders.AsNoTracking().InScopeOf(user).Select(e => new { e.Id, e.RegionCode }).SingleOrDefaultAsync(e => e.Id == command.ElderId, cancellationToken);
            if (elder is null)
            {
                return Result.NotFound().As<Guid>();
            }

            var periods = await db.Set<AwayPeriod>().AsNoTracking().Where(a => a.ElderId == elder.Id).ToListAsync(cancellationToken);
            var overlapsAway = periods.Any(a => AwayPeriod.Overlap(a.From, a.To, command.From, command.To));
            var overlapsHospital = false;
            foreach (var hospital in hospitals)
            {
                overlapsHospital |= (await hospital.OverlappingAsync([elder.Id], command.From, command.To ?? DateOnly.MaxValue, cancellationToken)).Count > 0;
            }

            if (overlapsAway || overlapsHospital)
            {
                return Result.Invalid(nameof(Command.From), l["Welfare.Away.Overlap"]).As<Guid>();
            }

            var period = new AwayPeriod
            {
                ElderId = elder.Id, RegionCode = elder.RegionCode, From = command.From, To = command.To,
                Note = string.IsNullOrWhiteSpace(command.Note) ? null : command.Note.Trim(), RecordedBy = user.DisplayName, RecordedAtUtc = clock.UtcNow(),
            };
            db.Add(period);
            await db.SaveChangesAsync(cancellationToken);
            return period.Id;
        }
    }
}

/// <summary>The elder is back: the away period ends on the given day.</summary>
public static class EndAway
{
    public sealed record Command(Guid Id, DateOnly To) : ICommand<Result>, IRequirePermission
    {
        public string Permission => Permissions.WelfareCare;
    }

    public sealed class Handler(IDbContextFactory<EldercareDbContext> dbs, ICurrentUser user, IStringLocalizer<Strings> l) : ICommandHandler<Command, Result>
    {
        public async ValueTask<Result> Handle(Command command, CancellationToken cancellationToken)
        {
            await using var db = await dbs.CreateDbContextAsync(cancellationToken);
            var period = await db.Set<AwayPeriod>().InScopeOf(user).SingleOrDefaultAsync(a => a.Id == command.Id, cancellationToken);
            if (period is null)
            {
                return Result.NotFound();
            }

            var ended = period.End(command.To);
            if (!ended.IsSuccess)
            {
                return ended.Localized(l);
            }

            await db.SaveChangesAsync(cancellationToken);
            return Result.Ok();
        }
    }
}

/// <summary>An elder's away periods and hospital stays, newest first.</summary>
public static class ListAbsences
{
    public sealed record Query(Guid ElderId) : IQuery<Result<IReadOnlyList<AbsenceView>>>, IRequirePermission
    {
        public string Permission => Permissions.WelfareRead;
    }

    public sealed class Handler(IDbContextFactory<EldercareDbContext> dbs, ICurrentUser user, IEnumerable<IHospitalStays> hospitals) : IQueryHandler<Query, Result<IReadOnlyList<AbsenceView>>>
    {
        public async ValueTask<Result<IReadOnlyList<AbsenceView>>> Handle(Query query, CancellationToken cancellationToken)
        {
            await using var db = await dbs.CreateDbContextAsync(cancellationToken);
            if (!await db.Elders.InScopeOf(user).AnyAsync(e => e.Id == query.ElderId, cancellationToken))
            {
                return Result.NotFound().As<IReadOnlyList<AbsenceView>>();
            }

            var list = (await db.Set<AwayPeriod>().AsNoTracking().Where(a => a.ElderId == query.ElderId).ToListAsync(cancellationToken))
                .Select(a => new AbsenceView(a.Id, AbsenceKind.Away, a.From, a.To, a.Note)).ToList();
            foreach (var hospital in hospitals)
            {
                list.AddRange((await hospital.OverlappingAsync([query.ElderId], DateOnly.MinValue, DateOnly.MaxValue, cancellationToken))
                    .Select(h => new AbsenceView(null, AbsenceKind.Hospital, h.From, h.To, null)));
            }

            return Result<IReadOnlyList<AbsenceView>>.Ok([.. list.OrderByDescending(a => a.From)]);
        }
    }
}
