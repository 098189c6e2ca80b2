using System.Security.Cryptography;
using FluentValidation;
using SmartEldercare.Card.Cards;
using SmartEldercare.Platform.Auditing;

namespace SmartEldercare.Card.Features.Payments;

public sealed record RegisteredTerminal(Guid Id, string Code, string Key);

/// <summary>Registers a third-party terminal of a canteen or provider; its key is shown once and stored only hashed.</summary>
public static class RegisterTerminal
{
    public sealed record Command(string Code, string Name, Guid OrganisationId) : RequiresPermission(Permissions.CardAdmin), ICommand<Result<RegisteredTerminal>>;

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
