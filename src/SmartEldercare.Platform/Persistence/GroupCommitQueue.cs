using System.Collections.Concurrent;

namespace SmartEldercare.Platform.Persistence;

/// <summary>
/// Group commit, for writers whose cost is the commit (a log flush, a few round trips) rather than the rows: items queue,
/// and whoever holds a writer's turn commits everything queued so far (up to a limit) as one group. Each caller waits
/// until its own item is done, committing groups meanwhile if it holds a turn. One item alone is committed at once; under
/// load the queue fills while a commit runs, so the commit's cost is shared by many callers. Nobody should answer its
/// caller before the group holding its item has committed: the commit function completes each item's outcome.
/// Device ingest and the card ledger use it.
/// </summary>
/// <typeparam name="T">A queued item, which the commit function completes.</typeparam>
public sealed class GroupCommitQueue<T> : IDisposable
{
    private readonly ConcurrentQueue<T> queue = new();
    private readonly SemaphoreSlim turns;
    private readonly int writers;
    private readonly Func<T, bool> isDone;
    private readonly Func<List<T>, T, bool> fits;
    private long groups;

    /// <param name="writers">How many groups may commit at once (1 for SQLite, which has one writer).</param>
    /// <param name="isDone">Whether an item has its outcome (set by the commit function).</param>
    /// <param name="fits">Whether the next queued item may join a group being taken (a non-empty group); the first always does.</param>
    public GroupCommitQueue(int writers, Func<T, bool> isDone, Func<List<T>, T, bool> fits)
    {
        this.writers = Math.Max(1, writers);
        turns = new SemaphoreSlim(this.writers, this.writers);
        this.isDone = isDone;
        this.fits = fits;
    }

    /// <summary>Items waiting for a group.</summary>
    public int Queued => queue.Count;

    /// <summary>Groups being committed now.</summary>
    public int Writing => writers - turns.CurrentCount;

    /// <summary>Groups taken for a commit since the start.</summary>
    public long Groups => Interlocked.Read(ref groups);

    /// <summary>
    /// Queues <paramref name="item"/> and returns when it is done: committed in this caller's group or another's.
    /// Not cancellable: once queued, some writer takes the item.
    /// </summary>
    /// <param name="item">The item.</param>
    /// <param name="commit">Commits one group and completes each of its items (also when it fails).</param>
    public async Task EnqueueAsync(T item, Func<List<T>, Task> commit)
    {
        queue.Enqueue(item);
        await turns.WaitAsync(CancellationToken.None);
        try
        {
            while (!isDone(item))
            {
                var group = Take();
                if (group.Count == 0)
                {
                    break; // taken by another writer's group, committing now
                }

                Interlocked.Increment(ref groups);
                await commit(group);
            }
        }
        finally
        {
            turns.Release();
        }
    }

    /// <summary>What is queued, oldest first, while it fits (at least one item).</summary>
    private List<T> Take()
    {
        var group = new List<T>();
        while (queue.TryPeek(out var next) && (group.Count == 0 || fits(group, next)) && queue.TryDequeue(out next))
        {
            group.Add(next);
        }

        return group;
    }

    public void Dispose() => turns.Dispose();
}
