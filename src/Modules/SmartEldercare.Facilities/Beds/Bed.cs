namespace SmartEldercare.Facilities.Beds;

public enum BedState
{
    Empty,
    Reserved,
    Occupied,
    OnLeave,
    InHospital,
}

/// <summary>
/// A bed of an institution and who lies in it. <see cref="ResidentElderId"/> is unique across all beds: an elder
/// is resident in one place at most, whatever the races. Occupancy is counted from these, never typed.
/// </summary>
public sealed class Bed : IVersionedFacilityRecord
{
    public const int CodeMaxLength = 20;

    public Guid Id { get; init; } = Guid.CreateVersion7();

    public Guid OrganisationId { get; init; }

    public required string RegionCode { get; init; }

    /// <summary>Room and bed, e.g. 101-1.</summary>
    public required string Code { get; set; }

    public BedState State { get; private set; }

    public Guid? ResidentElderId { get; private set; }

    /// <summary>The resident's capability assessment level at admission (能力评估等级 0–4).</summary>
    public int? CareLevel { get; private set; }

    public DateOnly? AdmittedOn { get; private set; }

    public Guid? ResidencyId { get; private set; }

    public int Version { get; set; }

    public static bool IsTaken(BedState state) => state is BedState.Occupied or BedState.OnLeave or BedState.InHospital;

    public Result Admit(Residency residency)
    {
        if (ResidentElderId is not null || IsTaken(State))
        {
            return Result.Conflict("Facilities.Bed.Occupied");
        }

        ResidentElderId = residency.ElderId;
        CareLevel = residency.CareLevel;
        AdmittedOn = residency.AdmittedOn;
        ResidencyId = residency.Id;
        State = BedState.Occupied;
        return Result.Ok();
    }

    public Result Discharge(Residency residency, DateOnly on, string? reason)
    {
        if (ResidentElderId is null || ResidencyId != residency.Id)
        {
            return Result.Conflict("Facilities.Bed.NotOccupied");
        }

        var ended = residency.End(on, reason);
        if (!ended.IsSuccess)
        {
            return ended;
        }

        ResidentElderId = null;
        CareLevel = null;
        AdmittedOn = null;
        ResidencyId = null;
        State = BedState.Empty;
        return Result.Ok();
    }

    /// <summary>Reserved or empty for a free bed; occupied, on leave or in hospital for a resident's.</summary>
    public Result SetState(BedState state)
    {
        if (ResidentElderId is null ? IsTaken(state) : !IsTaken(state))
        {
            return Result.Invalid(nameof(State), ResidentElderId is null ? "Facilities.Bed.AdmitFirst" : "Facilities.Bed.DischargeFirst");
        }

        State = state;
        return Result.Ok();
    }
}

/// <summary>An elder's stay in an institution, from admission to discharge: the history the bed board forgets.</summary>
public sealed class Residency : IFacilityRecord
{
    public const int ReasonMaxLength = 200;

    public Guid Id { get; init; } = Guid.CreateVersion7();

    public Guid OrganisationId { get; init; }

    public required string RegionCode { get; init; }

    public Guid BedId { get; init; }

    public Guid ElderId { get; init; }

    public int CareLevel { get; init; }

    public DateOnly AdmittedOn { get; init; }

    public DateOnly? DischargedOn { get; private set; }

    public string? DischargeReason { get; private set; }

    public Result End(DateOnly on, string? reason)
    {
        if (DischargedOn is not null)
        {
            return Result.Conflict("Facilities.Bed.NotOccupied");
        }

        if (on < AdmittedOn)
        {
            return Result.Invalid("DischargedOn", "Facilities.Discharge.BeforeAdmission");
        }

        DischargedOn = on;
        DischargeReason = reason;
        return Result.Ok();
    }
}

/// <summary>Occupancy: residents (occupied, on leave, in hospital) over beds.</summary>
public sealed record Occupancy(int Beds, int Residents)
{
    public int Percent => Beds == 0 ? 0 : (int)Math.Round(100.0 * Residents / Beds, MidpointRounding.AwayFromZero);
}
