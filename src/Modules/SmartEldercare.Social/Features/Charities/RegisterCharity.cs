using FluentValidation;
using SmartEldercare.Social.Charities;

namespace SmartEldercare.Social.Features.Charities;

/// <summary>Registers a charity or social organisation of the scope.</summary>
public static class RegisterCharity
{
    public sealed record Command : ICommand<Result<Guid>>, IRequirePermission
    {
        public string Name { get; set; } = string.Empty;

        public string? RegionCode { get; set; }

        public string Offers { get; set; } = string.Empty;

        public string? ContactName { get; set; }

        public string? ContactPhone { get; set; }

        public string Permission => Permissions.SocialManage;
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator(IStringLocalizer<Strings> l)
        {
            RuleFor(c => c.Name).NotEmpty().WithMessage(l["Social.Charity.NameRequired"]).MaximumLength(Charity.NameMaxLength);
            RuleFor(c => c.Offers).NotEmpty().WithMessage(l["Social.Charity.OffersRequired"]).MaximumLength(Charity.TextMaxLength);
            RuleFor(c => c.ContactName).MaximumLength(50);
            RuleFor(c => c.ContactPhone).Must(p => PhoneNumber.IsValid(p!)).When(c => !string.IsNullOrEmpty(c.ContactPhone)).WithMessage(l["Social.Volunteer.PhoneInvalid"]);
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
            var charity = new Charity
            {
                Name = command.Name.Trim(), RegionCode = region, Offers = command.Offers.Trim(), ContactName = command.ContactName,
                ContactPhone = string.IsNullOrEmpty(command.ContactPhone) ? null : command.ContactPhone, CreatedAtUtc = clock.UtcNow(),
            };
            db.Add(charity);
            await db.SaveChangesAsync(cancellationToken);
            return charity.Id;
        }
    }
}
