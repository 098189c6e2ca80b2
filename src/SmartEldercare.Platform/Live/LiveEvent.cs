namespace SmartEldercare.Platform.Live;

/// <summary>The stored form of a <see cref="LiveUpdate"/>: the consoles' feed reloads from here, so a lost push loses nothing.</summary>
public sealed class LiveEvent : Regions.IRegionScoped
{
    public Guid Id { get; init; }

    public required string RegionCode { get; init; }

    public required string Topic { get; init; }

    public string? RecordId { get; init; }

    public DateTime AtUtc { get; init; }

    public static LiveEvent Of(LiveUpdate update) =>
        new() { Id = update.Id, RegionCode = update.RegionCode, Topic = update.Topic, RecordId = update.RecordId, AtUtc = update.AtUtc };

    /// <summary>
    /// Adds the update's feed row to <paramref name="db"/>, so that it commits in the same transaction as the change it
    /// reports (or not at all); after the commit, <see cref="ILiveUpdates.PushAsync"/> fans it out.
    /// </summary>
    public static void Stage(Persistence.EldercareDbContext db, LiveUpdate update) => db.LiveEvents.Add(Of(update));

    /// <summary>
    /// Commits <paramref name="db"/>'s change together with the update's feed row, then pushes the update. False when
    /// the change lost a race — its concurrency token moved or, with <paramref name="uniqueRace"/>, a unique index
    /// refused it — and nothing was written.
    /// </summary>
    public static async Task<bool> CommitAsync(Persistence.EldercareDbContext db, ILiveUpdates live, LiveUpdate update, CancellationToken ct, bool uniqueRace = false)
    {
        Stage(db, update);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (Microsoft.EntityFrameworkCore.DbUpdateException e) when (uniqueRace || e is Microsoft.EntityFrameworkCore.DbUpdateConcurrencyException)
        {
            return false;
        }

        await live.PushAsync(update, ct);
        return true;
    }
}
