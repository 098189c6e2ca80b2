using FluentValidation;
using SmartEldercare.Social.Circle;

namespace SmartEldercare.Social.Features.Circle;

/// <summary>Adds or edits a resource of the scope; its coordinates must lie inside the district.</summary>
public static class SaveResource
{
    public sealed record Command : ICommand<Result<Guid>>, IRequirePermission
    {
        public Guid? Id { get; set; }

        public string Name { get; set; } = string.Empty;

        public ResourceType Type { get; set; }

        public string RegionCode { get; set; } = string.Empty;

        public double Latitude { get; set; }

        public double Longitude { get; set; }

        public Guid? OrganisationId { get; set; }

        public string? Address { get; set; }

        public string? Offers { get; set; }

        public string Permission => Permissions.SocialManage;
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator(IStringLocalizer<Strings> l, SocialOptions options)
        {
            RuleFor(c => c.Name).NotEmpty().WithMessage(l["Social.Resource.NameRequired"]).MaximumLength(ServiceResource.NameMaxLength);
            RuleFor(c => c.Type).IsInEnum();
            RuleFor(c => c.RegionCode).NotEmpty().WithMessage(l["Social.Region.Required"]);
            RuleFor(c => c.Address).MaximumLength(ServiceResource.TextMaxLength);
            RuleFor(c => c.Offers).MaximumLength(ServiceResource.TextMaxLength);
            Coordinates.Rules(this, c => c.Latitude, c => c.Longitude, options, l);
        }
    }

    public sealed class Handler(IDbContextFactory<EldercareDbContext> dbs, ICurrentUser user, RegionDirectory regions, IStringLocalizer<Strings> l, TimeProvider clock)
        : ICommandHandler<Command, Result<Guid>>
    {
        public async ValueTask<Result<Guid>> Handle(Command command, CancellationToken cancellationToken)
        {
            if (!RegionScope.Contains(user.RegionCode, command.RegionCode) || await regions.FindAsync(command.RegionCode, cancellationToken) is null)
            {
                return Result.Invalid(nameof(Command.RegionCode), l["Social.Region.OutOfScope"]).As<Guid>();
            }

            await using var db = await dbs.CreateDbContextAsync(cancellationToken);
            if (command.OrganisationId is { } orgId && !await db.Organisations.InScopeOf(user).AnyAsync(o => o.Id == orgId, cancellationToken))
            {
                return Result.Invalid(nameof(Command.OrganisationId), l["Social.Resource.OrganisationUnknown"]).As<Guid>();
            }

            ServiceResource? resource;
            if (command.Id is { } id)
            {
                resource = await db.Set<ServiceResource>().InScopeOf(user).SingleOrDefaultAsync(r => r.Id == id, cancellationToken);
                if (resource is null)
                {
                    return Result.NotFound().As<Guid>();
                }
            }
            else
            {
                resource = new ServiceResource();
                db.Add(resource);
            }

            (resource.Name, resource.Type, resource.RegionCode, resource.Latitude, resource.Longitude) = (command.Name.Trim(), command.Type, command.RegionCode, command.Latitude, command.Longitude);
            (resource.OrganisationId, resource.Address, resource.Offers, resource.UpdatedAtUtc) = (command.OrganisationId, command.Address, command.Offers, clock.UtcNow());
            resource.Version++;
            await db.SaveChangesAsync(cancellationToken);
            return resource.Id;
        }
    }
}
