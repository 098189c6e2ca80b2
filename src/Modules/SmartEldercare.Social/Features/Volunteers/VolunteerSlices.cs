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
using SmartEldercare.Social.Activities;
using SmartEldercare.Social.Features.Activities;
using SmartEldercare.Social.Volunteers;

namespace SmartEldercare.Social.Features.Volunteers;

public sealed record VolunteerRow(Guid Id, string Name, string PhoneMasked, string? Skills, string? Availability, string RegionCode, string RegionName, long BalanceMinutes, long EarnedMinutes, bool HasAccount);

public sealed record ServiceRow(Guid Id, Guid VolunteerId, string VolunteerName, string RegionCode, Guid? ActivityId, string Description, DateTime StartUtc, DateTime EndUtc, int Minutes, ServiceStatus Status, string RecordedBy, string? ConfirmedBy);

public sealed record LedgerRow(long Id, LedgerKind Kind, long Minutes, DateTime AtUtc, string By, string? Note, long RunningBalance);

public sealed record AssignmentRow(Guid ActivityId, string Title, DateTime AssignedAtUtc);

public sealed record VolunteerDetails(VolunteerRow Volunteer, long LedgerSum, IReadOnlyList<ServiceRow> Services, IReadOnlyList<LedgerRow> Ledger, IReadOnlyList<AssignmentRow> Assignments);

public sealed record LeaderRow(int Rank, Guid VolunteerId, string Name, string RegionName, long EarnedMinutes);

public sealed record StreetLeaderboard(string StreetCode, string StreetName, IReadOnlyList<LeaderRow> Leaders);

internal static class VolunteerRows
{
    public static VolunteerRow Row(Volunteer v, IReadOnlyDictionary<string, Region> regions) =>
        new(v.Id, v.Name, Masking.Phone(v.Phone), v.Skills, v.Availability, v.RegionCode, regions.GetValueOrDefault(v.RegionCode)?.Name ?? v.RegionCode, v.BalanceMinutes, v.EarnedMinutes, v.UserId is not null);

    public static ServiceRow Row(ServiceRecord r) =>
        new(r.Id, r.VolunteerId, r.VolunteerName, r.RegionCode, r.ActivityId, r.Description, r.StartUtc, r.EndUtc, r.Minutes, r.Status, r.RecordedBy, r.ConfirmedBy);

    public static DateTime Utc(DateTime local) => TimeZoneInfo.ConvertTimeToUtc(DateTime.SpecifyKind(local, DateTimeKind.Unspecified), ShanghaiTime.Zone);
}

/// <summary>The volunteers of the scope with their time-bank balance.</summary>
public static class ListVolunteers
{
    public sealed record Query : IQuery<IReadOnlyList<VolunteerRow>>, IRequirePermission
    {
        public string Permission => Permissions.SocialRead;
    }

    public sealed class Handler(IDbContextFactory<EldercareDbContext> dbs, ICurrentUser user, RegionDirectory regions) : IQueryHandler<Query, IReadOnlyList<VolunteerRow>>
    {
        public async ValueTask<IReadOnlyList<VolunteerRow>> Handle(Query query, CancellationToken cancellationToken)
        {
            await using var db = await dbs.CreateDbContextAsync(cancellationToken);
            var all = await regions.AllAsync(cancellationToken);
            var volunteers = await db.Set<Volunteer>().AsNoTracking().InScopeOf(user).OrderBy(v => v.RegionCode).ThenBy(v => v.Name).ToListAsync(cancellationToken);
            return [.. volunteers.Select(v => VolunteerRows.Row(v, all))];
        }
    }
}

/// <summary>One volunteer: services, the full ledger with a running balance, and the activities they help at.</summary>
public static class GetVolunteer
{
    public sealed record Query(Guid Id) : IQuery<Result<VolunteerDetails>>, IRequirePermission
    {
        public string Permission => Permissions.SocialRead;
    }

    public sealed class Handler(IDbContextFactory<EldercareDbContext> dbs, ICurrentUser user, RegionDirectory regions) : IQueryHandler<Query, Result<VolunteerDetails>>
    {
        public async ValueTask<Result<VolunteerDetails>> Handle(Query query, CancellationToken cancellationToken)
        {
            await using var db = await dbs.CreateDbContextAsync(cancellationToken);
            var volunteer = await db.Set<Volunteer>().AsNoTracking().InScopeOf(user).SingleOrDefaultAsync(v => v.Id == query.Id, cancellationToken);
            if (volunteer is null)
            {
                return Result.NotFound().As<VolunteerDetails>();
            }

            var services = await db.Set<ServiceRecord>().AsNoTracking().Where(r => r.VolunteerId == volunteer.Id).OrderByDescending(r => r.StartUtc).ToListAsync(cancellationToken);
            var entries = await db.Set<TimeBankEntry>().AsNoTracking().Where(e => e.VolunteerId == volunteer.Id).OrderBy(e => e.Id).ToListAsync(cancellationToken);
            var assignments = await db.Set<VolunteerAssignment>().AsNoTracking().Where(a => a.VolunteerId == volunteer.Id)
                .Join(db.Set<Activity>(), a => a.ActivityId, x => x.Id, (a, x) => new AssignmentRow(x.Id, x.Title, a.AssignedAtUtc)).ToListAsync(cancellationToken);
            long running = 0;
            var ledger = entries.Select(e => new LedgerRow(e.Id, e.Kind, e.Minutes, e.AtUtc, e.By, e.Note, running += e.Minutes)).Reverse().ToList();
            return new VolunteerDetails(VolunteerRows.Row(volunteer, await regions.AllAsync(cancellationToken)), running, [.. services.Select(VolunteerRows.Row)], ledger, assignments);
        }
    }
}

/// <summary>Registers a volunteer of the scope (optionally linked to a sign-in account).</summary>
public static class RegisterVolunteer
{
    public sealed record Command : ICommand<Result<Guid>>, IRequirePermission
    {
        public string Name { get; set; } = string.Empty;

        public string? Phone { get; set; }

        public string? Skills { get; set; }

        public string? Availability { get; set; }

        public string? RegionCode { get; set; }

        public Guid? UserId { get; set; }

        public string Permission => Permissions.SocialManage;
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator(IStringLocalizer<Strings> l)
        {
            RuleFor(c => c.Name).NotEmpty().WithMessage(l["Social.Volunteer.NameRequired"]).MaximumLength(Volunteer.NameMaxLength);
            RuleFor(c => c.Phone).Must(p => PhoneNumber.IsValid(p!)).When(c => !string.IsNullOrEmpty(c.Phone)).WithMessage(l["Social.Volunteer.PhoneInvalid"]);
            RuleFor(c => c.Skills).MaximumLength(Volunteer.TextMaxLength);
            RuleFor(c => c.Availability).MaximumLength(Volunteer.TextMaxLength);
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
            if (command.UserId is { } userId && !await db.Users.AnyAsync(u => u.Id == userId, cancellationToken))
            {
                return Result.Invalid(nameof(Command.UserId), l["Social.Volunteer.AccountUnknown"]).As<Guid>();
            }

            var volunteer = new Volunteer
            {
                Name = command.Name.Trim(), Phone = string.IsNullOrEmpty(command.Phone) ? null : command.Phone, Skills = command.Skills, Availability = command.Availability,
                RegionCode = region, UserId = command.UserId, CreatedAtUtc = clock.UtcNow(),
            };
            db.Add(volunteer);
            await db.SaveChangesAsync(cancellationToken);
            return volunteer.Id;
        }
    }
}

/// <summary>Assigns a volunteer of the scope to an activity the scope sees.</summary>
public static class AssignVolunteer
{
    public sealed record Command(Guid VolunteerId, Guid ActivityId) : ICommand<Result>, IRequirePermission
    {
        public string Permission => Permissions.SocialManage;
    }

    public sealed class Handler(IDbContextFactory<EldercareDbContext> dbs, ICurrentUser user, IStringLocalizer<Strings> l, TimeProvider clock) : ICommandHandler<Command, Result>
    {
        public async ValueTask<Result> Handle(Command command, CancellationToken cancellationToken)
        {
            await using var db = await dbs.CreateDbContextAsync(cancellationToken);
            var volunteer = await db.Set<Volunteer>().AsNoTracking().InScopeOf(user).SingleOrDefaultAsync(v => v.Id == command.VolunteerId, cancellationToken);
            if (volunteer is null || !await db.Set<Activity>().VisibleTo(user.RegionCode).AnyAsync(a => a.Id == command.ActivityId, cancellationToken))
            {
                return Result.NotFound();
            }

            if (await db.Set<VolunteerAssignment>().AnyAsync(a => a.VolunteerId == volunteer.Id && a.ActivityId == command.ActivityId, cancellationToken))
            {
                return Result.Conflict(l["Social.Volunteer.AlreadyAssigned"]);
            }

            db.Add(new VolunteerAssignment { VolunteerId = volunteer.Id, ActivityId = command.ActivityId, RegionCode = volunteer.RegionCode, AssignedAtUtc = clock.UtcNow(), AssignedBy = user.DisplayName });
            await db.SaveChangesAsync(cancellationToken);
            return Result.Ok();
        }
    }
}

/// <summary>
/// Records hours a volunteer served (Shanghai times). Zero, negative or overlong spans are refused, and so is a span
/// overlapping another of the same volunteer's (not rejected) services; the volunteer's token makes two at once safe.
/// </summary>
public static class RecordHours
{
    public sealed record Command : ICommand<Result<Guid>>, IRequirePermission
    {
        public Guid VolunteerId { get; set; }

        public Guid? ActivityId { get; set; }

        public string Description { get; set; } = string.Empty;

        public DateTime Start { get; set; }

        public DateTime End { get; set; }

        public string Permission => Permissions.SocialRecord;
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator(IStringLocalizer<Strings> l)
        {
            RuleFor(c => c.Description).NotEmpty().WithMessage(l["Social.Hours.DescriptionRequired"]).MaximumLength(ServiceRecord.TextMaxLength);
            RuleFor(c => c.Start).NotEqual(default(DateTime)).WithMessage(l["Social.Hours.StartRequired"]);
            RuleFor(c => c.End).GreaterThan(c => c.Start).WithMessage(l["Social.Hours.Positive"]);
            RuleFor(c => c.End).Must((c, end) => (end - c.Start).TotalMinutes <= ServiceRecord.MaxMinutes).When(c => c.End > c.Start)
                .WithMessage(l["Social.Hours.TooLong", ServiceRecord.MaxMinutes / 60]);
        }
    }

    public sealed class Handler(IDbContextFactory<EldercareDbContext> dbs, ICurrentUser user, IStringLocalizer<Strings> l, TimeProvider clock) : ICommandHandler<Command, Result<Guid>>
    {
        public async ValueTask<Result<Guid>> Handle(Command command, CancellationToken cancellationToken) =>
            await Concurrency.RetryAsync(() => AttemptAsync(command, cancellationToken), () => Result.Conflict(l["Common.Conflict"]).As<Guid>());

        private async Task<Result<Guid>> AttemptAsync(Command command, CancellationToken ct)
        {
            var (start, end) = (VolunteerRows.Utc(command.Start), VolunteerRows.Utc(command.End));
            var now = clock.UtcNow();
            if (end > now.AddMinutes(5))
            {
                return Result.Invalid(nameof(Command.End), l["Social.Hours.Future"]).As<Guid>();
            }

            await using var db = await dbs.CreateDbContextAsync(ct);
            var volunteer = await db.Set<Volunteer>().InScopeOf(user).SingleOrDefaultAsync(v => v.Id == command.VolunteerId, ct);
            if (volunteer is null)
            {
                return Result.NotFound().As<Guid>();
            }

            if (command.ActivityId is { } activityId && !await db.Set<Activity>().VisibleTo(user.RegionCode).AnyAsync(a => a.Id == activityId, ct))
            {
                return Result.Invalid(nameof(Command.ActivityId), l["Common.NotFound"]).As<Guid>();
            }

            var overlapping = await db.Set<ServiceRecord>()
                .AnyAsync(r => r.VolunteerId == volunteer.Id && r.Status != ServiceStatus.Rejected && r.StartUtc < end && r.EndUtc > start, ct);
            if (overlapping)
            {
                return Result.Conflict(l["Social.Hours.Overlap"]).As<Guid>();
            }

            var record = new ServiceRecord
            {
                VolunteerId = volunteer.Id, VolunteerName = volunteer.Name, RegionCode = volunteer.RegionCode, ActivityId = command.ActivityId, Description = command.Description.Trim(),
                StartUtc = start, EndUtc = end, Minutes = (int)(end - start).TotalMinutes, RecordedBy = user.DisplayName, RecordedAtUtc = now,
            };
            db.Add(record);
            volunteer.Touch();
            await db.SaveChangesAsync(ct);
            return record.Id;
        }
    }
}

/// <summary>Services of the scope waiting for staff confirmation.</summary>
public static class ListPendingHours
{
    public sealed record Query : IQuery<IReadOnlyList<ServiceRow>>, IRequirePermission
    {
        public string Permission => Permissions.SocialRead;
    }

    public sealed class Handler(IDbContextFactory<EldercareDbContext> dbs, ICurrentUser user) : IQueryHandler<Query, IReadOnlyList<ServiceRow>>
    {
        public async ValueTask<IReadOnlyList<ServiceRow>> Handle(Query query, CancellationToken cancellationToken)
        {
            await using var db = await dbs.CreateDbContextAsync(cancellationToken);
            var records = await db.Set<ServiceRecord>().AsNoTracking().InScopeOf(user).Where(r => r.Status == ServiceStatus.Recorded).OrderBy(r => r.StartUtc).Take(200).ToListAsync(cancellationToken);
            return [.. records.Select(VolunteerRows.Row)];
        }
    }
}

/// <summary>Staff confirm (the minutes are earned into the time bank, once) or reject recorded hours.</summary>
public static class ConfirmHours
{
    public sealed record Command(Guid RecordId, bool Accept = true) : ICommand<Result>, IRequirePermission
    {
        public string Permission => Permissions.SocialManage;
    }

    public sealed class Handler(IDbContextFactory<EldercareDbContext> dbs, ICurrentUser user, IStringLocalizer<Strings> l, TimeProvider clock) : ICommandHandler<Command, Result>
    {
        public async ValueTask<Result> Handle(Command command, CancellationToken cancellationToken) =>
            await Concurrency.RetryAsync(() => AttemptAsync(command, cancellationToken), () => Result.Conflict(l["Common.Conflict"]));

        private async Task<Result> AttemptAsync(Command command, CancellationToken ct)
        {
            await using var db = await dbs.CreateDbContextAsync(ct);
            var record = await db.Set<ServiceRecord>().InScopeOf(user).SingleOrDefaultAsync(r => r.Id == command.RecordId, ct);
            if (record is null)
            {
                return Result.NotFound();
            }

            var now = clock.UtcNow();
            var outcome = record.Confirm(command.Accept, user.DisplayName, now);
            if (!outcome.IsSuccess)
            {
                return outcome.Localized(l);
            }

            if (command.Accept)
            {
                var volunteer = await db.Set<Volunteer>().SingleAsync(v => v.Id == record.VolunteerId, ct);
                db.Add(volunteer.Earn(record, user.DisplayName, now));
            }

            await db.SaveChangesAsync(ct);
            return Result.Ok();
        }
    }
}

/// <summary>A volunteer spends time-bank minutes on a service for themselves; never more than the balance, even at the same moment.</summary>
public static class RedeemTime
{
    public sealed record Command(Guid VolunteerId, long Minutes, string? Note) : ICommand<Result>, IRequirePermission
    {
        public string Permission => Permissions.SocialRecord;
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator(IStringLocalizer<Strings> l)
        {
            RuleFor(c => c.Minutes).GreaterThan(0).WithMessage(l["Social.TimeBank.MinutesPositive"]);
            RuleFor(c => c.Note).MaximumLength(TimeBankEntry.NoteMaxLength);
        }
    }

    public sealed class Handler(IDbContextFactory<EldercareDbContext> dbs, ICurrentUser user, IStringLocalizer<Strings> l, TimeProvider clock) : ICommandHandler<Command, Result>
    {
        public async ValueTask<Result> Handle(Command command, CancellationToken cancellationToken) =>
            await Concurrency.RetryAsync(() => AttemptAsync(command, cancellationToken), () => Result.Conflict(l["Common.Conflict"]));

        private async Task<Result> AttemptAsync(Command command, CancellationToken ct)
        {
            await using var db = await dbs.CreateDbContextAsync(ct);
            var volunteer = await db.Set<Volunteer>().InScopeOf(user).SingleOrDefaultAsync(v => v.Id == command.VolunteerId, ct);
            if (volunteer is null)
            {
                return Result.NotFound();
            }

            var spent = volunteer.Spend(LedgerKind.Redeemed, command.Minutes, null, command.Note, user.DisplayName, clock.UtcNow());
            if (!spent.IsSuccess)
            {
                return spent.Localized(l);
            }

            db.Add(spent.Value!);
            await db.SaveChangesAsync(ct);
            return Result.Ok();
        }
    }
}

/// <summary>Moves minutes to a family member's volunteer account anywhere in the district, in one transaction.</summary>
public static class TransferTime
{
    public sealed record Command(Guid FromVolunteerId, Guid ToVolunteerId, long Minutes, string? Relation) : ICommand<Result>, IRequirePermission
    {
        public string Permission => Permissions.SocialRecord;
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator(IStringLocalizer<Strings> l)
        {
            RuleFor(c => c.Minutes).GreaterThan(0).WithMessage(l["Social.TimeBank.MinutesPositive"]);
            RuleFor(c => c.ToVolunteerId).NotEqual(c => c.FromVolunteerId).WithMessage(l["Social.TimeBank.SameAccount"]);
            RuleFor(c => c.Relation).NotEmpty().WithMessage(l["Social.TimeBank.RelationRequired"]).MaximumLength(50);
        }
    }

    public sealed class Handler(IDbContextFactory<EldercareDbContext> dbs, ICurrentUser user, IStringLocalizer<Strings> l, TimeProvider clock) : ICommandHandler<Command, Result>
    {
        public async ValueTask<Result> Handle(Command command, CancellationToken cancellationToken) =>
            await Concurrency.RetryAsync(() => AttemptAsync(command, cancellationToken), () => Result.Conflict(l["Common.Conflict"]));

        private async Task<Result> AttemptAsync(Command command, CancellationToken ct)
        {
            await using var db = await dbs.CreateDbContextAsync(ct);
            var from = await db.Set<Volunteer>().InScopeOf(user).SingleOrDefaultAsync(v => v.Id == command.FromVolunteerId, ct);
            var district = user.RegionCode.Length >= 6 ? user.RegionCode[..6] : "~";
            var to = await db.Set<Volunteer>().InRegion(district).SingleOrDefaultAsync(v => v.Id == command.ToVolunteerId, ct);
            if (from is null)
            {
                return Result.NotFound();
            }

            if (to is null)
            {
                return Result.Invalid(nameof(Command.ToVolunteerId), l["Social.TimeBank.RecipientUnknown"]);
            }

            var now = clock.UtcNow();
            var spent = from.Spend(LedgerKind.TransferOut, command.Minutes, to.Id, command.Relation, user.DisplayName, now);
            if (!spent.IsSuccess)
            {
                return spent.Localized(l);
            }

            db.Add(spent.Value!);
            db.Add(to.Receive(command.Minutes, from.Id, command.Relation, user.DisplayName, now));
            await db.SaveChangesAsync(ct); // one SaveChanges: both entries and both balances, or none
            return Result.Ok();
        }
    }
}

/// <summary>Per street of the scope, the volunteers with the most confirmed minutes (from the ledger).</summary>
public static class GetLeaderboard
{
    public sealed record Query(int Top = 10) : IQuery<IReadOnlyList<StreetLeaderboard>>, IRequirePermission
    {
        public string Permission => Permissions.SocialRead;
    }

    public sealed class Handler(IDbContextFactory<EldercareDbContext> dbs, ICurrentUser user, RegionDirectory regions) : IQueryHandler<Query, IReadOnlyList<StreetLeaderboard>>
    {
        public async ValueTask<IReadOnlyList<StreetLeaderboard>> Handle(Query query, CancellationToken cancellationToken)
        {
            await using var db = await dbs.CreateDbContextAsync(cancellationToken);
            var earned = await db.Set<TimeBankEntry>().AsNoTracking().Where(e => e.Kind == LedgerKind.Earned)
                .GroupBy(e => e.VolunteerId).Select(g => new { VolunteerId = g.Key, Minutes = g.Sum(e => e.Minutes) })
                .Join(db.Set<Volunteer>().InScopeOf(user), e => e.VolunteerId, v => v.Id, (e, v) => new { v.Id, v.Name, v.RegionCode, e.Minutes })
                .ToListAsync(cancellationToken);
            var all = await regions.AllAsync(cancellationToken);
            var top = Math.Clamp(query.Top, 1, 100);
            return [.. earned.GroupBy(e => e.RegionCode[..Math.Min(9, e.RegionCode.Length)]).OrderBy(g => g.Key, StringComparer.Ordinal)
                .Select(g => new StreetLeaderboard(g.Key, all.GetValueOrDefault(g.Key)?.Name ?? g.Key,
                    [.. g.OrderByDescending(e => e.Minutes).ThenBy(e => e.Name, StringComparer.Ordinal).Take(top)
                        .Select((e, i) => new LeaderRow(i + 1, e.Id, e.Name, all.GetValueOrDefault(e.RegionCode)?.Name ?? e.RegionCode, e.Minutes))]))];
        }
    }
}
