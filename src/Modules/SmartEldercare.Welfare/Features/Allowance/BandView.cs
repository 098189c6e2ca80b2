
namespace SmartEldercare.Welfare.Features.Allowance;

/// <summary>A band: from this age, this many fen a month (a yuan number in the API's JSON, both ways).</summary>
public sealed record BandView(int FromAge, [property: JsonYuan] long MonthlyAmount);
