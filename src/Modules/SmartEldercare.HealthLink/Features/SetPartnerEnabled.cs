using SmartEldercare.HealthLink.Partners;

namespace SmartEldercare.HealthLink.Features;

/// <summary>Turns a partner off (its tokens stop working at the next request) or on again.</summary>
public static class SetPartnerEnabled
{
    public sealed record Command(Guid Id, bool Enabled, int Version) : RequiresPermission(Permissions.HealthLinkAdmin), ICommand<Result>;

    public sealed class Handler(IDbContextFactory<EldercareDbContext> dbs, IStringLocalizer<Strings> l) : ICommandHandler<Command, Result>
    {
        public async ValueTask<Result> Handle(Command command, CancellationToken cancellationToken)
        {
            await using var db = await dbs.CreateDbContextAsync(cancellationToken);
            var client = await db.Set<PartnerClient>().SingleOrDefaultAsync(c => c.Id == command.Id, cancellationToken);
            if (client is null)
            {
                return Result.NotFound();
            }

            if (client.Version != command.Version)
            {
                return Result.Conflict(l["Common.ChangedByOthers"]);
            }

            client.Enabled = command.Enabled;
            client.Version++;
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateConcurrencyException)
            {
                return Result.Conflict(l["Common.ChangedByOthers"]);
            }

            return Result.Ok();
        }
    }
}
