using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using SmartEldercare.Facilities.Staff;
using SmartEldercare.Platform.Behaviors;
using SmartEldercare.Platform.Common;
using SmartEldercare.Platform.Identity;
using SmartEldercare.Platform.Live;
using SmartEldercare.Platform.Localization;
using SmartEldercare.Platform.Persistence;

namespace SmartEldercare.Facilities.Features.Staff;

public sealed record StaffItem(Guid Id, string Name, StaffRole Role, string? Certificate, DateOnly? CertificateValidUntil, bool CertificateExpired, bool Active,
    IReadOnlyList<ShiftKind> OnDutyToday, int Version);

/// <param name="Day">Today (Shanghai).</param>
/// <param name="Staff">Everyone, active first.</param>
/// <param name="Shifts">Today's day and night shift: carers on duty against the required number.</param>
/// <param name="CountByRole">Active staff per role.</param>
public sealed record Roster(DateOnly Day, IReadOnlyList<StaffItem> Staff, IReadOnlyList<ShiftStaffing> Shifts, IReadOnlyDictionary<StaffRole, int> CountByRole);

/// <summary>An institution's staff by role with certificates, who is on duty today, and each shift against the carer ratio.</summary>
public static class GetRoster
{
    public sealed record Query(Guid OrganisationId) : IQuery<Result<Roster>>, IRequirePermission
    {
        public string Permission => Permissions.FacilitiesRead;
    }

    public sealed class Handler(IDbContextFactory<EldercareDbContext> dbs, FacilityAccess access, TimeProvider clock) : IQueryHandler<Query, Result<Roster>>
    {
        public async ValueTask<Result<Roster>> Handle(Query query, CancellationToken cancellationToken)
        {
            await using var db = await dbs.CreateDbContextAsync(cancellationToken);
            if (await access.FindAsync(db, query.OrganisationId, cancellationToken) is null)
            {
                return Result.NotFound().As<Roster>();
            }

            var today = clock.Today();
            var staff = await db.Set<StaffMember>().AsNoTracking().Where(s => s.OrganisationId == query.OrganisationId)
                .OrderByDescending(s => s.Active).ThenBy(s => s.Role).ThenBy(s => s.Name).ToListAsync(cancellationToken);
            var shifts = await db.Set<Shift>().AsNoTracking().Where(s => s.OrganisationId == query.OrganisationId && s.Date == today)
                .Select(s => new { s.StaffId, s.Kind }).ToListAsync(cancellationToken);
            var staffing = (await StaffingWatch.ForAsync(db, [query.OrganisationId], today, cancellationToken))[query.OrganisationId];
            return Result<Roster>.Ok(new Roster(today,
                [.. staff.Select(s => new StaffItem(s.Id, s.Name, s.Role, s.Certificate, s.CertificateValidUntil, s.CertificateExpiredOn(today), s.Active,
                    [.. shifts.Where(x => x.StaffId == s.Id).Select(x => x.Kind).Order()], s.Version))],
                staffing,
                Enum.GetValues<StaffRole>().ToDictionary(r => r, r => staff.Count(s => s.Active && s.Role == r))));
        }
    }
}

/// <summary>Adds a staff member or changes one (role, certificate and its expiry, active).</summary>
public static class SaveStaff
{
    public sealed class Command : ICommand<Result<Guid>>, IRequirePermission
    {
        public Guid? Id { get; set; }

        public Guid OrganisationId { get; set; }

        public string Name { get; set; } = string.Empty;

        public StaffRole Role { get; set; }

        public string? Certificate { get; set; }

        public DateOnly? CertificateValidUntil { get; set; }

        public bool Active { get; set; } = true;

        public string Permission => Permissions.FacilitiesManage;
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator(IStringLocalizer<Strings> l)
        {
            RuleFor(c => c.Name).Must(n => !string.IsNullOrWhiteSpace(n)).WithMessage(l["Facilities.Staff.NameRequired"])
                .MaximumLength(StaffMember.NameMaxLength).WithMessage(l["Validation.MaxLength", StaffMember.NameMaxLength]);
            RuleFor(c => c.Role).IsInEnum().WithMessage(l["Validation.Choice"]);
            RuleFor(c => c.Certificate).MaximumLength(StaffMember.CertificateMaxLength).WithMessage(l["Validation.MaxLength", StaffMember.CertificateMaxLength]);
        }
    }

    public sealed class Handler(IDbContextFactory<EldercareDbContext> dbs, FacilityAccess access, StaffingWatch staffing, IStringLocalizer<Strings> l)
        : ICommandHandler<Command, Result<Guid>>
    {
        public async ValueTask<Result<Guid>> Handle(Command command, CancellationToken cancellationToken)
        {
            await using var db = await dbs.CreateDbContextAsync(cancellationToken);
            var org = await access.FindAsync(db, command.OrganisationId, cancellationToken);
            if (org is null)
            {
                return Result.NotFound().As<Guid>();
            }

            StaffMember member;
            if (command.Id is { } id)
            {
                var found = await db.Set<StaffMember>().SingleOrDefaultAsync(s => s.Id == id && s.OrganisationId == org.Id, cancellationToken);
                if (found is null)
                {
                    return Result.NotFound().As<Guid>();
                }

                member = found;
                member.Name = command.Name.Trim();
                member.Version++;
            }
            else
            {
                member = new StaffMember { OrganisationId = org.Id, RegionCode = org.RegionCode, Name = command.Name.Trim() };
                db.Add(member);
            }

            member.Role = command.Role;
            member.Certificate = string.IsNullOrWhiteSpace(command.Certificate) ? null : command.Certificate.Trim();
            member.CertificateValidUntil = command.CertificateValidUntil;
            member.Active = command.Active;
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateConcurrencyException)
            {
                return Result.Conflict(l["Common.ChangedByOthers"]).As<Guid>();
            }

            await staffing.PublishIfBelowAsync(org.Id, org.RegionCode, cancellationToken);
            return Result<Guid>.Ok(member.Id);
        }
    }
}

/// <summary>Puts a staff member on (or takes them off) a day's day or night shift; a shift falling below the ratio warns live.</summary>
public static class SetShift
{
    public sealed record Command(Guid StaffId, DateOnly Date, ShiftKind Kind, bool OnDuty) : ICommand<Result>, IRequirePermission
    {
        public string Permission => Permissions.FacilitiesManage;
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator(IStringLocalizer<Strings> l, TimeProvider clock)
        {
            RuleFor(c => c.Kind).IsInEnum().WithMessage(l["Validation.Choice"]);
            RuleFor(c => c.Date).Must(d => d >= clock.Today().AddDays(-1) && d <= clock.Today().AddDays(60)).WithMessage(l["Facilities.Shift.DateRange"]);
        }
    }

    public sealed class Handler(IDbContextFactory<EldercareDbContext> dbs, FacilityAccess access, StaffingWatch staffing) : ICommandHandler<Command, Result>
    {
        public async ValueTask<Result> Handle(Command command, CancellationToken cancellationToken)
        {
            await using var db = await dbs.CreateDbContextAsync(cancellationToken);
            var member = await (await access.RecordsAsync<StaffMember>(db, cancellationToken)).AsNoTracking().SingleOrDefaultAsync(s => s.Id == command.StaffId, cancellationToken);
            if (member is null)
            {
                return Result.NotFound();
            }

            var existing = await db.Set<Shift>().Where(s => s.StaffId == member.Id && s.Date == command.Date && s.Kind == command.Kind).ToListAsync(cancellationToken);
            if (command.OnDuty && existing.Count == 0)
            {
                db.Add(new Shift { OrganisationId = member.OrganisationId, RegionCode = member.RegionCode, StaffId = member.Id, Date = command.Date, Kind = command.Kind });
            }
            else if (!command.OnDuty)
            {
                db.RemoveRange(existing);
            }

            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateException)
            {
                // The same shift added twice at once: it is there, which is what was asked.
            }

            await staffing.PublishIfBelowAsync(member.OrganisationId, member.RegionCode, cancellationToken);
            return Result.Ok();
        }
    }
}

public sealed record CareRatioItem(int CareLevel, int ResidentsPerCarer);

/// <summary>Residents per carer by care level (defaults until an admin changes them).</summary>
public static class GetCareRatios
{
    public sealed record Query : IQuery<IReadOnlyList<CareRatioItem>>, IRequirePermission
    {
        public string Permission => Permissions.FacilitiesRead;
    }

    public sealed class Handler(IDbContextFactory<EldercareDbContext> dbs) : IQueryHandler<Query, IReadOnlyList<CareRatioItem>>
    {
        public async ValueTask<IReadOnlyList<CareRatioItem>> Handle(Query query, CancellationToken cancellationToken)
        {
            await using var db = await dbs.CreateDbContextAsync(cancellationToken);
            return [.. (await StaffingWatch.RatiosAsync(db, cancellationToken)).OrderBy(r => r.Key).Select(r => new CareRatioItem(r.Key, r.Value))];
        }
    }
}

/// <summary>Sets the required ratio: for each care level, how many residents one carer on a shift may look after.</summary>
public static class SaveCareRatios
{
    public sealed record Command(IReadOnlyList<CareRatioItem> Ratios) : ICommand<Result>, IRequirePermission
    {
        public string Permission => Permissions.FacilitiesAdmin;
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator(IStringLocalizer<Strings> l)
        {
            RuleFor(c => c.Ratios).NotNull().WithMessage(l["Facilities.Ratio.Range"]);
            RuleForEach(c => c.Ratios).Must(r => r.CareLevel is >= 0 and <= 4 && r.ResidentsPerCarer is >= 1 and <= 50).WithMessage(l["Facilities.Ratio.Range"]);
        }
    }

    public sealed class Handler(IDbContextFactory<EldercareDbContext> dbs, ILiveUpdates live, ICurrentUser user, TimeProvider clock) : ICommandHandler<Command, Result>
    {
        public async ValueTask<Result> Handle(Command command, CancellationToken cancellationToken)
        {
            await using var db = await dbs.CreateDbContextAsync(cancellationToken);
            var stored = await db.Set<CareRatio>().ToDictionaryAsync(r => r.CareLevel, cancellationToken);
            foreach (var ratio in command.Ratios)
            {
                if (stored.TryGetValue(ratio.CareLevel, out var row))
                {
                    row.ResidentsPerCarer = ratio.ResidentsPerCarer;
                    row.Version++;
                }
                else
                {
                    db.Add(new CareRatio { CareLevel = ratio.CareLevel, ResidentsPerCarer = ratio.ResidentsPerCarer });
                }
            }

            await db.SaveChangesAsync(cancellationToken);
            // Every board of the admin's scope re-reads the shifts against the new ratio.
            await live.PublishAsync(new LiveUpdate(Guid.CreateVersion7(), user.RegionCode, FacilityLive.Prefix + "ratios", null, clock.UtcNow()), cancellationToken);
            return Result.Ok();
        }
    }
}
