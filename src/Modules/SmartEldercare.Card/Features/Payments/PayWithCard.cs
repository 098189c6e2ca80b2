using FluentValidation;
using SmartEldercare.Card.Cards;
using SmartEldercare.Card.Ledger;

namespace SmartEldercare.Card.Features.Payments;

/// <summary>The point of sale charges a card; <see cref="Command.RequestId"/> is drawn when the sale is prepared, so a
/// double-tapped confirm (or a resend after a lost answer) charges once.</summary>
public static class PayWithCard
{
    public sealed record Command(string CardNumber, Guid OrganisationId, decimal Amount, Guid RequestId, string? Note = null) : RequiresPermission(Permissions.CardPay), ICommand<Result<PaymentReceipt>>;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator(IStringLocalizer<Strings> l)
        {
            RuleFor(c => c.CardNumber).ValidCardNumber(l);
            RuleFor(c => c.Amount).ValidAmount(l);
            RuleFor(c => c.OrganisationId).NotEmpty().WithMessage(l["Card.Pay.MerchantRequired"]);
            RuleFor(c => c.RequestId).NotEmpty();
            RuleFor(c => c.Note).MaximumLength(LedgerEntry.NoteMaxLength);
        }
    }

    public sealed class Handler(IDbContextFactory<EldercareDbContext> dbs, CardPayments payments, ICurrentUser user) : ICommandHandler<Command, Result<PaymentReceipt>>
    {
        public async ValueTask<Result<PaymentReceipt>> Handle(Command command, CancellationToken cancellationToken)
        {
            await using var db = await dbs.CreateDbContextAsync(cancellationToken);
            var merchant = await ListMerchants.Merchants(db, user.RegionCode).Where(o => o.Id == command.OrganisationId).Select(o => new { o.Id, o.Name }).FirstOrDefaultAsync(cancellationToken);
            if (merchant is null)
            {
                return Result.NotFound().As<PaymentReceipt>();
            }

            return await payments.PayAsync(new PaymentRequest(CardNumber.Normalize(command.CardNumber)!, Fen.FromYuan(command.Amount)!.Value, merchant.Id, merchant.Name, null,
                $"pos:{command.RequestId:N}", user.DisplayName, command.Note), cancellationToken);
        }
    }
}
