using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using SmartEldercare.HomeService.Catalogue;
using SmartEldercare.HomeService.Entitlements;
using SmartEldercare.Platform.Behaviors;
using SmartEldercare.Platform.Common;
using SmartEldercare.Platform.Elders;
using SmartEldercare.Platform.Identity;
using SmartEldercare.Platform.Localization;
using SmartEldercare.Platform.Organisations;
using SmartEldercare.Platform.Persistence;
using SmartEldercare.Platform.Regions;

namespace SmartEldercare.HomeService.Features.Catalogue;

/// <summary>Adds an item to the district catalogue, or edits one (a stale edit loses on the version).</summary>
public static class SaveServiceItem
{
    public sealed record Command(Guid? Id, string Code, string Name, ServiceCategory Category, ServiceUnit Unit, int StandardMinutes, decimal GuidePrice,
        string? Checklist, bool Active = true, int? Version = null) : ICommand<Result<Guid>>, IRequirePermission
    {
        public string Permission => Permissions.HomeServiceAdmin;
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator(IStringLocalizer<Strings> l)
        {
            RuleFor(c => c.Code).NotEmpty().WithMessage(l["HomeService.Item.Code.Required"])
                .MaximumLength(ServiceItem.CodeMaxLength).WithMessage(l["Validation.MaxLength", ServiceItem.CodeMaxLength])
                .Matches("^[A-Za-z0-9-]+$").WithMessage(l["HomeService.Item.Code.Format"]);
            RuleFor(c => c.Name).NotEmpty().WithMessage(l["HomeService.Item.Name.Required"])
                .MaximumLength(ServiceItem.NameMaxLength).WithMessage(l["Validation.MaxLength", ServiceItem.NameMaxLength]);
            RuleFor(c => c.Category).IsInEnum().WithMessage(l["Validation.Choice"]);
            RuleFor(c => c.Unit).IsInEnum().WithMessage(l["Validation.Choice"]);
            RuleFor(c => c.StandardMinutes).InclusiveBetween(5, 480).WithMessage(l["HomeService.Item.Minutes.Range"]);
            RuleFor(c => c.GuidePrice).Must(ServiceItem.IsValidPrice).WithMessage(l["HomeService.Price.Invalid"]);
            RuleFor(c => c.Checklist).MaximumLength(ServiceItem.ChecklistMaxLength).WithMessage(l["Validation.MaxLength", ServiceItem.ChecklistMaxLength]);
        }
    }

    public sealed class Handler(IDbContextFactory<EldercareDbContext> dbs, IStringLocalizer<Strings> l) : ICommandHandler<Command, Result<Guid>>
    {
        public async ValueTask<Result<Guid>> Handle(Command command, CancellationToken cancellationToken)
        {
            await using var db = await dbs.CreateDbContextAsync(cancellationToken);
            var code = command.Code.Trim().ToUpperInvariant();
            if (await db.Set<ServiceItem>().AnyAsync(i => i.Code == code && i.Id != command.Id, cancellationToken))
            {
                return Result.Invalid(nameof(Command.Code), l["HomeService.Item.Code.Taken"]).As<Guid>();
            }

            var item = command.Id is { } id ? await db.Set<ServiceItem>().SingleOrDefaultAsync(i => i.Id == id, cancellationToken) : new ServiceItem();
            if (item is null)
            {
                return Result.NotFound().As<Guid>();
            }

            if (command.Version is { } v && command.Id is not null && v != item.Version)
            {
                return Result.Conflict(l["Common.ChangedByOthers"]).As<Guid>();
            }

            item.Code = code;
            item.Name = command.Name.Trim();
            item.Category = command.Category;
            item.Unit = command.Unit;
            item.StandardMinutes = command.StandardMinutes;
            item.GuidePrice = command.GuidePrice;
            item.Checklist = string.Join('\n', (command.Checklist ?? string.Empty).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
            item.Active = command.Active;
            item.Version++;
            if (command.Id is null)
            {
                db.Add(item);
            }

            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateConcurrencyException)
            {
                return Result.Conflict(l["Common.ChangedByOthers"]).As<Guid>();
            }

            return item.Id;
        }
    }
}

/// <summary>Which provider offers an item at what price (a provider inside the user's scope).</summary>
public static class SaveOffering
{
    public sealed record Command(Guid ProviderId, Guid ItemId, decimal Price, bool Active = true) : ICommand<Result>, IRequirePermission
    {
        public string Permission => Permissions.HomeServiceAdmin;
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator(IStringLocalizer<Strings> l)
        {
            RuleFor(c => c.ProviderId).NotEmpty().WithMessage(l["HomeService.Provider.Required"]);
            RuleFor(c => c.ItemId).NotEmpty().WithMessage(l["HomeService.Item.Required"]);
            RuleFor(c => c.Price).Must(ServiceItem.IsValidPrice).WithMessage(l["HomeService.Price.Invalid"]);
        }
    }

    public sealed class Handler(IDbContextFactory<EldercareDbContext> dbs, ICurrentUser user, IStringLocalizer<Strings> l) : ICommandHandler<Command, Result>
    {
        public async ValueTask<Result> Handle(Command command, CancellationToken cancellationToken)
        {
            await using var db = await dbs.CreateDbContextAsync(cancellationToken);
            var provider = await db.Organisations.AsNoTracking().InScopeOf(user)
                .SingleOrDefaultAsync(o => o.Id == command.ProviderId && o.Type == OrganisationType.ServiceProvider, cancellationToken);
            if (provider is null)
            {
                return Result.NotFound();
            }

            if (!await db.Set<ServiceItem>().AnyAsync(i => i.Id == command.ItemId, cancellationToken))
            {
                return Result.Invalid(nameof(Command.ItemId), l["HomeService.Item.Required"]);
            }

            var offering = await db.Set<ProviderOffering>().SingleOrDefaultAsync(o => o.ProviderId == command.ProviderId && o.ItemId == command.ItemId, cancellationToken);
            if (offering is null)
            {
                offering = new ProviderOffering { ProviderId = provider.Id, ItemId = command.ItemId, RegionCode = provider.RegionCode };
                db.Add(offering);
            }

            var changed = offering.ChangePrice(command.Price, command.Active);
            if (!changed.IsSuccess)
            {
                return changed.Localized(l);
            }

            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateException)
            {
                return Result.Conflict(l["Common.ChangedByOthers"]);
            }

            return Result.Ok();
        }
    }
}

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
