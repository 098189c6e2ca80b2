using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using SmartEldercare.Platform.Behaviors;
using SmartEldercare.Platform.Common;
using SmartEldercare.Platform.Identity;
using SmartEldercare.Platform.Localization;
using SmartEldercare.Platform.Organisations;
using SmartEldercare.Platform.Persistence;
using SmartEldercare.Platform.Regions;

namespace SmartEldercare.Platform.Features.Organisations;

public static class SaveOrganisation
{
    public sealed class Command : ICommand<Result<Guid>>, IRequirePermission
    {
        public Guid? Id { get; set; }

        public int? Version { get; set; }

        public string Name { get; set; } = string.Empty;

        public OrganisationType Type { get; set; } = OrganisationType.Institution;

        public string RegionCode { get; set; } = string.Empty;

        public string? Address { get; set; }

        public string? ContactName { get; set; }

        public string? ContactPhone { get; set; }

        public string? LicenceNumber { get; set; }

        public string Permission => Permissions.OrganisationsWrite;
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator(IStringLocalizer<Strings> l)
        {
            RuleFor(c => c.Name).Must(n => !string.IsNullOrWhiteSpace(n)).WithMessage(l["Organisations.Name.Required"])
                .MaximumLength(Organisation.NameMaxLength).WithMessage(l["Validation.MaxLength", Organisation.NameMaxLength]);
            RuleFor(c => c.Type).IsInEnum().WithMessage(l["Validation.Choice"]);
            RuleFor(c => c.RegionCode).Must(c => Region.LevelOf(c) is not null).WithMessage(l["Regions.Unknown"]);
            RuleFor(c => c.Address).MaximumLength(200).WithMessage(l["Validation.MaxLength", 200]);
            RuleFor(c => c.ContactName).MaximumLength(50).WithMessage(l["Validation.MaxLength", 50]);
            RuleFor(c => c.ContactPhone).Must(p => PhoneNumber.IsValid(PhoneNumber.Normalize(p))).When(c => !string.IsNullOrWhiteSpace(c.ContactPhone)).WithMessage(l["Validation.Phone"]);
            RuleFor(c => c.LicenceNumber).MaximumLength(50).WithMessage(l["Validation.MaxLength", 50]);
        }
    }

    public sealed class Handler(IDbContextFactory<EldercareDbContext> dbs, ICurrentUser user, RegionDirectory regions, TimeProvider clock, IStringLocalizer<Strings> l)
        : ICommandHandler<Command, Result<Guid>>
    {
        public async ValueTask<Result<Guid>> Handle(Command command, CancellationToken cancellationToken)
        {
            if (await regions.FindAsync(command.RegionCode, cancellationToken) is null)
            {
                return Result.Invalid(nameof(Command.RegionCode), l["Regions.Unknown"]).As<Guid>();
            }

            if (!RegionScope.Contains(user.RegionCode, command.RegionCode))
            {
                return Result.Invalid(nameof(Command.RegionCode), l["Regions.OutsideScope"]).As<Guid>();
            }

            await using var db = await dbs.CreateDbContextAsync(cancellationToken);
            var now = clock.UtcNow();
            Organisation org;
            if (command.Id is { } id)
            {
                var found = await db.Organisations.InScopeOf(user).SingleOrDefaultAsync(o => o.Id == id, cancellationToken);
                if (found is null)
                {
                    return Result.NotFound().As<Guid>();
                }

                if (command.Version is { } expected && expected != found.Version)
                {
                    return Result.Conflict(l["Common.ChangedByOthers"]).As<Guid>();
                }

                org = found;
            }
            else
            {
                org = new Organisation { Name = command.Name, RegionCode = command.RegionCode, CreatedAtUtc = now };
                db.Organisations.Add(org);
            }

            org.Name = command.Name.Trim();
            org.Type = command.Type;
            org.RegionCode = command.RegionCode;
            org.Address = command.Address?.Trim();
            org.ContactName = command.ContactName?.Trim();
            org.ContactPhone = string.IsNullOrWhiteSpace(command.ContactPhone) ? null : PhoneNumber.Normalize(command.ContactPhone);
            org.LicenceNumber = command.LicenceNumber?.Trim();
            org.UpdatedAtUtc = now;
            org.Version++;
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateConcurrencyException)
            {
                return Result.Conflict(l["Common.ChangedByOthers"]).As<Guid>();
            }

            return Result<Guid>.Ok(org.Id);
        }
    }
}
