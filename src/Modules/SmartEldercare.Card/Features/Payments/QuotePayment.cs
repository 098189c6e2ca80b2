using FluentValidation;
using SmartEldercare.Card.Cards;

namespace SmartEldercare.Card.Features.Payments;

public static class QuotePayment
{
    public sealed record Query(string CardNumber, decimal Amount) : RequiresPermission(Permissions.CardPay), IQuery<Result<PaymentQuote>>;

    public sealed class Validator : AbstractValidator<Query>
    {
        public Validator(IStringLocalizer<Strings> l)
        {
            RuleFor(q => q.CardNumber).ValidCardNumber(l);
            RuleFor(q => q.Amount).ValidAmount(l);
        }
    }

    public sealed class Handler(CardPayments payments, ICurrentUser user) : IQueryHandler<Query, Result<PaymentQuote>>
    {
        public async ValueTask<Result<PaymentQuote>> Handle(Query query, CancellationToken cancellationToken) =>
            await payments.QuoteAsync(CardNumber.Normalize(query.CardNumber)!, Fen.FromYuan(query.Amount)!.Value, user.RegionCode, cancellationToken);
    }
}
