using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using SmartEldercare.Platform.Common;
using SmartEldercare.Platform.Localization;

namespace SmartEldercare.Platform.Persistence;

/// <summary>
/// The skeleton of a change to one record, shared by the modules' command handlers: read the record in a fresh context
/// through a query already limited to the user's scope, apply the entity's rule, commit under the record's concurrency
/// token, and only after the commit publish what the change announces. A record outside the scope is not found (404); a
/// refusal by the rule is its localized result; a lost race with another writer is 409 "changed by someone else".
/// </summary>
public sealed class ScopedChange(IDbContextFactory<EldercareDbContext> dbs, IStringLocalizer<Strings> l, Live.ILiveUpdates live)
{
    /// <param name="records">The records the user may change (e.g. <c>db.Set&lt;T&gt;().InScopeOf(user)</c>).</param>
    /// <param name="which">The record.</param>
    /// <param name="change">The entity's rule, with the context for any rows it adds.</param>
    /// <param name="afterCommit">Runs after the commit; not when nothing was committed.</param>
    /// <param name="ct">Cancels the read and the commit.</param>
    /// <param name="conflict">The text key of the answer to a lost race.</param>
    /// <param name="announce">The live update the change makes: its feed row commits with the change, and it is pushed after.</param>
    public async ValueTask<Result> ApplyAsync<T>(
        Func<EldercareDbContext, ValueTask<IQueryable<T>>> records,
        Expression<Func<T, bool>> which,
        Func<T, EldercareDbContext, ValueTask<Result>> change,
        Func<T, Task>? afterCommit,
        CancellationToken ct,
        string conflict = "Common.ChangedByOthers",
        Func<T, Live.LiveUpdate>? announce = null)
        where T : class
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        var record = await (await records(db)).SingleOrDefaultAsync(which, ct);
        if (record is null)
        {
            return Result.NotFound();
        }

        var outcome = await change(record, db);
        if (!outcome.IsSuccess)
        {
            return outcome.Localized(l);
        }

        // The live update's feed row commits with the change it reports, and is pushed only once both are stored.
        var update = announce?.Invoke(record);
        if (update is not null)
        {
            Live.LiveEvent.Stage(db, update);
        }

        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return Result.Conflict(l[conflict]);
        }

        if (update is not null)
        {
            await live.PushAsync(update, ct);
        }

        if (afterCommit is not null)
        {
            await afterCommit(record);
        }

        return outcome;
    }

    /// <summary>As above, for a scope query that needs no awaiting and a rule that needs neither the context nor awaiting.</summary>
    public ValueTask<Result> ApplyAsync<T>(
        Func<EldercareDbContext, IQueryable<T>> records,
        Expression<Func<T, bool>> which,
        Func<T, Result> change,
        Func<T, Task>? afterCommit,
        CancellationToken ct,
        string conflict = "Common.ChangedByOthers",
        Func<T, Live.LiveUpdate>? announce = null)
        where T : class =>
        ApplyAsync(db => ValueTask.FromResult(records(db)), which, (record, _) => ValueTask.FromResult(change(record)), afterCommit, ct, conflict, announce);
}
