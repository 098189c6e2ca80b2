using SmartEldercare.Platform.Elders;
using SmartEldercare.Welfare.Away;

namespace SmartEldercare.Welfare.Features.Away;

/// <summary>The elder is back: the away period ends on the given day.</summary>
public static class EndAway
{
    public sealed record Command(Guid Id, DateOnly To) : RequiresPermission(Permissions.WelfareCare), ICommand<Result>;

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
