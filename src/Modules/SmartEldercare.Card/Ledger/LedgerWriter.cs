using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.Logging;
using SmartEldercare.Card.Cards;

namespace SmartEldercare.Card.Ledger;

/// <summary>An entry ready to post: which of its lines touch card accounts (those carry a balance column), whether the
/// card must still be active, and an optional guard run first in the same transaction (false: re-plan).</summary>
public sealed record Posting(LedgerEntry Entry, IReadOnlySet<Guid> CardAccounts, bool RequireActiveCard = false,
    Func<EldercareDbContext, CancellationToken, Task<bool>>? Guard = null);

/// <param name="Entry">The entry posted, or the one posted earlier under the same idempotency key.</param>
/// <param name="Replayed">True when nothing new was written (a retry or a double tap).</param>
public sealed record Posted(LedgerEntry Entry, bool Replayed);

/// <summary>
/// The only writer of the ledger (one per application instance). A posting is planned by its caller from fresh
/// balances, then applied inside a shared transaction: the guard, then for each card-account line an atomic
/// <c>UPDATE … SET Balance = Balance + x</c> — conditional on the balance staying ≥ 0 (and on the card being active
/// when asked) for a debit — then the entry with its lines and whatever the plan changed. A condition that no longer
/// holds (another terminal paid first) undoes that posting alone and its caller plans again, so two payments at the
/// same moment can never overdraw, and a card's balance is always the sum of its lines.
/// <para>
/// Group commit: postings that arrive while a commit is running wait for the next one, and the next commit applies
/// all of them in one transaction, each inside its own savepoint (a refused or colliding posting is rolled back to its
/// savepoint; the others commit). One commit — one fsync on SQLite, one WAL flush on PostgreSQL — then answers many
/// payments: what bounded the card payments per second was one commit per payment. Nobody is answered before the
/// commit that holds their posting has succeeded.
/// </para>
/// </summary>
public sealed class LedgerWriter(IDbContextFactory<EldercareDbContext> dbs, DbContextOptions<EldercareDbContext> contextOptions, CardOptions options, ILogger<LedgerWriter> logger)
    : IDisposable
{
    public const int MaxAttempts = 10;

    /// <summary>The most postings one commit applies.</summary>
    public const int MaxPerCommit = 64;

    // SQLite has one writer: one commit at a time. A server database takes a few at once (CardOptions.LedgerWriters):
    // while one group waits on its round trips, the next is applied. A group holds up to MaxPerCommit postings, or one
    // that must commit alone.
    private readonly GroupCommitQueue<PendingPosting> queue = new(Writers(dbs, options), p => p.Done.Task.IsCompleted,
        (group, next) => group.Count < MaxPerCommit && !next.Alone && !group[0].Alone);
    private long commits;

    private static int Writers(IDbContextFactory<EldercareDbContext> dbs, CardOptions options)
    {
        using var db = dbs.CreateDbContext();
        return db.Database.ProviderName == "Microsoft.EntityFrameworkCore.Sqlite" ? 1 : Math.Clamp(options.LedgerWriters, 1, 16);
    }

    /// <summary>Transactions committed with at least one posting, since the start.</summary>
    public long Commits => Interlocked.Read(ref commits);

    /// <summary>Postings waiting for a commit.</summary>
    public int Queued => queue.Queued;

    public void Dispose() => queue.Dispose();

    public async Task<Result<Posted>> PostAsync(IStringLocalizer<Strings> l, string? idempotencyKey, Func<EldercareDbContext, Task<Result<Posting>>> plan,
        CancellationToken ct)
    {
        var alone = false;
        for (var attempt = 1; attempt <= MaxAttempts; attempt++)
        {
            // Made here, not leased from the factory's pool: the commit switches this context to the group's connection
            // (SetDbConnection), and a pooled context would go back to the pool still holding it.
            await using var db = new EldercareDbContext(contextOptions);
            // Retries are rare: the key is looked up only when the plan refuses (a replay may find the card blocked or
            // emptied since) or the insert collides on the key's unique index — not before every posting.
            var planned = await plan(db);
            if (!planned.IsSuccess)
            {
                return idempotencyKey is not null && await FindAsync(db, idempotencyKey, ct) is { } earlier ? new Posted(earlier, true) : planned.As<Posted>();
            }

            var posting = planned.Value!;
            var entry = posting.Entry;
            // An entry without lines (a replacement of an empty card) writes only the plan's other changes.
            if ((entry.Lines.Count > 0 && !entry.IsBalanced) || entry.IdempotencyKey != idempotencyKey)
            {
                throw new InvalidOperationException("An unbalanced ledger entry was about to be posted.");
            }

            var pending = new PendingPosting(db, posting, alone);
            // Not cancellable from here on: the posting is queued and a commit will take it (and uses this context).
            await queue.EnqueueAsync(pending, CommitAsync);

            switch (await pending.Done.Task)
            {
                case Outcome.Committed:
                    return new Posted(entry, false);
                case Outcome.Stale:
                    continue;
                case Outcome.GroupFailed:
                    // Another posting of its group broke the whole transaction: plan again, and commit alone next time.
                    alone = true;
                    continue;
            }

            // Collided — most likely the idempotency key's unique index: the same request posted at the same moment (a
            // double tap), perhaps in the same commit.
            if (idempotencyKey is not null)
            {
                await using var fresh = await dbs.CreateDbContextAsync(ct);
                if (await FindAsync(fresh, idempotencyKey, ct) is { } winner)
                {
                    return new Posted(winner, true);
                }
            }

            if (attempt == MaxAttempts)
            {
                System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(pending.Collision!);
            }
        }

        return Result.Conflict(l["Card.Ledger.Busy"]).As<Posted>();
    }

    private async Task CommitAsync(List<PendingPosting> group)
    {
        if (group.Count == 0)
        {
            return;
        }

        var outcomes = new Outcome[group.Count];
        try
        {
            await using var host = await dbs.CreateDbContextAsync(CancellationToken.None);
            await using var tx = await host.Database.BeginTransactionAsync(CancellationToken.None);
            var connection = host.Database.GetDbConnection();
            var transaction = tx.GetDbTransaction();
            for (var i = 0; i < group.Count; i++)
            {
                var (db, posting) = (group[i].Db, group[i].Posting);
                // The caller's context (with whatever its plan changed) joins the group's connection and transaction.
                db.Database.SetDbConnection(connection, contextOwnsConnection: false);
                await db.Database.UseTransactionAsync(transaction, CancellationToken.None);
                var savepoint = "p" + i.ToString(System.Globalization.CultureInfo.InvariantCulture);
                await transaction.SaveAsync(savepoint, CancellationToken.None);
                try
                {
                    if (!await ApplyAsync(db, posting, CancellationToken.None))
                    {
                        await transaction.RollbackAsync(savepoint, CancellationToken.None);
                        outcomes[i] = Outcome.Stale;
                        continue;
                    }

                    if (posting.Entry.Lines.Count > 0)
                    {
                        db.Add(posting.Entry);
                    }

                    // Not released: the commit releases every savepoint (a release would be one more round trip per posting).
                    await db.SaveChangesAsync(CancellationToken.None);
                    outcomes[i] = Outcome.Committed;
                }
                catch (DbUpdateException ex)
                {
                    await transaction.RollbackAsync(savepoint, CancellationToken.None);
                    group[i].Collision = ex;
                    outcomes[i] = Outcome.Collided;
                }
                finally
                {
                    await db.Database.UseTransactionAsync(null, CancellationToken.None);
                }
            }

            if (outcomes.Any(o => o == Outcome.Committed))
            {
                await tx.CommitAsync(CancellationToken.None);
                Interlocked.Increment(ref commits);
            }
        }
        catch (Exception ex) when (group.Count > 1 && ex is not OperationCanceledException)
        {
            // Nothing of the group was committed (a deadlock with another instance, a broken connection…): each
            // posting is planned again from fresh balances and committed alone, where its own error, if any, surfaces.
            logger.LogInformation("A group of {Count} ledger postings failed ({Error}); planning them again one by one", group.Count, ex.GetType().Name);
            group.ForEach(p => p.Done.TrySetResult(Outcome.GroupFailed));
            return;
        }
        catch (Exception ex)
        {
            group.ForEach(p => p.Done.TrySetException(ex));
            return;
        }

        for (var i = 0; i < group.Count; i++)
        {
            group[i].Done.TrySetResult(outcomes[i]);
        }
    }

    private static async Task<bool> ApplyAsync(EldercareDbContext db, Posting posting, CancellationToken ct)
    {
        if (posting.Guard is not null && !await posting.Guard(db, ct))
        {
            return false;
        }

        // One order for every writer: two transactions never wait on each other's rows crosswise.
        foreach (var line in posting.Entry.Lines.Where(l => posting.CardAccounts.Contains(l.AccountId)).OrderBy(l => l.AccountId))
        {
            var (id, amount) = (line.AccountId, line.Amount);
            if (db.ChangeTracker.Entries<CardAccount>().FirstOrDefault(e => e.Entity.Id == id && e.State == EntityState.Added) is { } created)
            {
                // A card opened in this same transaction (a replacement): its row is inserted with the balance.
                if (created.Entity.Balance + amount < 0)
                {
                    return false;
                }

                created.Entity.Balance += amount;
                continue;
            }

            var accounts = db.Set<CardAccount>().Where(a => a.Id == id);
            if (amount < 0)
            {
                accounts = accounts.Where(a => a.Balance >= -amount);
                if (posting.RequireActiveCard)
                {
                    var cards = db.Set<ServiceCard>(); // a local: inlined by EF, not compiled per call
                    accounts = accounts.Where(a => cards.Any(c => c.Id == a.CardId && c.Status == CardStatus.Active));
                }
            }

            if (await accounts.ExecuteUpdateAsync(s => s.SetProperty(a => a.Balance, a => a.Balance + amount), ct) != 1)
            {
                return false;
            }
        }

        return true;
    }

    private enum Outcome
    {
        Committed,
        Stale,
        Collided,
        GroupFailed,
    }

    private sealed class PendingPosting(EldercareDbContext db, Posting posting, bool alone)
    {
        public EldercareDbContext Db { get; } = db;

        public Posting Posting { get; } = posting;

        public bool Alone { get; } = alone;

        public DbUpdateException? Collision { get; set; }

        public TaskCompletionSource<Outcome> Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    public static Task<LedgerEntry?> FindAsync(EldercareDbContext db, string key, CancellationToken ct) =>
        db.Set<LedgerEntry>().AsNoTracking().Include(e => e.Lines).FirstOrDefaultAsync(e => e.IdempotencyKey == key, ct);

    /// <summary>The id of a system account (district, cash, expiry, a merchant), created on first use.</summary>
    public static async Task<Guid> SystemAccountAsync(IDbContextFactory<EldercareDbContext> dbs, AccountKind kind, Guid? organisationId, CancellationToken ct)
    {
        var key = CardAccount.KeyOf(kind, organisationId);
        await using var db = await dbs.CreateDbContextAsync(ct);
        var id = await db.Set<CardAccount>().Where(a => a.Key == key).Select(a => (Guid?)a.Id).FirstOrDefaultAsync(ct);
        if (id is not null)
        {
            return id.Value;
        }

        var account = new CardAccount { Key = key, Kind = kind, OrganisationId = organisationId };
        db.Add(account);
        try
        {
            await db.SaveChangesAsync(ct);
            return account.Id;
        }
        catch (DbUpdateException)
        {
            // Created at the same moment by another request: use that one.
            await using var again = await dbs.CreateDbContextAsync(ct);
            return await again.Set<CardAccount>().Where(a => a.Key == key).Select(a => a.Id).SingleAsync(ct);
        }
    }
}
