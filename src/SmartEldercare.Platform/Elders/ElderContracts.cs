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

/// <summary>What an elder's home sensors (door, motion, water meter) showed since a moment.</summary>
/// <param name="ElderId">The elder the sensors are bound to.</param>
/// <param name="LastActivityUtc">The last door, motion or water event (null: none since the moment).</param>
/// <param name="HasWaterMeter">Whether a water meter is bound to the elder.</param>
/// <param name="WaterLitres">Water used since the water window's start (readings' <c>litres</c> summed; null without a meter).</param>
public sealed record ElderActivity(Guid ElderId, DateTime? LastActivityUtc, bool HasWaterMeter, double? WaterLitres);

/// <summary>Home-sensor activity per elder, published by the emergency module (the welfare wellbeing watch reads it).</summary>
public interface IElderActivitySource
{
    /// <summary>Every elder of the region scope with an enabled activity sensor, in one batch: the last activity since
    /// <paramref name="sinceUtc"/> and the water used since <paramref name="waterSinceUtc"/>.</summary>
    Task<IReadOnlyList<ElderActivity>> ActivityAsync(string scope, DateTime sinceUtc, DateTime waterSinceUtc, CancellationToken ct = default);
}

/// <summary>Raises an emergency alarm for an undone welfare check, published by the emergency module.</summary>
public interface IRaiseWelfareAlarm
{
    /// <summary>The new alarm's id, or null when the elder is unknown or no longer active.</summary>
    Task<Guid?> RaiseAsync(Guid elderId, string note, CancellationToken ct = default);
}

/// <summary>
/// Records hospital admissions and discharges reported by the health department, published by the module that keeps
/// the stays (home services). Both are idempotent: an admission while a stay is open, or a discharge of a stay
/// already ended that day, changes nothing.
/// </summary>
public interface IHospitalStayRecorder
{
    /// <summary>Opens a stay from <paramref name="from"/> unless one is open; false when the elder is unknown.</summary>
    Task<bool> AdmitAsync(Guid elderId, DateOnly from, string note, string recordedBy, CancellationToken ct = default);

    /// <summary>Ends the open stay on <paramref name="on"/> (or records a one-day stay when none was open, so the
    /// discharge visit is still planned); false when the elder is unknown.</summary>
    Task<bool> DischargeAsync(Guid elderId, DateOnly on, string note, string recordedBy, CancellationToken ct = default);
}

/// <summary>An alarm that ended with the elder sent to hospital (or 120), for the health department's feed.</summary>
public sealed record HospitalTransfer(Guid AlarmId, Guid ElderId, string AlarmType, DateTime RaisedAtUtc, DateTime ClosedAtUtc, string RegionCode);

/// <summary>Alarms that ended in a hospital transfer, published by the emergency module.</summary>
public interface IHospitalTransfers
{
    /// <summary>Transfers closed after <paramref name="afterUtc"/>, oldest first, at most <paramref name="take"/>.</summary>
    Task<IReadOnlyList<HospitalTransfer>> ClosedAfterAsync(DateTime afterUtc, int take, CancellationToken ct = default);
}

/// <summary>What the service card did with a verified home-service visit's self-paid part.</summary>
public enum CardChargeOutcome
{
    NothingToCharge,
    NoCard,
    Charged,
    AlreadyCharged,
    Insufficient,
}

/// <summary>
/// Charges the elder's eldercare service card (published by the card module) for the self-paid part of a verified
/// home-service visit, paid to the provider; the subsidised part stays with the home-service settlement. Idempotent on
/// the order id: verifying twice charges once.
/// </summary>
public interface IServiceCardCharges
{
    Task<CardChargeOutcome> ChargeVerifiedVisitAsync(Guid orderId, Guid elderId, Guid providerOrganisationId, long selfPayFen, string? note, CancellationToken ct = default);
}

/// <summary>A planned (not yet done) welfare visit, for volunteers to be assigned to.</summary>
public sealed record PlannedVisit(Guid VisitId, Guid ElderId, string ElderName, string RegionCode, DateOnly DueDate);

/// <summary>Planned welfare visits, published by the welfare module (social services assign volunteers to them).</summary>
public interface IPlannedVisits
{
    /// <summary>Planned visits of the region scope due between the two days, inclusive, soonest first (at most 200).</summary>
    Task<IReadOnlyList<PlannedVisit>> PlannedAsync(string scope, DateOnly from, DateOnly to, CancellationToken ct = default);

    /// <summary>One visit if it is still planned; null otherwise.</summary>
    Task<PlannedVisit?> FindPlannedAsync(Guid visitId, CancellationToken ct = default);
}

/// <summary>A home-service meal-delivery order (送餐) of an elder on a day.</summary>
public sealed record MealDeliveryOrder(Guid OrderId, Guid ElderId, DateOnly ServiceDate, int Quantity, string Status);

/// <summary>
/// Meal-delivery orders, published by the home-service module: a canteen's delivered meal is linked to the order that
/// carried it, so one meal is not counted (or subsidised) twice.
/// </summary>
public interface IMealDeliveryOrders
{
    /// <summary>The elder's meal-delivery orders of that day that were not cancelled or missed.</summary>
    Task<IReadOnlyList<MealDeliveryOrder>> ForElderAsync(Guid elderId, DateOnly day, CancellationToken ct = default);
}
