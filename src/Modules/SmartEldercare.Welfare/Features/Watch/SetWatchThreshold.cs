using FluentValidation;
using SmartEldercare.Platform.Elders;
using SmartEldercare.Welfare.Watch;

namespace SmartEldercare.Welfare.Features.Watch;

/// <summary>Per-elder thresholds of the wellbeing watch (e.g. someone who naturally uses little water).</summary>
public static class SetWatchThreshold
{
    public sealed record Command(Guid ElderId, int InactivityHours, double MinWaterLitres) : RequiresPermission(Permissions.WelfareCare), ICommand<Result>;

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
