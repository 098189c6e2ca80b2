using FluentValidation;
using SmartEldercare.Card.Cards;
using SmartEldercare.Card.Ledger;

namespace SmartEldercare.Card.Features.Payments;

public sealed record TopUpReceipt(Guid EntryId, string CardNumber, string ElderName, [property: JsonYuan] long Amount, [property: JsonYuan] long SelfBalance, DateTime AtUtc, string By, bool Replayed);

/// <summary>Cash paid in at a service station onto the self-paid account, with a receipt.</summary>
public static class TopUpCard
{
    public sealed record Command(Guid CardId, decimal Amount, Guid RequestId, string? Note = null) : RequiresPermission(Permissions.CardTopUp), ICommand<Result<TopUpReceipt>>;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator(IStringLocalizer<Strings> l)
        {
            RuleFor(c => c.Amount).ValidAmount(l);
            RuleFor(c => c.RequestId).NotEmpty();
            RuleFor(c => c.Note).MaximumLength(LedgerEntry.NoteMaxLength);
        }
    }

    public sealed class Handler(IDbContextFactory<EldercareDbContext> dbs, LedgerWriter ledger, ICurrentUser user, TimeProvider clock, IStringLocalizer<Strings> l) : ICommandHandler<Command, Result<TopUpReceipt>>
    {
        public async ValueTask<Result<TopUpReceipt>> Handle(Command command, CancellationToken cancellationToken)
        {
            var amount = Fen.FromYuan(command.Amount)!.Value;
            var cash = await LedgerWriter.SystemAccountAsync(dbs, AccountKind.Cash, null, cancellationToken);
            ServiceCard? card = null;
            var posted = await ledger.PostAsync(l, $"topup:{command.RequestId:N}", async db =>
            {
                card = await db.Set<ServiceCard>().AsNoTracking().InScopeOf(user).FirstOrDefaultAsync(c => c.Id == command.CardId, cancellationToken);
                if (card is null)
                {
                    return Result.NotFound().As<Posting>();
                }

                if (!card.CanPay)
                {
                    return Result.Conflict(l["Card.Pay.Blocked", l.Enum(card.Status)]).As<Posting>();
                }

                var entry = new LedgerEntry
                {
                    Kind = EntryKind.TopUp, IdempotencyKey = $"topup:{command.RequestId:N}", CardId = card.Id, ElderId = card.ElderId, RegionCode = card.RegionCode,
                    AtUtc = clock.UtcNow(), Amount = amount, SelfPart = amount, Note = command.Note, By = user.DisplayName,
                };
                entry.Lines.Add(new LedgerLine { EntryId = entry.Id, AccountId = cash, Amount = -amount });
                entry.Lines.Add(new LedgerLine { EntryId = entry.Id, AccountId = card.SelfAccountId, Amount = amount });
                return new Posting(entry, new HashSet<Guid> { card.SelfAccountId });
            }, cancellationToken);
            if (!posted.IsSuccess)
            {
                return posted.As<TopUpReceipt>();
            }

            var e = posted.Value!.Entry;
            await using var read = await dbs.CreateDbContextAsync(cancellationToken);
            card ??= await read.Set<ServiceCard>().AsNoTracking().SingleAsync(c => c.Id == e.CardId, cancellationToken);
            var (_, self) = await CardPayments.BalancesAsync(read, card, cancellationToken);
            return new TopUpReceipt(e.Id, CardPayments.Masked(card.Number), card.ElderName, e.Amount, self, e.AtUtc, e.By ?? string.Empty, posted.Value.Replayed);
        }
    }
}
