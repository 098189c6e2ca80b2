using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using SmartEldercare.Facilities.Inspections;
using SmartEldercare.Platform.Behaviors;
using SmartEldercare.Platform.Common;
using SmartEldercare.Platform.Identity;
using SmartEldercare.Platform.Localization;
using SmartEldercare.Platform.Persistence;

namespace SmartEldercare.Facilities.Features.Inspections;

public sealed record TemplateItem(Guid Id, string Name, TemplateKind Kind, IReadOnlyList<string> Items, string ItemsText, bool Active, int Version);

/// <summary>The checklist templates (active only for an inspection; all for the admins' page).</summary>
public static class ListTemplates
{
    public sealed record Query(bool ActiveOnly = true) : IQuery<IReadOnlyList<TemplateItem>>, IRequirePermission
    {
        public string Permission => Permissions.FacilitiesRead;
    }

    public sealed class Handler(IDbContextFactory<EldercareDbContext> dbs) : IQueryHandler<Query, IReadOnlyList<TemplateItem>>
    {
        public async ValueTask<IReadOnlyList<TemplateItem>> Handle(Query query, CancellationToken cancellationToken)
        {
            await using var db = await dbs.CreateDbContextAsync(cancellationToken);
            var templates = await db.Set<ChecklistTemplate>().AsNoTracking().Where(t => !query.ActiveOnly || t.Active)
                .OrderBy(t => t.Kind).ThenBy(t => t.Name).ToListAsync(cancellationToken);
            return [.. templates.Select(t => new TemplateItem(t.Id, t.Name, t.Kind, t.Items, t.ItemsText, t.Active, t.Version))];
        }
    }
}

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
