using SmartEldercare.Facilities.Institutions;

namespace SmartEldercare.Facilities.Supervision;

/// <summary>One reason an institution needs attention and the points it adds; <see cref="Key"/> is a text key.</summary>
public sealed record RiskFactor(string Key, int Points, string Detail);

/// <summary>What the risk score is computed from (everything counted today).</summary>
public sealed record RiskInputs(
    LicenceStatus Licence, int OpenHazardPoints, int OverdueHazards, int CarersOnDuty, int CarersRequired,
    int? LastInspectionScore, int? DaysSinceInspection, int OpenAlarms, int OverdueComplaints);

/// <summary>
/// The board's risk score, 0 (nothing to see) to 100, as a sum of capped factors so the operator can see why:
/// licence, open and overdue hazards, staffing below ratio, the last inspection, open device alarms, overdue complaints.
/// </summary>
public static class RiskScore
{
    public const int StaleInspectionDays = 90;

    public static int HazardPoints(Inspections.RiskLevel risk) => risk switch
    {
        Inspections.RiskLevel.Major => 10,
        Inspections.RiskLevel.High => 6,
        Inspections.RiskLevel.Medium => 3,
        _ => 1,
    };

    public static IReadOnlyList<RiskFactor> Factors(RiskInputs x)
    {
        var factors = new List<RiskFactor>();
        void Add(string key, int points, string detail)
        {
            if (points > 0)
            {
                factors.Add(new RiskFactor(key, points, detail));
            }
        }

        Add("Facilities.Risk.Licence", x.Licence switch { LicenceStatus.Expired => 25, LicenceStatus.Missing => 15, LicenceStatus.ExpiringSoon => 8, _ => 0 }, x.Licence.ToString());
        Add("Facilities.Risk.OpenHazards", Math.Min(20, x.OpenHazardPoints), x.OpenHazardPoints.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Add("Facilities.Risk.OverdueHazards", Math.Min(25, 8 * x.OverdueHazards), x.OverdueHazards.ToString(System.Globalization.CultureInfo.InvariantCulture));
        if (x.CarersRequired > 0 && x.CarersOnDuty < x.CarersRequired)
        {
            Add("Facilities.Risk.Staffing", (int)Math.Ceiling(15.0 * (x.CarersRequired - x.CarersOnDuty) / x.CarersRequired), $"{x.CarersOnDuty}/{x.CarersRequired}");
        }

        if (x.LastInspectionScore is not { } score || x.DaysSinceInspection > StaleInspectionDays)
        {
            Add("Facilities.Risk.NoRecentInspection", 10, x.DaysSinceInspection?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "-");
        }
        else
        {
            Add("Facilities.Risk.InspectionScore", (int)Math.Round((100 - score) * 0.2, MidpointRounding.AwayFromZero), score.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        Add("Facilities.Risk.Alarms", Math.Min(15, 5 * x.OpenAlarms), x.OpenAlarms.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Add("Facilities.Risk.Complaints", Math.Min(10, 5 * x.OverdueComplaints), x.OverdueComplaints.ToString(System.Globalization.CultureInfo.InvariantCulture));
        return factors;
    }

    public static int Total(IReadOnlyList<RiskFactor> factors) => Math.Min(100, factors.Sum(f => f.Points));
}
