using SmartEldercare.Facilities.Beds;
using SmartEldercare.Facilities.Institutions;
using SmartEldercare.Facilities.Staff;
using SmartEldercare.Facilities.Supervision;
using SmartEldercare.Platform.Organisations;

namespace SmartEldercare.Facilities.Features.Board;

/// <param name="Id">The institution.</param>
/// <param name="Name">Its name.</param>
/// <param name="Type">Institution or day-care centre.</param>
/// <param name="StreetCode">Its street/town.</param>
/// <param name="StreetName">The street/town's name.</param>
/// <param name="Occupancy">Beds and residents.</param>
/// <param name="Shifts">Today's shifts: carers on duty against required.</param>
/// <param name="OpenHazards">Hazards to fix.</param>
/// <param name="OverdueHazards">Open past their deadline.</param>
/// <param name="ToVerify">Fixed by the institution, awaiting the inspector.</param>
/// <param name="OpenAlarms">Open alarms from its devices.</param>
/// <param name="LastInspectionScore">The latest inspection's score.</param>
/// <param name="LastInspectedAtUtc">When.</param>
/// <param name="Licence">Licence status today.</param>
/// <param name="LicenceValidUntil">The licence's expiry.</param>
/// <param name="OpenComplaints">Complaints not closed.</param>
/// <param name="OverdueComplaints">Of which past their deadline.</param>
/// <param name="Risk">The risk score 0–100.</param>
/// <param name="Factors">What the risk score is made of.</param>
public sealed record BoardRow(
    Guid Id, string Name, OrganisationType Type, string StreetCode, string StreetName, Occupancy Occupancy, IReadOnlyList<ShiftStaffing> Shifts,
    int OpenHazards, int OverdueHazards, int ToVerify, int OpenAlarms, int? LastInspectionScore, DateTime? LastInspectedAtUtc, LicenceStatus Licence, DateOnly? LicenceValidUntil,
    int OpenComplaints, int OverdueComplaints, int Risk, IReadOnlyList<RiskFactor> Factors)
{
    public bool StaffingBelow => Shifts.Any(s => s.BelowRatio);
}
