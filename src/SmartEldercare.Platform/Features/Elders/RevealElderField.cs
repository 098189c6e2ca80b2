using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using SmartEldercare.Platform.Behaviors;
using SmartEldercare.Platform.Common;
using SmartEldercare.Platform.Elders;
using SmartEldercare.Platform.Identity;
using SmartEldercare.Platform.Localization;
using SmartEldercare.Platform.Persistence;

namespace SmartEldercare.Platform.Features.Elders;

public enum PersonalField
{
    IdNumber,
    Phone,
    Address,
    HealthNotes,

    /// <summary>The full birth date: with the masked ID number it would give the whole number away.</summary>
    BirthDate,
}

/// <summary>
/// Shows one personal field of one elder in full, to a permitted user inside the elder's scope, after they state
/// why. It is a command, not a query, so the audit behavior records who looked at what, when and why.
/// </summary>
public static class RevealElderField
{
    public const int ReasonMinLength = 4;

    public sealed class Command : ICommand<Result<string>>, IRequirePermission, IAuditDetail, Privacy.IPersonalDataAccess
    {
        public Guid Id { get; set; }

        public PersonalField Field { get; set; }

        public string Reason { get; set; } = string.Empty;

        public string Permission => Permissions.EldersReveal;

        public string AuditDetail => $"reveal {Field}: {Reason}";
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator(IStringLocalizer<Strings> l)
        {
            RuleFor(c => c.Field).IsInEnum().WithMessage(l["Validation.Choice"]);
            RuleFor(c => c.Reason).Must(r => (r ?? string.Empty).Trim().Length >= ReasonMinLength).WithMessage(l["Reveal.Reason.Required", ReasonMinLength])
                .MaximumLength(200).WithMessage(l["Validation.MaxLength", 200]);
        }
    }

    public sealed class Handler(IDbContextFactory<EldercareDbContext> dbs, ICurrentUser user) : ICommandHandler<Command, Result<string>>
    {
        public async ValueTask<Result<string>> Handle(Command command, CancellationToken cancellationToken)
        {
            await using var db = await dbs.CreateDbContextAsync(cancellationToken);
            var elder = await db.Elders.AsNoTracking().InScopeOf(user)
                .Where(e => e.Id == command.Id)
                .Select(e => new { e.IdNumber, e.Phone, e.Address, e.HealthNotes, e.BirthDate })
                .SingleOrDefaultAsync(cancellationToken);
            if (elder is null)
            {
                return Result.NotFound().As<string>();
            }

            var value = command.Field switch
            {
                PersonalField.IdNumber => elder.IdNumber,
                PersonalField.Phone => elder.Phone,
                PersonalField.Address => elder.Address,
                PersonalField.BirthDate => elder.BirthDate.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
                _ => elder.HealthNotes,
            };
            return Result<string>.Ok(value ?? string.Empty);
        }
    }
}
