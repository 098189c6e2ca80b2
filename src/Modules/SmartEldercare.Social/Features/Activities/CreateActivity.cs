using FluentValidation;
using SmartEldercare.Platform.Elders;
using SmartEldercare.Social.Activities;

namespace SmartEldercare.Social.Features.Activities;

/// <summary>Plans a class or event: weekly sessions from the first one.</summary>
public static class CreateActivity
{
    public sealed record Command : ICommand<Result<Guid>>, IRequirePermission
    {
        public string Title { get; set; } = string.Empty;

        public ActivityKind Kind { get; set; }

        public ActivityTrack Track { get; set; }

        public string? Description { get; set; }

        /// <summary>The street or village that runs it (default: the user's own scope).</summary>
        public string? RegionCode { get; set; }

        /// <summary>A platform organisation of the scope as the venue...</summary>
        public Guid? VenueId { get; set; }

        /// <summary>...or a venue by name (a community hall).</summary>
        public string? VenueName { get; set; }

        public int Capacity { get; set; } = 20;

        /// <summary>The first session's start, Shanghai time.</summary>
        public DateTime FirstSession { get; set; }

        public int DurationMinutes { get; set; } = 90;

        /// <summary>How many weekly sessions.</summary>
        public int Sessions { get; set; } = 1;

        public string Permission => Permissions.SocialManage;
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator(IStringLocalizer<Strings> l)
        {
            RuleFor(c => c.Title).NotEmpty().WithMessage(l["Social.Activity.TitleRequired"]).MaximumLength(Activity.TitleMaxLength);
            RuleFor(c => c.Description).MaximumLength(Activity.TextMaxLength);
            RuleFor(c => c.Capacity).InclusiveBetween(1, Activity.MaxCapacity).WithMessage(l["Social.Activity.CapacityRange", Activity.MaxCapacity]);
            RuleFor(c => c.DurationMinutes).InclusiveBetween(15, 8 * 60).WithMessage(l["Social.Activity.DurationRange"]);
            RuleFor(c => c.Sessions).InclusiveBetween(1, 52).WithMessage(l["Social.Activity.SessionsRange"]);
            RuleFor(c => c.FirstSession).NotEqual(default(DateTime)).WithMessage(l["Social.Activity.FirstSessionRequired"]);
            RuleFor(c => c.VenueName).NotEmpty().When(c => c.VenueId is null).WithMessage(l["Social.Activity.VenueRequired"]).MaximumLength(100);
        }
    }

    public sealed class Handler(IDbContextFactory<EldercareDbContext> dbs, ICurrentUser user, RegionDirectory regions, IStringLocalizer<Strings> l, TimeProvider clock)
        : ICommandHandler<Command, Result<Guid>>
    {
        public async ValueTask<Result<Guid>> Handle(Command command, CancellationToken cancellationToken)
        {
            var region = string.IsNullOrEmpty(command.RegionCode) ? user.RegionCode : command.RegionCode;
            if (!RegionScope.Contains(user.RegionCode, region) || await regions.FindAsync(region, cancellationToken) is null)
            {
                return Result.Invalid(nameof(Command.RegionCode), l["Social.Region.OutOfScope"]).As<Guid>();
            }

            await using var db = await dbs.CreateDbContextAsync(cancellationToken);
            var venueName = command.VenueName?.Trim() ?? string.Empty;
            if (command.VenueId is { } venueId)
            {
                var venue = await db.Organisations.AsNoTracking().InScopeOf(user).Where(o => o.Id == venueId).Select(o => o.Name).SingleOrDefaultAsync(cancellationToken);
                if (venue is null)
                {
                    return Result.Invalid(nameof(Command.VenueId), l["Social.Activity.VenueUnknown"]).As<Guid>();
                }

                venueName = venue;
            }

            var now = clock.UtcNow();
            var activity = new Activity
            {
                Title = command.Title.Trim(), Kind = command.Kind, Track = command.Track, Description = command.Description, RegionCode = region,
                VenueId = command.VenueId, VenueName = venueName, Capacity = command.Capacity, CreatedAtUtc = now, CreatedBy = user.DisplayName,
            };
            var first = TimeZoneInfo.ConvertTimeToUtc(DateTime.SpecifyKind(command.FirstSession, DateTimeKind.Unspecified), ShanghaiTime.Zone);
            for (var i = 0; i < command.Sessions; i++)
            {
                var start = first.AddDays(7 * i);
                activity.Sessions.Add(new ActivitySession { ActivityId = activity.Id, StartsAtUtc = start, EndsAtUtc = start.AddMinutes(command.DurationMinutes) });
            }

            db.Add(activity);
            await db.SaveChangesAsync(cancellationToken);
            return activity.Id;
        }
    }
}
