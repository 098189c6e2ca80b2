
namespace SmartEldercare.Welfare.Features.Allowance;

public sealed record AllowanceLineView(Guid ElderId, string ElderName, string IdNumberMasked, DateOnly BirthDate, int Age, int BandFromAge, decimal Amount);
