
namespace SmartEldercare.Welfare.Features.Allowance;

public sealed record AllowanceLineView(Guid ElderId, string ElderName, string IdNumberMasked, int BirthYear, int Age, int BandFromAge, [property: JsonYuan] long Amount);
