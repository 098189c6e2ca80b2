using FluentValidation;
using SmartEldercare.Card.Cards;

namespace SmartEldercare.Card.Features.Payments;

internal static class AmountRules
{
    public static IRuleBuilderOptions<T, decimal> ValidAmount<T>(this IRuleBuilder<T, decimal> rule, IStringLocalizer<Strings> l) =>
        rule.Must(a => Fen.FromYuan(a) is not null).WithMessage(l["Card.Amount.Invalid"]);

    public static IRuleBuilderOptions<T, string> ValidCardNumber<T>(this IRuleBuilder<T, string> rule, IStringLocalizer<Strings> l) =>
        rule.Must(n => CardNumber.Normalize(n) is not null).WithMessage(l["Card.Number.Invalid"]);
}
