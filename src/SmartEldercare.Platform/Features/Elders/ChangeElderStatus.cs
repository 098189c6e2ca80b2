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
using SmartEldercare.Platform.Regions;

namespace SmartEldercare.Platform.Features.Elders;

/// <summary>Active ↔ moved out / deceased, with the date it happened.</summary>
public static class ChangeElderStatus
{
    public sealed class Command : ICommand<Result>, IRequirePermission
    {
        public Guid Id { get; set; }

        public ElderStatus Status { get; set; }

        public DateOnly? Date { get; set; }

        public int? Version { get; set; }

        public string Permission => Permissions.EldersWrite;
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator(IStringLocalizer<Strings> l)
        {
            RuleFor(c => c.Id).NotEmpty().WithMessage(l["Common.NotFound"]);
            RuleFor(c => c.Status).IsInEnum().WithMessage(l["Validation.Choice"]);
            RuleFor(c => c.Date).NotNull().When(c => c.Status != ElderStatus.Active).WithMessage(l["Elders.Status.DateRequired"]);
        }
    }

    public sealed class Handler(IDbContextFactory<EldercareDbContext> dbs, ICurrentUser user, TimeProvider clock, IPublisher publisher, Live.ILiveUpdates live, IStringLocalizer<Strings> l)
        : ICommandHandler<Command, Result>
    {
        public async ValueTask<Result> Handle(Command command, CancellationToken cancellationToken)
        {
            await using var db = await dbs.CreateDbContextAsync(cancellationToken);
            var elder = await db.Elders.InScopeOf(user).SingleOrDefaultAsync(e => e.Id == command.Id, cancellationToken);
            if (elder is null)
            {
                return Result.NotFound();
            }

            if (command.Version is { } expected && expected != elder.Version)
            {
                return Result.Conflict(l["Common.ChangedByOthers"]);
            }

            var before = ElderFigures.Of(elder);
            var outcome = elder.ChangeStatus(command.Status, command.Date, clock.Today(), clock.UtcNow());
            if (!outcome.IsSuccess)
            {
                return outcome.Localized(l);
            }

            var updates = Live.ElderLiveUpdates.Stage(db, elder.Id, "elder.status." + elder.Status.ToString().ToLowerInvariant(), before, ElderFigures.Of(elder), clock);
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateConcurrencyException)
            {
                return Result.Conflict(l["Common.ChangedByOthers"]);
            }

            await Live.LiveUpdatesExtensions.PushAllAsync(live, updates, cancellationToken);
            await publisher.Publish(new StatusChanged(elder.Id, elder.RegionCode, elder.Status, before, ElderFigures.Of(elder)), cancellationToken);
            return Result.Ok();
        }
    }

    public sealed record StatusChanged(Guid ElderId, string RegionCode, ElderStatus Status, ElderFigures Before, ElderFigures After) : INotification;
}
