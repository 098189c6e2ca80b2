using FluentValidation;
using SmartEldercare.Card.Cards;
using SmartEldercare.Card.Ledger;
using SmartEldercare.Platform.Auditing;

namespace SmartEldercare.Card.Features.Payments;

/// <summary>A refund of (part of) a payment by authorised staff, with a reason: the elder's own money goes back first,
/// then the subsidy; never more than what is left of the payment.</summary>
public static class RefundPayment
{
    public sealed record Command(Guid PaymentId, decimal Amount, string Reason) : RequiresPermission(Permissions.CardRefund), ICommand<Result<Guid>>;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator(IStringLocalizer<Strings> l)
        {
            RuleFor(c => c.Amount).ValidAmount(l);
            RuleFor(c => c.Reason).NotEmpty().WithMessage(l["Card.Refund.ReasonRequired"]).MaximumLength(LedgerEntry.NoteMaxLength);
        }
    }

    public sealed class Handler(LedgerWriter ledger, ICurrentUser user, TimeProvider clock, IStringLocalizer<Strings> l, AuditTrail audit)
        : ICommandHandler<Command, Result<Guid>>
    {
        public async ValueTask<Result<Guid>> Handle(Command command, CancellationToken cancellationToken)
        {
            var amount = Fen.FromYuan(command.Amount)!.Value;
            var posted = await ledger.PostAsync(l, null, async db =>
            {
                var payment = await db.Set<LedgerEntry>().AsNoTracking().InScopeOf(user).FirstOrDefaultAsync(e => e.Id == command.PaymentId && e.Kind == EntryKind.Payment, cancellationToken);
                if (payment is null)
                {
                    return Result.NotFound().As<Posting>();
                }

                if (amount > payment.Amount - payment.Refunded)
                {
                    return Result.Invalid(nameof(Command.Amount), l["Card.Refund.TooMuch", Fen.Format(payment.Amount - payment.Refunded)]).As<Posting>();
                }

                // The money goes back to the card the elder holds now (a replaced card's successor).
                var card = await db.Set<ServiceCard>().AsNoTracking().SingleAsync(c => c.Id == payment.CardId, cancellationToken);
                for (var hops = 0; card.ReplacedByCardId is { } next && hops < 10; hops++)
                {
                    card = await db.Set<ServiceCard>().AsNoTracking().SingleAsync(c => c.Id == next, cancellationToken);
                }

                var selfRefundedBefore = Math.Min(payment.Refunded, payment.SelfPart);
                var self = Math.Min(amount, payment.SelfPart - selfRefundedBefore);
                var subsidy = amount - self;
                var merchant = await db.Set<CardAccount>().Where(a => a.Key == CardAccount.KeyOf(AccountKind.MerchantPayable, payment.OrganisationId)).Select(a => a.Id).SingleAsync(cancellationToken);
                var entry = new LedgerEntry
                {
                    Kind = EntryKind.Refund, CardId = card.Id, ElderId = card.ElderId, RegionCode = card.RegionCode, OrganisationId = payment.OrganisationId,
                    TerminalId = payment.TerminalId, AtUtc = clock.UtcNow(), Amount = amount, SubsidyPart = subsidy, SelfPart = self, RefundOf = payment.Id,
                    Note = command.Reason, By = user.DisplayName,
                };
                entry.Lines.Add(new LedgerLine { EntryId = entry.Id, AccountId = merchant, Amount = -amount });
                if (subsidy > 0)
                {
                    entry.Lines.Add(new LedgerLine { EntryId = entry.Id, AccountId = card.SubsidyAccountId, Amount = subsidy });
                }

                if (self > 0)
                {
                    entry.Lines.Add(new LedgerLine { EntryId = entry.Id, AccountId = card.SelfAccountId, Amount = self });
                }

                var paymentId = payment.Id;
                return new Posting(entry, new HashSet<Guid> { card.SubsidyAccountId, card.SelfAccountId },
                    Guard: async (tx, ct) => await tx.Set<LedgerEntry>().Where(e => e.Id == paymentId && e.Refunded + amount <= e.Amount)
                        .ExecuteUpdateAsync(s => s.SetProperty(e => e.Refunded, e => e.Refunded + amount), ct) == 1);
            }, cancellationToken);
            if (!posted.IsSuccess)
            {
                return posted.As<Guid>();
            }

            await audit.AppendAsync(user, new AuditRecord("card.refund", command.PaymentId.ToString(), AuditOutcome.Succeeded, Fen.Format(amount)), cancellationToken);
            return posted.Value!.Entry.Id;
        }
    }
}
