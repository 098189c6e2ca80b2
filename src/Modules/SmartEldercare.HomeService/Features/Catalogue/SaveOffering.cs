using FluentValidation;
using SmartEldercare.HomeService.Catalogue;
using SmartEldercare.Platform.Elders;
using SmartEldercare.Platform.Organisations;

namespace SmartEldercare.HomeService.Features.Catalogue;

/// <summary>Which provider offers an item at what price (a provider inside the user's scope).</summary>
public static class SaveOffering
{
    public sealed record Command(Guid ProviderId, Guid ItemId, long Price, bool Active = true) : RequiresPermission(Permissions.HomeServiceAdmin), ICommand<Result>;

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
