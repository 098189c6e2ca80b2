namespace SmartEldercare.Platform.Elders;

/// <summary>A hospital stay of an elder (the day they went in; the day they came home, or null while still there).</summary>
public sealed record HospitalStayPeriod(Guid ElderId, DateOnly From, DateOnly? To);

/// <summary>
/// Hospital stays, published by the module that records them (home services) for the others (welfare visits and
/// wellbeing watch), so there is one record of a stay. Every method is batched: one query for many elders.
/// </summary>
public interface IHospitalStays
{
    /// <summary>Stays of these elders that share at least one day with [<paramref name="from"/>, <paramref name="to"/>].</summary>
    Task<IReadOnlyList<HospitalStayPeriod>> OverlappingAsync(IReadOnlyCollection<Guid> elderIds, DateOnly from, DateOnly to, CancellationToken ct = default);

    /// <summary>Stays in the region scope that ended (discharge) between the two days, inclusive.</summary>
    Task<IReadOnlyList<HospitalStayPeriod>> DischargedAsync(string scope, DateOnly from, DateOnly to, CancellationToken ct = default);
}

/// <summary>Alarm history of elders, published by the emergency module (the welfare visit tiers use recent alarms).</summary>
public interface IElderAlarmHistory
{
    /// <summary>How many alarms each elder had since <paramref name="sinceUtc"/> (elders without any are absent).</summary>
    Task<IReadOnlyDictionary<Guid, int>> CountsSinceAsync(IReadOnlyCollection<Guid> elderIds, DateTime sinceUtc, CancellationToken ct = default);
}
