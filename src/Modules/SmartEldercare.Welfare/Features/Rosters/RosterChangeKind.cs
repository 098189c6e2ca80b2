
namespace SmartEldercare.Welfare.Features.Rosters;

public enum RosterChangeKind
{
    Turned80,
    Turned90,
    Turned100,
    Deceased,
    MovedOut,
}
