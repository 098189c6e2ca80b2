
namespace SmartEldercare.Facilities.Features.Board;

public sealed record StreetOption(string Code, string Name);
