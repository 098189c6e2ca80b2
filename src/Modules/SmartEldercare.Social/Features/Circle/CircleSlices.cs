using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using SmartEldercare.Platform.Behaviors;
using SmartEldercare.Platform.Common;
using SmartEldercare.Platform.Identity;
using SmartEldercare.Platform.Localization;
using SmartEldercare.Platform.Persistence;
using SmartEldercare.Platform.Regions;
using SmartEldercare.Social.Circle;

namespace SmartEldercare.Social.Features.Circle;

public sealed record ResourceRow(Guid Id, string Name, ResourceType Type, string RegionCode, string RegionName, double Latitude, double Longitude, Guid? OrganisationId, string? Address, string? Offers);

public sealed record CommunityRow(string RegionCode, string Name, string StreetCode, string StreetName, double? Latitude, double? Longitude,
    IReadOnlyList<Nearest> Nearest, IReadOnlyList<ResourceType> Reachable, IReadOnlyList<ResourceType> Missing);

public sealed record StreetOption(string Code, string Name);

/// <summary>One street's circle: its communities (with or without a point), the resources around them, the distance used.</summary>
public sealed record CircleView(int CircleMeters, string? StreetCode, IReadOnlyList<StreetOption> Streets, IReadOnlyList<CommunityRow> Communities, IReadOnlyList<ResourceRow> Resources);

public sealed record GapRow(string RegionCode, string Name, string StreetName, bool Located, IReadOnlyList<ResourceType> Missing);

internal static class CircleData
{
    public static ResourceRow Row(ServiceResource r, IReadOnlyDictionary<string, Region> regions) =>
        new(r.Id, r.Name, r.Type, r.RegionCode, regions.GetValueOrDefault(r.RegionCode)?.Name ?? r.RegionCode, r.Latitude, r.Longitude, r.OrganisationId, r.Address, r.Offers);

    /// <summary>Every village of the scope with its circle; resources anywhere in the district count (a clinic across the boundary still serves).</summary>
    public static async Task<(List<CommunityRow> Rows, List<ServiceResource> Resources)> CommunitiesAsync(EldercareDbContext db, string scope, IReadOnlyDictionary<string, Region> regions, int meters, CancellationToken ct)
    {
        var points = await db.Set<CommunityPoint>().AsNoTracking().InRegion(scope).ToListAsync(ct);
        var resources = await db.Set<ServiceResource>().AsNoTracking().InRegion(scope[..Math.Min(6, scope.Length)]).ToListAsync(ct);
        var circles = CircleCoverage.Compute(points, resources, meters).ToDictionary(c => c.RegionCode, StringComparer.Ordinal);
        var all = Enum.GetValues<ResourceType>();
        var rows = regions.Values.Where(r => r.Level == RegionLevel.Village && RegionScope.Contains(scope, r.Code)).OrderBy(r => r.Code, StringComparer.Ordinal)
            .Select(r =>
            {
                var street = r.Code[..9];
                var streetName = regions.GetValueOrDefault(street)?.Name ?? street;
                return circles.TryGetValue(r.Code, out var c)
                    ? new CommunityRow(r.Code, r.Name, street, streetName, c.Latitude, c.Longitude, c.Nearest, c.Reachable, c.Missing)
                    : new CommunityRow(r.Code, r.Name, street, streetName, null, null, [], [], all);
            }).ToList();
        return (rows, resources);
    }
}

/// <summary>A street's 15-minute circle for the plot and table (the user's own street, or a chosen one for the district).</summary>
public static class GetCircle
{
    public sealed record Query(string? StreetCode = null) : IQuery<CircleView>, IRequirePermission
    {
        public string Permission => Permissions.SocialRead;
    }

    public sealed class Handler(IDbContextFactory<EldercareDbContext> dbs, ICurrentUser user, RegionDirectory regions, SocialOptions options) : IQueryHandler<Query, CircleView>
    {
        public async ValueTask<CircleView> Handle(Query query, CancellationToken cancellationToken)
        {
            var all = await regions.AllAsync(cancellationToken);
            var streets = all.Values.Where(r => r.Level == RegionLevel.Street && (RegionScope.Contains(user.RegionCode, r.Code) || RegionScope.Contains(r.Code, user.RegionCode)))
                .OrderBy(r => r.SortOrder).Select(r => new StreetOption(r.Code, r.Name)).ToList();
            var street = streets.FirstOrDefault(s => s.Code == query.StreetCode)?.Code ?? streets.FirstOrDefault()?.Code;
            if (street is null)
            {
                return new CircleView(options.CircleMeters, null, [], [], []);
            }

            // A village user sees its own community within its street's plot.
            var scope = user.RegionCode.Length > street.Length ? user.RegionCode : street;
            await using var db = await dbs.CreateDbContextAsync(cancellationToken);
            var (rows, resources) = await CircleData.CommunitiesAsync(db, scope, all, options.CircleMeters, cancellationToken);
            var located = rows.Where(r => r.Latitude is not null).ToList();
            var near = located.Count == 0 ? [] : resources.Where(r => located.Any(c => Geo.Meters(c.Latitude!.Value, c.Longitude!.Value, r.Latitude, r.Longitude) <= options.CircleMeters * 1.5)).ToList();
            return new CircleView(options.CircleMeters, street, streets, rows, [.. near.OrderBy(r => r.Type).ThenBy(r => r.Name, StringComparer.Ordinal).Select(r => CircleData.Row(r, all))]);
        }
    }
}

/// <summary>The communities of the scope missing a service type within the circle (or without a point at all): what the district plans from.</summary>
public static class ListCircleGaps
{
    public sealed record Query : IQuery<IReadOnlyList<GapRow>>, IRequirePermission
    {
        public string Permission => Permissions.SocialRead;
    }

    public sealed class Handler(IDbContextFactory<EldercareDbContext> dbs, ICurrentUser user, RegionDirectory regions, SocialOptions options) : IQueryHandler<Query, IReadOnlyList<GapRow>>
    {
        public async ValueTask<IReadOnlyList<GapRow>> Handle(Query query, CancellationToken cancellationToken)
        {
            await using var db = await dbs.CreateDbContextAsync(cancellationToken);
            var (rows, _) = await CircleData.CommunitiesAsync(db, user.RegionCode, await regions.AllAsync(cancellationToken), options.CircleMeters, cancellationToken);
            return [.. rows.Where(r => r.Missing.Count > 0).OrderByDescending(r => r.Missing.Count).ThenBy(r => r.RegionCode, StringComparer.Ordinal)
                .Select(r => new GapRow(r.RegionCode, r.Name, r.StreetName, r.Latitude is not null, r.Missing))];
        }
    }
}

/// <summary>The resources of the scope.</summary>
public static class ListResources
{
    public sealed record Query(ResourceType? Type = null) : IQuery<IReadOnlyList<ResourceRow>>, IRequirePermission
    {
        public string Permission => Permissions.SocialRead;
    }

    public sealed class Handler(IDbContextFactory<EldercareDbContext> dbs, ICurrentUser user, RegionDirectory regions) : IQueryHandler<Query, IReadOnlyList<ResourceRow>>
    {
        public async ValueTask<IReadOnlyList<ResourceRow>> Handle(Query query, CancellationToken cancellationToken)
        {
            await using var db = await dbs.CreateDbContextAsync(cancellationToken);
            var resources = db.Set<ServiceResource>().AsNoTracking().InScopeOf(user);
            if (query.Type is { } type)
            {
                resources = resources.Where(r => r.Type == type);
            }

            var all = await regions.AllAsync(cancellationToken);
            return [.. (await resources.OrderBy(r => r.RegionCode).ThenBy(r => r.Name).ToListAsync(cancellationToken)).Select(r => CircleData.Row(r, all))];
        }
    }
}

internal static class Coordinates
{
    public static void Rules<T>(AbstractValidator<T> v, System.Linq.Expressions.Expression<Func<T, double>> lat, System.Linq.Expressions.Expression<Func<T, double>> lon, SocialOptions o, IStringLocalizer l)
    {
        var message = l["Social.Circle.OutsideDistrict", o.MinLatitude, o.MaxLatitude, o.MinLongitude, o.MaxLongitude].Value;
        v.RuleFor(lat).InclusiveBetween(o.MinLatitude, o.MaxLatitude).WithMessage(message);
        v.RuleFor(lon).InclusiveBetween(o.MinLongitude, o.MaxLongitude).WithMessage(message);
    }
}

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

/// <summary>Sets a community's reference point (a village of the scope); it must lie inside the district.</summary>
public static class SetCommunityPoint
{
    public sealed record Command(string RegionCode, double Latitude, double Longitude) : ICommand<Result>, IRequirePermission
    {
        public string Permission => Permissions.SocialManage;
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator(IStringLocalizer<Strings> l, SocialOptions options) => Coordinates.Rules(this, c => c.Latitude, c => c.Longitude, options, l);
    }

    public sealed class Handler(IDbContextFactory<EldercareDbContext> dbs, ICurrentUser user, RegionDirectory regions, IStringLocalizer<Strings> l, TimeProvider clock) : ICommandHandler<Command, Result>
    {
        public async ValueTask<Result> Handle(Command command, CancellationToken cancellationToken)
        {
            var region = await regions.FindAsync(command.RegionCode, cancellationToken);
            if (region is not { Level: RegionLevel.Village } || !RegionScope.Contains(user.RegionCode, region.Code))
            {
                return Result.Invalid(nameof(Command.RegionCode), l["Social.Region.OutOfScope"]);
            }

            await using var db = await dbs.CreateDbContextAsync(cancellationToken);
            var point = await db.Set<CommunityPoint>().SingleOrDefaultAsync(p => p.RegionCode == region.Code, cancellationToken);
            if (point is null)
            {
                point = new CommunityPoint { RegionCode = region.Code };
                db.Add(point);
            }

            (point.Latitude, point.Longitude, point.UpdatedAtUtc) = (command.Latitude, command.Longitude, clock.UtcNow());
            await db.SaveChangesAsync(cancellationToken);
            return Result.Ok();
        }
    }
}
