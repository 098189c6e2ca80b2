
namespace SmartEldercare.Card.Features.Crediting;

public sealed record CreditedByRule(Guid RuleId, string Rule, string Why, int Cards, [property: JsonYuan] long Total);
