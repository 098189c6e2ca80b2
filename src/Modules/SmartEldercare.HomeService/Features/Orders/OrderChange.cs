using SmartEldercare.HomeService.Orders;

namespace SmartEldercare.HomeService.Features.Orders;

/// <summary>
/// The shared orchestration of an order transition: load in scope, apply the entity's rule (which may touch other
/// records in the same context, e.g. the elder's balance), commit once under the concurrency tokens, publish after the
/// commit. A lost race answers who got there first; a race on something else (the balance) is tried again.
/// </summary>
public sealed class OrderChange(IDbContextFactory<EldercareDbContext> dbs, ICurrentUser user, ILiveUpdates live, TimeProvider clock, IStringLocalizer<Strings> l)
{
    public delegate Task<Result> Change(EldercareDbContext db, ServiceOrder order, DateTime utcNow);

    // expectedVersion: the version the user acted on (a board's row); if the order moved since, the action is refused.
    public async Task<Result> ApplyAsync(Guid orderId, string what, Change change, CancellationToken ct, int? expectedVersion = null)
    {
        for (var attempt = 0; ; attempt++)
        {
            await using var db = await dbs.CreateDbContextAsync(ct);
            var order = await db.Set<ServiceOrder>().InScopeOf(user).SingleOrDefaultAsync(o => o.Id == orderId, ct);
            if (order is null)
            {
                return Result.NotFound();
            }

            if (expectedVersion is { } expected && expected != order.Version)
            {
                return await ChangedByOthersAsync(orderId, ct);
            }

            var loadedVersion = order.Version;
            var now = clock.UtcNow();
            var outcome = await change(db, order, now);
            if (!outcome.IsSuccess)
            {
                return outcome.Localized(l);
            }

            var update = OrderLive.Update(order, what, now);
            LiveEvent.Stage(db, update);
            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateConcurrencyException)
            {
                var current = await CurrentVersionAsync(orderId, ct);
                if (current == loadedVersion && attempt < 3)
                {
                    continue; // the order is as we read it: the race was on the balance; read again and retry
                }

                return await ChangedByOthersAsync(orderId, ct);
            }

            await live.PushAsync(update, ct);
            return Result.Ok();
        }
    }

    private async Task<int?> CurrentVersionAsync(Guid orderId, CancellationToken ct)
    {
        await using var fresh = await dbs.CreateDbContextAsync(ct);
        return await fresh.Set<ServiceOrder>().Where(o => o.Id == orderId).Select(o => (int?)o.Version).SingleOrDefaultAsync(ct);
    }

    /// <summary>Someone else moved the order first (two dispatchers at once): say who, when, and where it stands now.</summary>
    private async Task<Result> ChangedByOthersAsync(Guid orderId, CancellationToken ct)
    {
        await using var fresh = await dbs.CreateDbContextAsync(ct);
        var winner = await fresh.Set<ServiceOrder>().AsNoTracking().Where(o => o.Id == orderId)
            .Select(o => new { o.Status, Last = o.Steps.OrderByDescending(s => s.Id).Select(s => new { s.Actor, s.AtUtc }).FirstOrDefault() })
            .SingleAsync(ct);
        return winner.Last is null
            ? Result.Conflict(l["Common.ChangedByOthers"])
            : Result.Conflict(l["HomeService.Order.ChangedBy", winner.Last.Actor, ShanghaiTime.Format(winner.Last.AtUtc), l.Enum(winner.Status)]);
    }
}

public sealed record WorkerInfo(Guid Id, string Name, Guid? OrganisationId);

/// <summary>Providers' workers: enabled accounts with the worker role, employed by an organisation (AppUser.OrganisationId).</summary>
public static class ProviderStaff
{
    public static async Task<WorkerInfo?> WorkerAsync(EldercareDbContext db, Guid userId, CancellationToken ct) =>
        (await Query(db, u => u.Id == userId).ToListAsync(ct)).SingleOrDefault();

    public static async Task<IReadOnlyList<WorkerInfo>> OfProviderAsync(EldercareDbContext db, Guid providerId, CancellationToken ct) =>
        [.. (await Query(db, u => u.OrganisationId == providerId).ToListAsync(ct)).OrderBy(w => w.Name, StringComparer.Ordinal)];

    private static IQueryable<WorkerInfo> Query(EldercareDbContext db, System.Linq.Expressions.Expression<Func<AppUser, bool>> which)
    {
        var workerRoles = db.Roles.Where(r => r.Name == Roles.ProviderWorker).Select(r => r.Id);
        var workers = db.UserRoles.Where(ur => workerRoles.Contains(ur.RoleId)).Select(ur => ur.UserId);
        return db.Users.AsNoTracking().Where(which).Where(u => !u.IsDisabled && workers.Contains(u.Id))
            .Select(u => new WorkerInfo(u.Id, u.DisplayName, u.OrganisationId));
    }
}
