using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using SmartEldercare.Card.Cards;
using SmartEldercare.Platform.Common;
using SmartEldercare.Platform.Localization;
using SmartEldercare.Platform.Persistence;

namespace SmartEldercare.Card.Ledger;

/// <summary>An entry ready to post: which of its lines touch card accounts (those carry a balance column), whether the
/// card must still be active, and an optional guard run first in the same transaction (false: re-plan).</summary>
public sealed record Posting(LedgerEntry Entry, IReadOnlySet<Guid> CardAccounts, bool RequireActiveCard = false,
    Func<EldercareDbContext, CancellationToken, Task<bool>>? Guard = null);

/// <param name="Entry">The entry posted, or the one posted earlier under the same idempotency key.</param>
/// <param name="Replayed">True when nothing new was written (a retry or a double tap).</param>
public sealed record Posted(LedgerEntry Entry, bool Replayed);

/// <summary>
/// The only writer of the ledger. In one transaction: the guard, then for each card-account line an atomic
/// <c>UPDATE … SET Balance = Balance + x</c> — conditional on the balance staying ≥ 0 (and on the card being active
/// when asked) for a debit — then the entry with its lines and whatever the plan changed. A condition that no longer
/// holds (another terminal paid first) rolls everything back and plans again from fresh balances, so two payments at
/// the same moment can never overdraw, and a card's balance is always the sum of its lines.
/// </summary>
public static class LedgerWriter
{
    public const int MaxAttempts = 10;

    private static readonly SemaphoreSlim SqliteWriters = new(1, 1);

    public static async Task<Result<Posted>> PostAsync(IDbContextFactory<EldercareDbContext> dbs, IStringLocalizer<Strings> l, string? idempotencyKey,
        Func<EldercareDbContext, Task<Result<Posting>>> plan, CancellationToken ct)
    {
        for (var attempt = 1; attempt <= MaxAttempts; attempt++)
        {
            await using var db = await dbs.CreateDbContextAsync(ct);
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

            // SQLite has one writer at a time: writers of this process queue here instead of in SQLite's busy handler,
            // whose growing sleeps (up to 100 ms) made the p95 of concurrent payments.
            var gate = db.Database.ProviderName == "Microsoft.EntityFrameworkCore.Sqlite" ? SqliteWriters : null;
            if (gate is not null)
            {
                await gate.WaitAsync(ct);
            }

            DbUpdateException? collided = null;
            try
            {
                await using var tx = await db.Database.BeginTransactionAsync(ct);
                try
                {
                    if (!await ApplyAsync(db, posting, ct))
                    {
                        await tx.RollbackAsync(ct);
                        continue;
                    }

                    if (entry.Lines.Count > 0)
                    {
                        db.Add(entry);
                    }

                    await db.SaveChangesAsync(ct);
                    await tx.CommitAsync(ct);
                    return new Posted(entry, false);
                }
                catch (DbUpdateException ex)
                {
                    await tx.RollbackAsync(CancellationToken.None);
                    collided = ex;
                }
            }
            finally
            {
                gate?.Release();
            }

            // Most likely the idempotency key's unique index: the same request posted at the same moment (a double tap).
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
                System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(collided);
            }
        }

        return Result.Conflict(l["Card.Ledger.Busy"]).As<Posted>();
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
                    accounts = accounts.Where(a => db.Set<ServiceCard>().Any(c => c.Id == a.CardId && c.Status == CardStatus.Active));
                }
            }

            if (await accounts.ExecuteUpdateAsync(s => s.SetProperty(a => a.Balance, a => a.Balance + amount), ct) != 1)
            {
                return false;
            }
        }

        return true;
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
