
namespace SmartEldercare.Welfare.Features.Allowance;

public sealed record BandView(int FromAge, decimal MonthlyAmount);
