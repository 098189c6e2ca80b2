using FluentValidation;
using SmartEldercare.Social.Volunteers;

namespace SmartEldercare.Social.Features.Volunteers;

/// <summary>Registers a volunteer of the scope (optionally linked to a sign-in account).</summary>
public static class RegisterVolunteer
{
    public sealed record Command : ICommand<Result<Guid>>, IRequirePermission
    {
        public string Name { get; set; } = string.Empty;

        public string? Phone { get; set; }

        public string? Skills { get; set; }

        public string? Availability { get; set; }

        public string? RegionCode { get; set; }

        public Guid? UserId { get; set; }

        public string Permission => Permissions.SocialManage;
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator(IStringLocalizer<Strings> l)
        {
            RuleFor(c => c.Name).NotEmpty().WithMessage(l["Social.Volunteer.NameRequired"]).MaximumLength(Volunteer.NameMaxLength);
            RuleFor(c => c.Phone).Must(p => PhoneNumber.IsValid(p!)).When(c => !string.IsNullOrEmpty(c.Phone)).WithMessage(l["Social.Volunteer.PhoneInvalid"]);
            RuleFor(c => c.Skills).MaximumLength(Volunteer.TextMaxLength);
            RuleFor(c => c.Availability).MaximumLength(Volunteer.TextMaxLength);
        }
    }

    public sealed class Handler(IDbContextFactory<EldercareDbContext> dbs, ICurrentUser user, RegionDirectory regions, IStringLocalizer<Strings> l, TimeProvider clock) : ICommandHandler<Command, Result<Guid>>
    {
        public async ValueTask<Result<Guid>> Handle(Command command, CancellationToken cancellationToken)
        {
            var region = string.IsNullOrEmpty(command.RegionCode) ? user.RegionCode : command.RegionCode;
            if (!RegionScope.Contains(user.RegionCode, region) || await regions.FindAsync(region, cancellationToken) is null)
            {
                return Result.Invalid(nameof(Command.RegionCode), l["Social.Region.OutOfScope"]).As<Guid>();
            }

            await using var db = await dbs.CreateDbContextAsync(cancellationToken);
            if (command.UserId is { } userId && !await db.Users.AnyAsync(u => u.Id == userId, cancellationToken))
            {
                return Result.Invalid(nameof(Command.UserId), l["Social.Volunteer.AccountUnknown"]).As<Guid>();
            }

            var volunteer = new Volunteer
            {
                Name = command.Name.Trim(), Phone = string.IsNullOrEmpty(command.Phone) ? null : command.Phone, Skills = command.Skills, Availability = command.Availability,
                RegionCode = region, UserId = command.UserId, CreatedAtUtc = clock.UtcNow(),
            };
            db.Add(volunteer);
            await db.SaveChangesAsync(cancellationToken);
            return volunteer.Id;
        }
    }
}
