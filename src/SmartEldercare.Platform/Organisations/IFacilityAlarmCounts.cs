namespace SmartEldercare.Platform.Organisations;

/// <summary>
/// Open alarms raised by the devices of organisations (institutions, day-care centres): published by the Emergency
/// module for the facility supervision board, so neither module reads the other's tables.
/// </summary>
public interface IFacilityAlarmCounts
{
    /// <summary>Open alarm count per organisation id (organisations without open alarms may be absent).</summary>
    /// <param name="organisationIds">The organisations asked about.</param>
    /// <param name="ct">Cancellation.</param>
    Task<IReadOnlyDictionary<Guid, int>> OpenAlarmsAsync(IReadOnlyCollection<Guid> organisationIds, CancellationToken ct = default);
}

/// <summary>When no module counts alarms: zeros.</summary>
public sealed class NoFacilityAlarmCounts : IFacilityAlarmCounts
{
    public Task<IReadOnlyDictionary<Guid, int>> OpenAlarmsAsync(IReadOnlyCollection<Guid> organisationIds, CancellationToken ct = default) =>
        Task.FromResult<IReadOnlyDictionary<Guid, int>>(new Dictionary<Guid, int>());
}
