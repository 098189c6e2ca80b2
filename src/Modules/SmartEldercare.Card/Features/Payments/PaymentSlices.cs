using System.Security.Cryptography;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using SmartEldercare.Card.Cards;
using SmartEldercare.Card.Ledger;
using SmartEldercare.Platform.Auditing;
using SmartEldercare.Platform.Behaviors;
using SmartEldercare.Platform.Common;
using SmartEldercare.Platform.Identity;
using SmartEldercare.Platform.Localization;
using SmartEldercare.Platform.Organisations;
using SmartEldercare.Platform.Persistence;
using SmartEldercare.Platform.Regions;

namespace SmartEldercare.Card.Features.Payments;

internal static class AmountRules
{
    public static IRuleBuilderOptions<T, decimal> ValidAmount<T>(this IRuleBuilder<T, decimal> rule, IStringLocalizer<Strings> l) =>
        rule.Must(a => Fen.FromYuan(a) is not null).WithMessage(l["Card.Amount.Invalid"]);

    public static IRuleBuilderOptions<T, string> ValidCardNumber<T>(this IRuleBuilder<T, string> rule, IStringLocalizer<Strings> l) =>
        rule.Must(n => CardNumber.Normalize(n) is not null).WithMessage(l["Card.Number.Invalid"]);
}

public sealed record MerchantOption(Guid Id, string Name, OrganisationType Type);

/// <summary>Canteens and providers of the caller's scope the point of sale may charge for.</summary>
public static class ListMerchants
{
    public sealed record Query : IQuery<IReadOnlyList<MerchantOption>>, IRequirePermission
    {
        public string Permission => Permissions.CardPay;
    }

    public sealed class Handler(IDbContextFactory<EldercareDbContext> dbs, ICurrentUser user) : IQueryHandler<Query, IReadOnlyList<MerchantOption>>
    {
        public async ValueTask<IReadOnlyList<MerchantOption>> Handle(Query query, CancellationToken cancellationToken)
        {
            await using var db = await dbs.CreateDbContextAsync(cancellationToken);
            return await Merchants(db, user.RegionCode).OrderBy(o => o.Type).ThenBy(o => o.Name)
                .Select(o => new MerchantOption(o.Id, o.Name, o.Type)).ToListAsync(cancellationToken);
        }
    }

    /// <summary>A card pays the whole district's canteens; staff take payments only for merchants of their own scope.</summary>
    internal static IQueryable<Organisation> Merchants(EldercareDbContext db, string scope) =>
        db.Organisations.AsNoTracking().InRegion(scope).Where(o => o.Type == OrganisationType.Canteen || o.Type == OrganisationType.ServiceProvider || o.Type == OrganisationType.DayCareCentre);
}

public static class QuotePayment
{
    public sealed record Query(string CardNumber, decimal Amount) : IQuery<Result<PaymentQuote>>, IRequirePermission
    {
        public string Permission => Permissions.CardPay;
    }

    public sealed class Validator : AbstractValidator<Query>
    {
        public Validator(IStringLocalizer<Strings> l)
        {
            RuleFor(q => q.CardNumber).ValidCardNumber(l);
            RuleFor(q => q.Amount).ValidAmount(l);
        }
    }

    public sealed class Handler(CardPayments payments) : IQueryHandler<Query, Result<PaymentQuote>>
    {
        public async ValueTask<Result<PaymentQuote>> Handle(Query query, CancellationToken cancellationToken) =>
            await payments.QuoteAsync(CardNumber.Normalize(query.CardNumber)!, Fen.FromYuan(query.Amount)!.Value, cancellationToken);
    }
}

/// <summary>The point of sale charges a card; <see cref="Command.RequestId"/> is drawn when the sale is prepared, so a
/// double-tapped confirm (or a resend after a lost answer) charges once.</summary>
public static class PayWithCard
{
    public sealed record Command(string CardNumber, Guid OrganisationId, decimal Amount, Guid RequestId, string? Note = null) : ICommand<Result<PaymentReceipt>>, IRequirePermission
    {
        public string Permission => Permissions.CardPay;
    }

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

/// <summary>A refund of (part of) a payment by authorised staff, with a reason: the elder's own money goes back first,
/// then the subsidy; never more than what is left of the payment.</summary>
public static class RefundPayment
{
    public sealed record Command(Guid PaymentId, decimal Amount, string Reason) : ICommand<Result<Guid>>, IRequirePermission
    {
        public string Permission => Permissions.CardRefund;
    }

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

public sealed record TopUpReceipt(Guid EntryId, string CardNumber, string ElderName, decimal Amount, decimal SelfBalance, DateTime AtUtc, string By, bool Replayed);

/// <summary>Cash paid in at a service station onto the self-paid account, with a receipt.</summary>
public static class TopUpCard
{
    public sealed record Command(Guid CardId, decimal Amount, Guid RequestId, string? Note = null) : ICommand<Result<TopUpReceipt>>, IRequirePermission
    {
        public string Permission => Permissions.CardTopUp;
    }

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
            return new TopUpReceipt(e.Id, CardPayments.Masked(card.Number), card.ElderName, Fen.ToYuan(e.Amount), Fen.ToYuan(self), e.AtUtc, e.By ?? string.Empty, posted.Value.Replayed);
        }
    }
}

public sealed record TerminalItem(Guid Id, string Code, string Name, string OrganisationName, bool Enabled, DateTime CreatedAtUtc);

public sealed record RegisteredTerminal(Guid Id, string Code, string Key);

public static class ListTerminals
{
    public sealed record Query : IQuery<IReadOnlyList<TerminalItem>>, IRequirePermission
    {
        public string Permission => Permissions.CardAdmin;
    }

    public sealed class Handler(IDbContextFactory<EldercareDbContext> dbs, ICurrentUser user) : IQueryHandler<Query, IReadOnlyList<TerminalItem>>
    {
        public async ValueTask<IReadOnlyList<TerminalItem>> Handle(Query query, CancellationToken cancellationToken)
        {
            await using var db = await dbs.CreateDbContextAsync(cancellationToken);
            return await db.Set<Terminal>().AsNoTracking().InScopeOf(user).OrderBy(t => t.Code)
                .Select(t => new TerminalItem(t.Id, t.Code, t.Name, t.OrganisationName, t.Enabled, t.CreatedAtUtc)).ToListAsync(cancellationToken);
        }
    }
}

/// <summary>Registers a third-party terminal of a canteen or provider; its key is shown once and stored only hashed.</summary>
public static class RegisterTerminal
{
    public sealed record Command(string Code, string Name, Guid OrganisationId) : ICommand<Result<RegisteredTerminal>>, IRequirePermission
    {
        public string Permission => Permissions.CardAdmin;
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator(IStringLocalizer<Strings> l)
        {
            RuleFor(c => c.Code).NotEmpty().MaximumLength(Terminal.CodeMaxLength).Matches("^[A-Za-z0-9-]+$").WithMessage(l["Card.Terminal.CodeInvalid"]);
            RuleFor(c => c.Name).MaximumLength(100);
            RuleFor(c => c.OrganisationId).NotEmpty().WithMessage(l["Card.Pay.MerchantRequired"]);
        }
    }

    public sealed class Handler(IDbContextFactory<EldercareDbContext> dbs, ICurrentUser user, TimeProvider clock, IStringLocalizer<Strings> l, AuditTrail audit)
        : ICommandHandler<Command, Result<RegisteredTerminal>>
    {
        public async ValueTask<Result<RegisteredTerminal>> Handle(Command command, CancellationToken cancellationToken)
        {
            await using var db = await dbs.CreateDbContextAsync(cancellationToken);
            var merchant = await ListMerchants.Merchants(db, user.RegionCode).FirstOrDefaultAsync(o => o.Id == command.OrganisationId, cancellationToken);
            if (merchant is null)
            {
                return Result.NotFound().As<RegisteredTerminal>();
            }

            if (await db.Set<Terminal>().AnyAsync(t => t.Code == command.Code, cancellationToken))
            {
                return Result.Conflict(l["Card.Terminal.CodeTaken"]).As<RegisteredTerminal>();
            }

            var key = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24));
            var terminal = new Terminal
            {
                Code = command.Code, Name = command.Name, OrganisationId = merchant.Id, OrganisationName = merchant.Name, RegionCode = merchant.RegionCode,
                KeyHash = Terminal.Hash(key), CreatedAtUtc = clock.UtcNow(),
            };
            db.Add(terminal);
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateException)
            {
                return Result.Conflict(l["Card.Terminal.CodeTaken"]).As<RegisteredTerminal>();
            }

            await audit.AppendAsync(user, new AuditRecord("card.terminal.register", terminal.Id.ToString(), AuditOutcome.Succeeded, terminal.Code), cancellationToken);
            return new RegisteredTerminal(terminal.Id, terminal.Code, key);
        }
    }
}
