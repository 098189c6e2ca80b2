namespace SmartEldercare.Facilities;

/// <summary>A record of an institution that changes under a concurrency token the handlers bump.</summary>
public interface IVersionedFacilityRecord : IFacilityRecord
{
    Guid Id { get; }

    int Version { get; set; }
}

/// <summary>
/// The facilities' change of one record: <see cref="ScopedChange"/> on the user's institutions (a manager's own), the
/// record's version bumped with the rule, and the institution's live update after the commit.
/// </summary>
public sealed class FacilityChange(ScopedChange change, FacilityAccess access, TimeProvider clock)
{
    public ValueTask<Result> ApplyAsync<T>(Guid id, Func<T, DateTime, Result> rule, string topic, CancellationToken ct, Func<T, Task>? alsoAfterCommit = null)
        where T : class, IVersionedFacilityRecord =>
        change.ApplyAsync(
            async db => await access.RecordsAsync<T>(db, ct),
            r => r.Id == id,
            (record, _) =>
            {
                var outcome = rule(record, clock.UtcNow());
                if (outcome.IsSuccess)
                {
                    record.Version++;
                }

                return ValueTask.FromResult(outcome);
            },
            alsoAfterCommit,
            ct,
            announce: record => FacilityLive.Update(record.RegionCode, record.OrganisationId, topic, clock.UtcNow()));
}
