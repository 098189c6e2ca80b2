using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Logging;
using SmartEldercare.Platform.Behaviors;
using SmartEldercare.Platform.Common;
using SmartEldercare.Platform.Elders;
using SmartEldercare.Platform.Identity;
using SmartEldercare.Platform.Live;
using SmartEldercare.Platform.Localization;
using SmartEldercare.Platform.Persistence;
using SmartEldercare.Platform.Regions;
using SmartEldercare.Welfare.Watch;

namespace SmartEldercare.Welfare.Features.Watch;

public sealed record CheckView(Guid Id, Guid ElderId, string ElderName, string RegionCode, string RegionName, CheckReason Reason, DateTime? LastActivityUtc, double? WaterLitres,
    DateTime RaisedAtUtc, DateTime EscalateAtUtc, CheckStatus Status, DateTime? ClosedAtUtc, string? ClosedBy, string? Note, Guid? AlarmId);

/// <summary>The wellbeing watch list: open checks first (soonest deadline first), then the last week's closed ones.</summary>
public static class ListWelfareChecks
{
    public sealed record Query : IQuery<IReadOnlyList<CheckView>>, IRequirePermission
    {
        public string Permission => Permissions.WelfareRead;
    }

    public sealed class Handler(IDbContextFactory<EldercareDbContext> dbs, ICurrentUser user, RegionDirectory regions, TimeProvider clock) : IQueryHandler<Query, IReadOnlyList<CheckView>>
    {
        public async ValueTask<IReadOnlyList<CheckView>> Handle(Query query, CancellationToken cancellationToken)
        {
            var since = clock.UtcNow().AddDays(-7);
            await using var db = await dbs.CreateDbContextAsync(cancellationToken);
            var checks = await db.Set<WelfareCheck>().AsNoTracking().InScopeOf(user).Where(c => c.Status == CheckStatus.Open || c.RaisedAtUtc >= since)
                .OrderBy(c => c.EscalateAtUtc).Take(500).ToListAsync(cancellationToken);
            var all = await regions.AllAsync(cancellationToken);
            return [.. checks.OrderBy(c => c.Status != CheckStatus.Open).ThenBy(c => c.EscalateAtUtc).Select(c => new CheckView(
                c.Id, c.ElderId, c.ElderName, c.RegionCode, all.GetValueOrDefault(c.RegionCode)?.Name ?? c.RegionCode, c.Reason, c.LastActivityUtc, c.WaterLitres,
                c.RaisedAtUtc, c.EscalateAtUtc, c.Status, c.ClosedAtUtc, c.ClosedBy, c.Note, c.AlarmId))];
        }
    }
}

/// <summary>Village staff went (or called) and the elder is well: the check is done before it escalates.</summary>
public static class CompleteWelfareCheck
{
    public sealed record Command(Guid Id, string? Note) : ICommand<Result>, IRequirePermission
    {
        public string Permission => Permissions.WelfareCare;
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator(IStringLocalizer<Strings> l) => RuleFor(c => c.Note).MaximumLength(WelfareCheck.NoteMaxLength).WithMessage(l["Validation.MaxLength", WelfareCheck.NoteMaxLength]);
    }

    public sealed class Handler(IDbContextFactory<EldercareDbContext> dbs, ICurrentUser user, ILiveUpdates live, TimeProvider clock, IStringLocalizer<Strings> l) : ICommandHandler<Command, Result>
    {
        public async ValueTask<Result> Handle(Command command, CancellationToken cancellationToken)
        {
            await using var db = await dbs.CreateDbContextAsync(cancellationToken);
            var check = await db.Set<WelfareCheck>().InScopeOf(user).SingleOrDefaultAsync(c => c.Id == command.Id, cancellationToken);
            if (check is null)
            {
                return Result.NotFound();
            }

            var now = clock.UtcNow();
            var done = check.Complete(user.DisplayName, string.IsNullOrWhiteSpace(command.Note) ? null : command.Note.Trim(), now);
            if (!done.IsSuccess)
            {
                return done.Localized(l);
            }

            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateConcurrencyException)
            {
                return Result.Conflict(l["Welfare.Watch.AlreadyEscalated"]);
            }

            await live.PublishAsync(new LiveUpdate(Guid.CreateVersion7(), check.RegionCode, "welfare.check.done", check.Id.ToString(), now), cancellationToken);
            return Result.Ok();
        }
    }
}

/// <summary>Per-elder thresholds of the wellbeing watch (e.g. someone who naturally uses little water).</summary>
public static class SetWatchThreshold
{
    public sealed record Command(Guid ElderId, int InactivityHours, double MinWaterLitres) : ICommand<Result>, IRequirePermission
    {
        public string Permission => Permissions.WelfareCare;
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator(IStringLocalizer<Strings> l)
        {
            RuleFor(c => c.InactivityHours).InclusiveBetween(4, 168).WithMessage(l["Welfare.Watch.HoursInvalid"]);
            RuleFor(c => c.MinWaterLitres).InclusiveBetween(0, 1000).WithMessage(l["Welfare.Watch.WaterInvalid"]);
        }
    }

    public sealed class Handler(IDbContextFactory<EldercareDbContext> dbs, ICurrentUser user) : ICommandHandler<Command, Result>
    {
        public async ValueTask<Result> Handle(Command command, CancellationToken cancellationToken)
        {
            await using var db = await dbs.CreateDbContextAsync(cancellationToken);
            var elder = await db.Elders.AsNoTracking().InScopeOf(user).Select(e => new { e.Id, e.RegionCode }).SingleOrDefaultAsync(e => e.Id == command.ElderId, cancellationToken);
            if (elder is null)
            {
                return Result.NotFound();
            }

            var threshold = await db.Set<WatchThreshold>().SingleOrDefaultAsync(t => t.ElderId == elder.Id, cancellationToken);
            if (threshold is null)
            {
                db.Add(threshold = new WatchThreshold { ElderId = elder.Id });
            }

            (threshold.RegionCode, threshold.InactivityHours, threshold.MinWaterLitres) = (elder.RegionCode, command.InactivityHours, command.MinWaterLitres);
            await db.SaveChangesAsync(cancellationToken);
            return Result.Ok();
        }
    }
}

/// <summary>Runs the wellbeing watch for the scope now (the background service does so every few minutes for the district).</summary>
public static class RunWellbeingWatch
{
    public sealed record Command : ICommand<int>, IRequirePermission
    {
        public string Permission => Permissions.WelfareCare;
    }

    public sealed class Handler(WellbeingWatch watch, ICurrentUser user) : ICommandHandler<Command, int>
    {
        public async ValueTask<int> Handle(Command command, CancellationToken cancellationToken) => await watch.RaiseChecksAsync(user.RegionCode, cancellationToken);
    }
}

/// <summary>Raises welfare checks for the district and escalates overdue ones every <see cref="WelfareOptions.WatchEveryMinutes"/>.</summary>
public sealed class WellbeingWatchService(WellbeingWatch watch, WelfareOptions options, TimeProvider clock, ILogger<WellbeingWatchService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMinutes(Math.Max(1, options.WatchEveryMinutes)), clock);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await watch.RaiseChecksAsync(RegionCatalog.DistrictCode, stoppingToken);
                await watch.EscalateAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogWarning(ex, "The wellbeing watch failed; trying again at the next tick");
            }
        }
    }
}
