using FluentValidation;
using SmartEldercare.Facilities.Staff;

namespace SmartEldercare.Facilities.Features.Staff;

/// <summary>Adds a staff member or changes one (role, certificate and its expiry, active).</summary>
public static class SaveStaff
{
    public sealed class Command : ICommand<Result<Guid>>, IRequirePermission
    {
        public Guid? Id { get; set; }

        public Guid OrganisationId { get; set; }

        public string Name { get; set; } = string.Empty;

        public StaffRole Role { get; set; }

        public string? Certificate { get; set; }

        public DateOnly? CertificateValidUntil { get; set; }

        public bool Active { get; set; } = true;

        public string Permission => Permissions.FacilitiesManage;
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator(IStringLocalizer<Strings> l)
        {
            RuleFor(c => c.Name).Must(n => !string.IsNullOrWhiteSpace(n)).WithMessage(l["Facilities.Staff.NameRequired"])
                .MaximumLength(StaffMember.NameMaxLength).WithMessage(l["Validation.MaxLength", StaffMember.NameMaxLength]);
            RuleFor(c => c.Role).IsInEnum().WithMessage(l["Validation.Choice"]);
            RuleFor(c => c.Certificate).MaximumLength(StaffMember.CertificateMaxLength).WithMessage(l["Validation.MaxLength", StaffMember.CertificateMaxLength]);
        }
    }

    public sealed class Handler(IDbContextFactory<EldercareDbContext> dbs, FacilityAccess access, StaffingWatch staffing, IStringLocalizer<Strings> l)
        : ICommandHandler<Command, Result<Guid>>
    {
        public async ValueTask<Result<Guid>> Handle(Command command, CancellationToken cancellationToken)
        {
            await using var db = await dbs.CreateDbContextAsync(cancellationToken);
            var org = await access.FindAsync(db, command.OrganisationId, cancellationToken);
            if (org is null)
            {
                return Result.NotFound().As<Guid>();
            }

            StaffMember member;
            if (command.Id is { } id)
            {
                var found = await db.Set<StaffMember>().SingleOrDefaultAsync(s => s.Id == id && s.OrganisationId == org.Id, cancellationToken);
                if (found is null)
                {
                    return Result.NotFound().As<Guid>();
                }

                member = found;
                member.Name = command.Name.Trim();
                member.Version++;
            }
            else
            {
                member = new StaffMember { OrganisationId = org.Id, RegionCode = org.RegionCode, Name = command.Name.Trim() };
                db.Add(member);
            }

            member.Role = command.Role;
            member.Certificate = string.IsNullOrWhiteSpace(command.Certificate) ? null : command.Certificate.Trim();
            member.CertificateValidUntil = command.CertificateValidUntil;
            member.Active = command.Active;
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateConcurrencyException)
            {
                return Result.Conflict(l["Common.ChangedByOthers"]).As<Guid>();
            }

            await staffing.PublishIfBelowAsync(org.Id, org.RegionCode, cancellationToken);
            return Result<Guid>.Ok(member.Id);
        }
    }
}
