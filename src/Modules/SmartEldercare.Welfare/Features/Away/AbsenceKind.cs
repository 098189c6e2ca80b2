
namespace SmartEldercare.Welfare.Features.Away;

public enum AbsenceKind
{
    Away,
    Hospital,
}
