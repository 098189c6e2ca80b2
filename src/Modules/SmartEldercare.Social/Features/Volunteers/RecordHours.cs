using FluentValidation;
using SmartEldercare.Social.Activities;
using SmartEldercare.Social.Features.Activities;
using SmartEldercare.Social.Volunteers;

namespace SmartEldercare.Social.Features.Volunteers;

/// <summary>
/// Records hours a volunteer served (Shanghai times). Zero, negative or overlong spans are refused, and so is a span
/// overlapping another of the same volunteer's (not rejected) services; the volunteer's token makes two at once safe.
/// </summary>
public static class RecordHours
{
    public sealed record Command : ICommand<Result<Guid>>, IRequirePermission
    {
        public Guid VolunteerId { get; set; }

        public Guid? ActivityId { get; set; }

        public string Description { get; set; } = string.Empty;

        public DateTime Start { get; set; }

        public DateTime End { get; set; }

        public string Permission => Permissions.SocialRecord;
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator(IStringLocalizer<Strings> l)
        {
            RuleFor(c => c.Description).NotEmpty().WithMessage(l["Social.Hours.DescriptionRequired"]).MaximumLength(ServiceRecord.TextMaxLength);
            RuleFor(c => c.Start).NotEqual(default(DateTime)).WithMessage(l["Social.Hours.StartRequired"]);
            RuleFor(c => c.End).GreaterThan(c => c.Start).WithMessage(l["Social.Hours.Positive"]);
            RuleFor(c => c.End).Must((c, end) => (end - c.Start).TotalMinutes <= ServiceRecord.MaxMinutes).When(c => c.End > c.Start)
                .WithMessage(l["Social.Hours.TooLong", ServiceRecord.MaxMinutes / 60]);
        }
    }

    public sealed class Handler(IDbContextFactory<EldercareDbContext> dbs, ICurrentUser user, IStringLocalizer<Strings> l, TimeProvider clock) : ICommandHandler<Command, Result<Guid>>
    {
        public async ValueTask<Result<Guid>> Handle(Command command, CancellationToken cancellationToken) =>
            await Concurrency.RetryAsync(() => AttemptAsync(command, cancellationToken), () => Result.Conflict(l["Common.Conflict"]).As<Guid>());

        private async Task<Result<Guid>> AttemptAsync(Command command, CancellationToken ct)
        {
            var (start, end) = (VolunteerRows.Utc(command.Start), VolunteerRows.Utc(command.End));
            var now = clock.UtcNow();
            if (end > now.AddMinutes(5))
            {
                return Result.Invalid(nameof(Command.End), l["Social.Hours.Future"]).As<Guid>();
            }

            await using var db = await dbs.CreateDbContextAsync(ct);
            var volunteer = await db.Set<Volunteer>().InScopeOf(user).SingleOrDefaultAsync(v => v.Id == command.VolunteerId, ct);
            if (volunteer is null)
            {
                return Result.NotFound().As<Guid>();
            }

            if (command.ActivityId is { } activityId && !await db.Set<Activity>().VisibleTo(user.RegionCode).AnyAsync(a => a.Id == activityId, ct))
            {
                return Result.Invalid(nameof(Command.ActivityId), l["Common.NotFound"]).As<Guid>();
            }

            var overlapping = await db.Set<ServiceRecord>()
                .AnyAsync(r => r.VolunteerId == volunteer.Id && r.Status != ServiceStatus.Rejected && r.StartUtc < end && r.EndUtc > start, ct);
            if (overlapping)
            {
                return Result.Conflict(l["Social.Hours.Overlap"]).As<Guid>();
            }

            var record = new ServiceRecord
            {
                VolunteerId = volunteer.Id, VolunteerName = volunteer.Name, RegionCode = volunteer.RegionCode, ActivityId = command.ActivityId, Description = command.Description.Trim(),
                StartUtc = start, EndUtc = end, Minutes = (int)(end - start).TotalMinutes, RecordedBy = user.DisplayName, RecordedAtUtc = now,
            };
            db.Add(record);
            volunteer.Touch();
            await db.SaveChangesAsync(ct);
            return record.Id;
        }
    }
}
