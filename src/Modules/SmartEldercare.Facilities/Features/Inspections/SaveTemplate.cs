using FluentValidation;
using SmartEldercare.Facilities.Inspections;

namespace SmartEldercare.Facilities.Features.Inspections;

/// <summary>Adds or edits a checklist template (admins): name, kind, one item a line.</summary>
public static class SaveTemplate
{
    public sealed class Command : ICommand<Result<Guid>>, IRequirePermission
    {
        public Guid? Id { get; set; }

        public string Name { get; set; } = string.Empty;

        public TemplateKind Kind { get; set; }

        public string ItemsText { get; set; } = string.Empty;

        public bool Active { get; set; } = true;

        public int? Version { get; set; }

        public string Permission => Permissions.FacilitiesAdmin;
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator(IStringLocalizer<Strings> l)
        {
            RuleFor(c => c.Name).Must(n => !string.IsNullOrWhiteSpace(n)).WithMessage(l["Facilities.Template.NameRequired"])
                .MaximumLength(ChecklistTemplate.NameMaxLength).WithMessage(l["Validation.MaxLength", ChecklistTemplate.NameMaxLength]);
            RuleFor(c => c.Kind).IsInEnum().WithMessage(l["Validation.Choice"]);
            RuleFor(c => c.ItemsText).Must(t => !string.IsNullOrWhiteSpace(t)).WithMessage(l["Facilities.Template.ItemsRequired"])
                .MaximumLength(ChecklistTemplate.ItemsMaxLength).WithMessage(l["Validation.MaxLength", ChecklistTemplate.ItemsMaxLength]);
        }
    }

    public sealed class Handler(IDbContextFactory<EldercareDbContext> dbs, IStringLocalizer<Strings> l) : ICommandHandler<Command, Result<Guid>>
    {
        public async ValueTask<Result<Guid>> Handle(Command command, CancellationToken cancellationToken)
        {
            await using var db = await dbs.CreateDbContextAsync(cancellationToken);
            var items = string.Join('\n', command.ItemsText.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
            ChecklistTemplate template;
            if (command.Id is { } id)
            {
                var found = await db.Set<ChecklistTemplate>().SingleOrDefaultAsync(t => t.Id == id, cancellationToken);
                if (found is null)
                {
                    return Result.NotFound().As<Guid>();
                }

                if (command.Version is { } seen && seen != found.Version)
                {
                    return Result.Conflict(l["Common.ChangedByOthers"]).As<Guid>();
                }

                template = found;
                template.Name = command.Name.Trim();
                template.ItemsText = items;
                template.Version++;
            }
            else
            {
                template = new ChecklistTemplate { Name = command.Name.Trim(), ItemsText = items };
                db.Add(template);
            }

            template.Kind = command.Kind;
            template.Active = command.Active;
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateConcurrencyException)
            {
                return Result.Conflict(l["Common.ChangedByOthers"]).As<Guid>();
            }

            return Result<Guid>.Ok(template.Id);
        }
    }
}
