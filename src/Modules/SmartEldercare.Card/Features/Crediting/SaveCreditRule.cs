using FluentValidation;
using SmartEldercare.Card.Cards;
using SmartEldercare.Platform.Auditing;
using SmartEldercare.Platform.Elders;

namespace SmartEldercare.Card.Features.Crediting;

/// <summary>Adds a rule (no id) or changes one; a change applies from the next crediting run (credited months stay as they are).</summary>
public static class SaveCreditRule
{
    public sealed record Command(Guid? Id, string Name, CreditPurpose Purpose, int MinAge, int? MaxAge, KeyGroups KeyGroups, int MinCareLevel, decimal MonthlyAmount,
        bool ExpiresAtYearEnd, bool Enabled = true) : RequiresPermission(Permissions.CardAdmin), ICommand<Result<Guid>>;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator(IStringLocalizer<Strings> l)
        {
            RuleFor(c => c.Name).NotEmpty().MaximumLength(CreditRule.NameMaxLength).WithMessage(l["Card.Rules.NameRequired"]);
            RuleFor(c => c.MinAge).InclusiveBetween(60, 120).WithMessage(l["Card.Rules.AgeInvalid"]);
            RuleFor(c => c.MaxAge).Must((c, max) => max is null || (max >= c.MinAge && max <= 150)).WithMessage(l["Card.Rules.AgeInvalid"]);
            RuleFor(c => c.MinCareLevel).InclusiveBetween(0, Elder.MaxCareLevel);
            RuleFor(c => c.MonthlyAmount).Must(a => Fen.FromYuan(a) is not null).WithMessage(l["Card.Amount.Invalid"]);
            RuleFor(c => c.Purpose).IsInEnum();
        }
    }

    public sealed class Handler(IDbContextFactory<EldercareDbContext> dbs, ICurrentUser user, AuditTrail audit) : ICommandHandler<Command, Result<Guid>>
    {
        public async ValueTask<Result<Guid>> Handle(Command command, CancellationToken cancellationToken)
        {
            await using var db = await dbs.CreateDbContextAsync(cancellationToken);
            CreditRule? rule;
            if (command.Id is { } id)
            {
                rule = await db.Set<CreditRule>().FirstOrDefaultAsync(r => r.Id == id, cancellationToken);
                if (rule is null)
                {
                    return Result.NotFound().As<Guid>();
                }
            }
            else
            {
                rule = new CreditRule { Name = command.Name };
                db.Add(rule);
            }

            rule.Name = command.Name.Trim();
            rule.Purpose = command.Purpose;
            rule.MinAge = command.MinAge;
            rule.MaxAge = command.MaxAge;
            rule.KeyGroups = command.KeyGroups;
            rule.MinCareLevel = command.MinCareLevel;
            rule.MonthlyAmount = Fen.FromYuan(command.MonthlyAmount)!.Value;
            rule.ExpiresAtYearEnd = command.ExpiresAtYearEnd;
            rule.Enabled = command.Enabled;
            await db.SaveChangesAsync(cancellationToken);
            await audit.AppendAsync(user, new AuditRecord("card.rule.save", rule.Id.ToString(), AuditOutcome.Succeeded, rule.Name), cancellationToken);
            return rule.Id;
        }
    }
}
