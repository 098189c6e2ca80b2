using FluentValidation;
using SmartEldercare.HomeService.Entitlements;
using SmartEldercare.Platform.Elders;

namespace SmartEldercare.HomeService.Features.Catalogue;

/// <summary>Adds or edits an entitlement rule: it applies from the next month an elder's balance is opened.</summary>
public static class SaveEntitlementRule
{
    public sealed record Command(Guid? Id, string Name, EntitlementGroup Group, int MinCareLevel, int MaxCareLevel, int UnitsPerMonth, int SubsidyPercent, bool Active = true)
        : ICommand<Result<Guid>>, IRequirePermission
    {
        public string Permission => Permissions.HomeServiceAdmin;
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator(IStringLocalizer<Strings> l)
        {
            RuleFor(c => c.Name).NotEmpty().WithMessage(l["HomeService.Rule.Name.Required"])
                .MaximumLength(EntitlementRule.NameMaxLength).WithMessage(l["Validation.MaxLength", EntitlementRule.NameMaxLength]);
            RuleFor(c => c.Group).IsInEnum().WithMessage(l["Validation.Choice"]);
            RuleFor(c => c.MinCareLevel).InclusiveBetween(0, Elder.MaxCareLevel).WithMessage(l["HomeService.Rule.CareLevel.Range"]);
            RuleFor(c => c.MaxCareLevel).InclusiveBetween(0, Elder.MaxCareLevel).WithMessage(l["HomeService.Rule.CareLevel.Range"])
                .GreaterThanOrEqualTo(c => c.MinCareLevel).WithMessage(l["HomeService.Rule.CareLevel.Range"]);
            RuleFor(c => c.UnitsPerMonth).InclusiveBetween(0, 100).WithMessage(l["HomeService.Rule.Units.Range"]);
            RuleFor(c => c.SubsidyPercent).InclusiveBetween(0, 100).WithMessage(l["HomeService.Rule.Percent.Range"]);
        }
    }

    public sealed class Handler(IDbContextFactory<EldercareDbContext> dbs) : ICommandHandler<Command, Result<Guid>>
    {
        public async ValueTask<Result<Guid>> Handle(Command command, CancellationToken cancellationToken)
        {
            await using var db = await dbs.CreateDbContextAsync(cancellationToken);
            var rule = command.Id is { } id ? await db.Set<EntitlementRule>().SingleOrDefaultAsync(r => r.Id == id, cancellationToken) : new EntitlementRule();
            if (rule is null)
            {
                return Result.NotFound().As<Guid>();
            }

            rule.Name = command.Name.Trim();
            rule.Group = command.Group;
            rule.MinCareLevel = command.MinCareLevel;
            rule.MaxCareLevel = command.MaxCareLevel;
            rule.UnitsPerMonth = command.UnitsPerMonth;
            rule.SubsidyPercent = command.SubsidyPercent;
            rule.Active = command.Active;
            rule.Version++;
            if (command.Id is null)
            {
                db.Add(rule);
            }

            await db.SaveChangesAsync(cancellationToken);
            return rule.Id;
        }
    }
}
