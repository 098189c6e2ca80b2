using SmartEldercare.HealthLink.Partners;

namespace SmartEldercare.HealthLink.Features;

/// <summary>A new secret for a partner (the old one stops working at once); answers it, shown this once.</summary>
public static class RotatePartnerSecret
{
    public sealed record Command(Guid Id, int Version) : RequiresPermission(Permissions.HealthLinkAdmin), ICommand<Result<string>>;

    public sealed class Handler(IDbContextFactory<EldercareDbContext> dbs, TimeProvider clock, IStringLocalizer<Strings> l) : ICommandHandler<Command, Result<string>>
    {
        public async ValueTask<Result<string>> Handle(Command command, CancellationToken cancellationToken)
        {
            await using var db = await dbs.CreateDbContextAsync(cancellationToken);
            var client = await db.Set<PartnerClient>().SingleOrDefaultAsync(c => c.Id == command.Id, cancellationToken);
            if (client is null)
            {
                return Result.NotFound().As<string>();
            }

            if (client.Version != command.Version)
            {
                return Result.Conflict(l["Common.ChangedByOthers"]).As<string>();
            }

            var secret = client.NewSecret(clock.GetUtcNow().UtcDateTime);
            client.Version++;
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateConcurrencyException)
            {
                return Result.Conflict(l["Common.ChangedByOthers"]).As<string>();
            }

            return secret;
        }
    }
}
