using FluentValidation;
using SmartEldercare.Facilities.Staff;

namespace SmartEldercare.Facilities.Features.Staff;

/// <summary>Sets the required ratio: for each care level, how many residents one carer on a shift may look after.</summary>
public static class SaveCareRatios
{
    public sealed record Command(IReadOnlyList<CareRatioItem> Ratios) : RequiresPermission(Permissions.FacilitiesAdmin), ICommand<Result>;

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

            var liveUpdate = new LiveUpdate(LiveUpdate.NewId(), user.RegionCode, FacilityLive.Prefix + "ratios", null, clock.UtcNow());
            LiveEvent.Stage(db, liveUpdate);
            await db.SaveChangesAsync(cancellationToken);
            // Every board of the admin's scope re-reads the shifts against the new ratio.
            await live.PushAsync(liveUpdate, cancellationToken);
            return Result.Ok();
        }
    }
}
