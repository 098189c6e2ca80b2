using FluentValidation;
using SmartEldercare.HomeService.Catalogue;

namespace SmartEldercare.HomeService.Features.Catalogue;

/// <summary>Adds an item to the district catalogue, or edits one (a stale edit loses on the version).</summary>
public static class SaveServiceItem
{
    public sealed record Command(Guid? Id, string Code, string Name, ServiceCategory Category, ServiceUnit Unit, int StandardMinutes, long GuidePrice,
        string? Checklist, bool Active = true, int? Version = null) : RequiresPermission(Permissions.HomeServiceAdmin), ICommand<Result<Guid>>;

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
