using FluentValidation;
using SmartEldercare.Social.Circle;

namespace SmartEldercare.Social.Features.Circle;

/// <summary>Sets a community's reference point (a village of the scope); it must lie inside the district.</summary>
public static class SetCommunityPoint
{
    public sealed record Command(string RegionCode, double Latitude, double Longitude) : RequiresPermission(Permissions.SocialManage), ICommand<Result>;

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
