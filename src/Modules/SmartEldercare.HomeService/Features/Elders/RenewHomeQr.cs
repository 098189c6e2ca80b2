namespace SmartEldercare.HomeService.Features.Elders;

/// <summary>A new QR code for the home (the old printout stops working), e.g. after it was lost or copied.</summary>
public static class RenewHomeQr
{
    public sealed record Command(Guid ElderId) : RequiresPermission(Permissions.HomeServiceOrder), ICommand<Result>;

    public sealed class Handler(IDbContextFactory<EldercareDbContext> dbs, ICurrentUser user, TimeProvider clock) : ICommandHandler<Command, Result>
    {
        public async ValueTask<Result> Handle(Command command, CancellationToken cancellationToken)
        {
            await using var db = await dbs.CreateDbContextAsync(cancellationToken);
            var (elder, home) = await Homes.LoadAsync(db, user, command.ElderId, cancellationToken);
            if (elder is null)
            {
                return Result.NotFound();
            }

            if (db.Entry(home!).State != EntityState.Added)
            {
                home!.RenewToken(clock.UtcNow());
            }

            await db.SaveChangesAsync(cancellationToken);
            return Result.Ok();
        }
    }
}
