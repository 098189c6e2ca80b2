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
using SmartEldercare.Social.Activities;

namespace SmartEldercare.Social.Features.Activities;

public sealed record ActivityRow(
    Guid Id, string Title, ActivityKind Kind, ActivityTrack Track, string RegionCode, string RegionName, string VenueName,
    int Capacity, int Enrolled, int Waiting, DateTime? NextSessionUtc, int Sessions);

public sealed record SessionRow(Guid Id, DateTime StartsAtUtc, DateTime EndsAtUtc, int Attended);

public sealed record EnrolmentRow(Guid Id, Guid ElderId, string ElderName, string RegionCode, EnrolmentStatus Status, int? WaitNumber, DateTime RequestedAtUtc, IReadOnlyList<Guid> AttendedSessions);

public sealed record ActivityDetails(ActivityRow Activity, string? Description, bool CanManage, IReadOnlyList<SessionRow> Sessions, IReadOnlyList<EnrolmentRow> Enrolments);

public sealed record ElderPick(Guid Id, string Name, string RegionName, int Age);

/// <summary>Retries a unit of work a few times when a concurrent save won the concurrency token (the loser re-reads).</summary>
internal static class Concurrency
{
    public static async Task<T> RetryAsync<T>(Func<Task<T>> attempt, Func<T> onGiveUp, int attempts = 20)
    {
        for (var i = 0; ; i++)
        {
            try
            {
                return await attempt();
            }
            catch (DbUpdateConcurrencyException) when (i < attempts - 1)
            {
                // Someone else changed the same row: try again from fresh data.
            }
            catch (DbUpdateConcurrencyException)
            {
                return onGiveUp();
            }
        }
    }
}

internal static class ActivityRows
{
    public static async Task<List<ActivityRow>> RowsAsync(EldercareDbContext db, IQueryable<Activity> activities, IReadOnlyDictionary<string, Region> regions, DateTime now, CancellationToken ct)
    {
        var rows = await activities.Select(a => new
        {
            a.Id, a.Title, a.Kind, a.Track, a.RegionCode, a.VenueName, a.Capacity, a.Enrolled,
            Waiting = db.Set<Enrolment>().Count(e => e.ActivityId == a.Id && e.Status == EnrolmentStatus.Waiting),
            Next = a.Sessions.Where(s => s.EndsAtUtc >= now).OrderBy(s => s.StartsAtUtc).Select(s => (DateTime?)s.StartsAtUtc).FirstOrDefault(),
            Sessions = a.Sessions.Count,
        }).ToListAsync(ct);
        return rows.Select(a => new ActivityRow(a.Id, a.Title, a.Kind, a.Track, a.RegionCode, regions.GetValueOrDefault(a.RegionCode)?.Name ?? a.RegionCode, a.VenueName,
                a.Capacity, a.Enrolled, a.Waiting, a.Next, a.Sessions))
            .OrderBy(a => a.NextSessionUtc is null).ThenBy(a => a.NextSessionUtc).ThenBy(a => a.Title, StringComparer.Ordinal).ToList();
    }
}

/// <summary>The classes and events the user's scope sees (its own and the street's or district's above it).</summary>
public static class ListActivities
{
    public sealed record Query(ActivityTrack? Track = null, bool DigitalOnly = false) : IQuery<IReadOnlyList<ActivityRow>>, IRequirePermission
    {
        public string Permission => Permissions.SocialRead;
    }

    public sealed class Handler(IDbContextFactory<EldercareDbContext> dbs, ICurrentUser user, RegionDirectory regions, TimeProvider clock) : IQueryHandler<Query, IReadOnlyList<ActivityRow>>
    {
        public async ValueTask<IReadOnlyList<ActivityRow>> Handle(Query query, CancellationToken cancellationToken)
        {
            await using var db = await dbs.CreateDbContextAsync(cancellationToken);
            var activities = db.Set<Activity>().AsNoTracking().VisibleTo(user.RegionCode);
            if (query.Track is { } track)
            {
                activities = activities.Where(a => a.Track == track);
            }
            else if (query.DigitalOnly)
            {
                activities = activities.Where(a => a.Track != ActivityTrack.General);
            }

            return await ActivityRows.RowsAsync(db, activities, await regions.AllAsync(cancellationToken), clock.UtcNow(), cancellationToken);
        }
    }
}

/// <summary>One activity with its sessions and the enrolments of the user's scope (with their attendance).</summary>
public static class GetActivity
{
    public sealed record Query(Guid Id) : IQuery<Result<ActivityDetails>>, IRequirePermission
    {
        public string Permission => Permissions.SocialRead;
    }

    public sealed class Handler(IDbContextFactory<EldercareDbContext> dbs, ICurrentUser user, RegionDirectory regions, TimeProvider clock) : IQueryHandler<Query, Result<ActivityDetails>>
    {
        public async ValueTask<Result<ActivityDetails>> Handle(Query query, CancellationToken cancellationToken)
        {
            await using var db = await dbs.CreateDbContextAsync(cancellationToken);
            var activities = db.Set<Activity>().AsNoTracking().VisibleTo(user.RegionCode).Where(a => a.Id == query.Id);
            var row = (await ActivityRows.RowsAsync(db, activities, await regions.AllAsync(cancellationToken), clock.UtcNow(), cancellationToken)).SingleOrDefault();
            if (row is null)
            {
                return Result.NotFound().As<ActivityDetails>();
            }

            var description = await activities.Select(a => a.Description).SingleAsync(cancellationToken);
            var attendance = await db.Set<Attendance>().AsNoTracking().InScopeOf(user).Where(a => a.ActivityId == query.Id)
                .Select(a => new { a.SessionId, a.ElderId }).ToListAsync(cancellationToken);
            var counts = attendance.GroupBy(a => a.SessionId).ToDictionary(g => g.Key, g => g.Count());
            var sessions = await db.Set<ActivitySession>().AsNoTracking().Where(s => s.ActivityId == query.Id).OrderBy(s => s.StartsAtUtc).ToListAsync(cancellationToken);
            var enrolments = await db.Set<Enrolment>().AsNoTracking().InScopeOf(user).Where(e => e.ActivityId == query.Id)
                .OrderBy(e => e.Status).ThenBy(e => e.WaitNumber).ThenBy(e => e.RequestedAtUtc).ToListAsync(cancellationToken);
            return new ActivityDetails(
                row,
                description,
                user.Has(Permissions.SocialManage) && RegionScope.Contains(user.RegionCode, row.RegionCode),
                [.. sessions.Select(s => new SessionRow(s.Id, s.StartsAtUtc, s.EndsAtUtc, counts.GetValueOrDefault(s.Id)))],
                [.. enrolments.Select(e => new EnrolmentRow(e.Id, e.ElderId, e.ElderName, e.RegionCode, e.Status, e.WaitNumber, e.RequestedAtUtc,
                    [.. attendance.Where(a => a.ElderId == e.ElderId).Select(a => a.SessionId)]))]);
        }
    }
}

/// <summary>Plans a class or event: weekly sessions from the first one.</summary>
public static class CreateActivity
{
    public sealed record Command : ICommand<Result<Guid>>, IRequirePermission
    {
        public string Title { get; set; } = string.Empty;

        public ActivityKind Kind { get; set; }

        public ActivityTrack Track { get; set; }

        public string? Description { get; set; }

        /// <summary>The street or village that runs it (default: the user's own scope).</summary>
        public string? RegionCode { get; set; }

        /// <summary>A platform organisation of the scope as the venue...</summary>
        public Guid? VenueId { get; set; }

        /// <summary>...or a venue by name (a community hall).</summary>
        public string? VenueName { get; set; }

        public int Capacity { get; set; } = 20;

        /// <summary>The first session's start, Shanghai time.</summary>
        public DateTime FirstSession { get; set; }

        public int DurationMinutes { get; set; } = 90;

        /// <summary>How many weekly sessions.</summary>
        public int Sessions { get; set; } = 1;

        public string Permission => Permissions.SocialManage;
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator(IStringLocalizer<Strings> l)
        {
            RuleFor(c => c.Title).NotEmpty().WithMessage(l["Social.Activity.TitleRequired"]).MaximumLength(Activity.TitleMaxLength);
            RuleFor(c => c.Description).MaximumLength(Activity.TextMaxLength);
            RuleFor(c => c.Capacity).InclusiveBetween(1, Activity.MaxCapacity).WithMessage(l["Social.Activity.CapacityRange", Activity.MaxCapacity]);
            RuleFor(c => c.DurationMinutes).InclusiveBetween(15, 8 * 60).WithMessage(l["Social.Activity.DurationRange"]);
            RuleFor(c => c.Sessions).InclusiveBetween(1, 52).WithMessage(l["Social.Activity.SessionsRange"]);
            RuleFor(c => c.FirstSession).NotEqual(default(DateTime)).WithMessage(l["Social.Activity.FirstSessionRequired"]);
            RuleFor(c => c.VenueName).NotEmpty().When(c => c.VenueId is null).WithMessage(l["Social.Activity.VenueRequired"]).MaximumLength(100);
        }
    }

    public sealed class Handler(IDbContextFactory<EldercareDbContext> dbs, ICurrentUser user, RegionDirectory regions, IStringLocalizer<Strings> l, TimeProvider clock)
        : ICommandHandler<Command, Result<Guid>>
    {
        public async ValueTask<Result<Guid>> Handle(Command command, CancellationToken cancellationToken)
        {
            var region = string.IsNullOrEmpty(command.RegionCode) ? user.RegionCode : command.RegionCode;
            if (!RegionScope.Contains(user.RegionCode, region) || await regions.FindAsync(region, cancellationToken) is null)
            {
                return Result.Invalid(nameof(Command.RegionCode), l["Social.Region.OutOfScope"]).As<Guid>();
            }

            await using var db = await dbs.CreateDbContextAsync(cancellationToken);
            var venueName = command.VenueName?.Trim() ?? string.Empty;
            if (command.VenueId is { } venueId)
            {
                var venue = await db.Organisations.AsNoTracking().InScopeOf(user).Where(o => o.Id == venueId).Select(o => o.Name).SingleOrDefaultAsync(cancellationToken);
                if (venue is null)
                {
                    return Result.Invalid(nameof(Command.VenueId), l["Social.Activity.VenueUnknown"]).As<Guid>();
                }

                venueName = venue;
            }

            var now = clock.UtcNow();
            var activity = new Activity
            {
                Title = command.Title.Trim(), Kind = command.Kind, Track = command.Track, Description = command.Description, RegionCode = region,
                VenueId = command.VenueId, VenueName = venueName, Capacity = command.Capacity, CreatedAtUtc = now, CreatedBy = user.DisplayName,
            };
            var first = TimeZoneInfo.ConvertTimeToUtc(DateTime.SpecifyKind(command.FirstSession, DateTimeKind.Unspecified), ShanghaiTime.Zone);
            for (var i = 0; i < command.Sessions; i++)
            {
                var start = first.AddDays(7 * i);
                activity.Sessions.Add(new ActivitySession { ActivityId = activity.Id, StartsAtUtc = start, EndsAtUtc = start.AddMinutes(command.DurationMinutes) });
            }

            db.Add(activity);
            await db.SaveChangesAsync(cancellationToken);
            return activity.Id;
        }
    }
}

/// <summary>Elders of the user's scope by name, for enrolment.</summary>
public static class FindElders
{
    public sealed record Query(string Name) : IQuery<IReadOnlyList<ElderPick>>, IRequirePermission
    {
        public string Permission => Permissions.SocialRecord;
    }

    public sealed class Handler(IDbContextFactory<EldercareDbContext> dbs, ICurrentUser user, RegionDirectory regions, TimeProvider clock) : IQueryHandler<Query, IReadOnlyList<ElderPick>>
    {
        public async ValueTask<IReadOnlyList<ElderPick>> Handle(Query query, CancellationToken cancellationToken)
        {
            var term = query.Name?.Trim() ?? string.Empty;
            await using var db = await dbs.CreateDbContextAsync(cancellationToken);
            var elders = db.Elders.AsNoTracking().InScopeOf(user).Where(e => e.Status == ElderStatus.Active);
            if (term.Length > 0)
            {
                elders = elders.Where(e => e.Name.Contains(term));
            }

            var found = await elders.OrderBy(e => e.Name).Take(20).Select(e => new { e.Id, e.Name, e.RegionCode, e.BirthDate }).ToListAsync(cancellationToken);
            var all = await regions.AllAsync(cancellationToken);
            var today = clock.Today();
            return [.. found.Select(e => new ElderPick(e.Id, e.Name, all.GetValueOrDefault(e.RegionCode)?.Name ?? e.RegionCode, ShanghaiTime.AgeOn(e.BirthDate, today)))];
        }
    }
}

/// <summary>Enrols an elder of the user's scope: a place while there is one, else the waiting list (never over capacity).</summary>
public static class Enrol
{
    public sealed record Command(Guid ActivityId, Guid ElderId) : ICommand<Result<EnrolmentStatus>>, IRequirePermission
    {
        public string Permission => Permissions.SocialRecord;
    }

    public sealed class Handler(IDbContextFactory<EldercareDbContext> dbs, ICurrentUser user, ILiveUpdates live, IStringLocalizer<Strings> l, TimeProvider clock)
        : ICommandHandler<Command, Result<EnrolmentStatus>>
    {
        public async ValueTask<Result<EnrolmentStatus>> Handle(Command command, CancellationToken cancellationToken)
        {
            var outcome = await Concurrency.RetryAsync(() => AttemptAsync(command, cancellationToken), () => Result.Conflict(l["Common.Conflict"]).As<EnrolmentStatus>());
            if (outcome.IsSuccess)
            {
                await live.PublishAsync(new LiveUpdate(Guid.CreateVersion7(), user.RegionCode, "social.enrolment", command.ActivityId.ToString(), clock.UtcNow()), cancellationToken);
            }

            return outcome;
        }

        private async Task<Result<EnrolmentStatus>> AttemptAsync(Command command, CancellationToken ct)
        {
            await using var db = await dbs.CreateDbContextAsync(ct);
            var activity = await db.Set<Activity>().VisibleTo(user.RegionCode).SingleOrDefaultAsync(a => a.Id == command.ActivityId, ct);
            var elder = await db.Elders.AsNoTracking().InScopeOf(user).Where(e => e.Id == command.ElderId && e.Status == ElderStatus.Active)
                .Select(e => new { e.Id, e.Name, e.RegionCode }).SingleOrDefaultAsync(ct);
            if (activity is null || elder is null)
            {
                return Result.NotFound().As<EnrolmentStatus>();
            }

            var enrolment = await db.Set<Enrolment>().SingleOrDefaultAsync(e => e.ActivityId == activity.Id && e.ElderId == elder.Id, ct);
            if (enrolment is { Status: not EnrolmentStatus.Withdrawn })
            {
                return Result.Conflict(l[enrolment.Status == EnrolmentStatus.Enrolled ? "Social.Enrolment.AlreadyEnrolled" : "Social.Enrolment.AlreadyWaiting"]).As<EnrolmentStatus>();
            }

            if (enrolment is null)
            {
                enrolment = new Enrolment { ActivityId = activity.Id, ElderId = elder.Id, ElderName = elder.Name, RegionCode = elder.RegionCode, RecordedBy = user.DisplayName };
                db.Add(enrolment);
            }

            activity.Admit(enrolment, clock.UtcNow());
            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateException ex) when (ex is not DbUpdateConcurrencyException)
            {
                // The same elder enrolled at the same moment from elsewhere (unique activity + elder).
                return Result.Conflict(l["Social.Enrolment.AlreadyEnrolled"]).As<EnrolmentStatus>();
            }

            return enrolment.Status;
        }
    }
}

/// <summary>An elder leaves an activity (or its waiting list); a freed place goes to the first one waiting.</summary>
public static class Withdraw
{
    public sealed record Command(Guid EnrolmentId) : ICommand<Result>, IRequirePermission
    {
        public string Permission => Permissions.SocialRecord;
    }

    public sealed class Handler(IDbContextFactory<EldercareDbContext> dbs, ICurrentUser user, IStringLocalizer<Strings> l, TimeProvider clock) : ICommandHandler<Command, Result>
    {
        public async ValueTask<Result> Handle(Command command, CancellationToken cancellationToken) =>
            await Concurrency.RetryAsync(() => AttemptAsync(command, cancellationToken), () => Result.Conflict(l["Common.Conflict"]));

        private async Task<Result> AttemptAsync(Command command, CancellationToken ct)
        {
            await using var db = await dbs.CreateDbContextAsync(ct);
            var enrolment = await db.Set<Enrolment>().InScopeOf(user).SingleOrDefaultAsync(e => e.Id == command.EnrolmentId, ct);
            if (enrolment is null)
            {
                return Result.NotFound();
            }

            if (enrolment.Status == EnrolmentStatus.Withdrawn)
            {
                return Result.Conflict(l["Social.Enrolment.AlreadyWithdrawn"]);
            }

            var activity = await db.Set<Activity>().SingleAsync(a => a.Id == enrolment.ActivityId, ct);
            // The first waiting across the whole activity, whichever village they are from: the list is the activity's.
            var first = enrolment.Status == EnrolmentStatus.Enrolled
                ? await db.Set<Enrolment>().Where(e => e.ActivityId == activity.Id && e.Status == EnrolmentStatus.Waiting).OrderBy(e => e.WaitNumber).FirstOrDefaultAsync(ct)
                : null;
            activity.Release(enrolment, first, clock.UtcNow());
            await db.SaveChangesAsync(ct);
            return Result.Ok();
        }
    }
}

/// <summary>An enrolled elder was at a session; anyone not enrolled (waiting, withdrawn, never) is refused.</summary>
public static class RecordAttendance
{
    public sealed record Command(Guid SessionId, Guid ElderId) : ICommand<Result>, IRequirePermission
    {
        public string Permission => Permissions.SocialRecord;
    }

    public sealed class Handler(IDbContextFactory<EldercareDbContext> dbs, ICurrentUser user, ILiveUpdates live, IStringLocalizer<Strings> l, TimeProvider clock) : ICommandHandler<Command, Result>
    {
        public async ValueTask<Result> Handle(Command command, CancellationToken cancellationToken)
        {
            await using var db = await dbs.CreateDbContextAsync(cancellationToken);
            var session = await db.Set<ActivitySession>().AsNoTracking().Where(s => s.Id == command.SessionId)
                .Join(db.Set<Activity>().VisibleTo(user.RegionCode), s => s.ActivityId, a => a.Id, (s, a) => new { s.Id, s.StartsAtUtc, ActivityId = a.Id, a.Track })
                .SingleOrDefaultAsync(cancellationToken);
            if (session is null)
            {
                return Result.NotFound();
            }

            var now = clock.UtcNow();
            if (session.StartsAtUtc > now.AddHours(12))
            {
                return Result.Conflict(l["Social.Attendance.Future"]);
            }

            var enrolment = await db.Set<Enrolment>().AsNoTracking().InScopeOf(user)
                .SingleOrDefaultAsync(e => e.ActivityId == session.ActivityId && e.ElderId == command.ElderId, cancellationToken);
            if (enrolment is not { Status: EnrolmentStatus.Enrolled })
            {
                return Result.Conflict(l["Social.Attendance.NotEnrolled"]);
            }

            if (await db.Set<Attendance>().AnyAsync(a => a.SessionId == session.Id && a.ElderId == command.ElderId, cancellationToken))
            {
                return Result.Conflict(l["Social.Attendance.AlreadyRecorded"]);
            }

            db.Add(new Attendance
            {
                SessionId = session.Id, ActivityId = session.ActivityId, Track = session.Track, ElderId = command.ElderId, RegionCode = enrolment.RegionCode,
                RecordedAtUtc = now, RecordedBy = user.DisplayName,
            });
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateException)
            {
                return Result.Conflict(l["Social.Attendance.AlreadyRecorded"]);
            }

            await live.PublishAsync(new LiveUpdate(Guid.CreateVersion7(), enrolment.RegionCode, "social.attendance", session.ActivityId.ToString(), now), cancellationToken);
            return Result.Ok();
        }
    }
}

public sealed record CoverageRow(string RegionCode, string Name, string StreetName, int Elders, int Attended)
{
    public double Share => Elders == 0 ? 0 : (double)Attended / Elders;
}

public sealed record DigitalCoverage(int Elders, int Attended, IReadOnlyList<CoverageRow> Villages)
{
    public double Share => Elders == 0 ? 0 : (double)Attended / Elders;
}

/// <summary>Per village of the scope: how many of its active elders attended at least one digital-skills class.</summary>
public static class GetDigitalCoverage
{
    public sealed record Query : IQuery<DigitalCoverage>, IRequirePermission
    {
        public string Permission => Permissions.SocialRead;
    }

    public sealed class Handler(IDbContextFactory<EldercareDbContext> dbs, ICurrentUser user, RegionDirectory regions) : IQueryHandler<Query, DigitalCoverage>
    {
        public async ValueTask<DigitalCoverage> Handle(Query query, CancellationToken cancellationToken)
        {
            await using var db = await dbs.CreateDbContextAsync(cancellationToken);
            var elders = await db.Elders.AsNoTracking().InScopeOf(user).Where(e => e.Status == ElderStatus.Active)
                .GroupBy(e => e.RegionCode).Select(g => new { Code = g.Key, Count = g.Count() }).ToListAsync(cancellationToken);
            var attended = await db.Set<Attendance>().AsNoTracking().InScopeOf(user).Where(a => a.Track != ActivityTrack.General)
                .Select(a => new { a.RegionCode, a.ElderId }).Distinct()
                .GroupBy(a => a.RegionCode).Select(g => new { Code = g.Key, Count = g.Count() }).ToListAsync(cancellationToken);
            var all = await regions.AllAsync(cancellationToken);
            var attendedBy = attended.ToDictionary(a => a.Code, a => a.Count, StringComparer.Ordinal);
            string NameOf(string code) => all.GetValueOrDefault(code)?.Name ?? code;
            var villages = all.Values.Where(r => r.Level == RegionLevel.Village && RegionScope.Contains(user.RegionCode, r.Code))
                .Select(r => new CoverageRow(r.Code, r.Name, NameOf(r.Code[..9]), elders.FirstOrDefault(e => e.Code == r.Code)?.Count ?? 0, attendedBy.GetValueOrDefault(r.Code)))
                .Where(r => r.Elders > 0)
                .OrderBy(r => r.RegionCode, StringComparer.Ordinal).ToList();
            return new DigitalCoverage(villages.Sum(v => v.Elders), villages.Sum(v => v.Attended), villages);
        }
    }
}
