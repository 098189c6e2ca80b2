
namespace SmartEldercare.Social.Features.Circle;

public sealed record StreetOption(string Code, string Name);
