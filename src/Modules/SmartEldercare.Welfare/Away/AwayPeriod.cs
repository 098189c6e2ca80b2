using SmartEldercare.Platform.Elders;
namespace SmartEldercare.Welfare.Away;

/// <summary>
/// An elder's reported absence from home (外出报备, e.g. staying at a daughter's): it suppresses inactivity checks and
/// missed-visit warnings for its days. Hospital stays are not kept here: the home-service module owns them.
/// </summary>
public sealed class AwayPeriod : ElderPeriod
{
    public Result End(DateOnly to)
    {
        if (to < From)
        {
            return Result.Invalid(nameof(To), "Welfare.Away.Range");
        }

        To = to;
        return Result.Ok();
    }
}
