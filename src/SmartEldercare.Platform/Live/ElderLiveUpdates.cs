using Mediator;
using SmartEldercare.Platform.Common;
using SmartEldercare.Platform.Elders;
using SmartEldercare.Platform.Features.Elders;

namespace SmartEldercare.Platform.Live;

/// <summary>Until the scenario modules publish, the elder registry's changes feed the consoles, with their counter deltas.</summary>
public sealed class ElderLiveUpdates(ILiveUpdates live, TimeProvider clock)
    : INotificationHandler<SaveElder.ElderSaved>, INotificationHandler<ChangeElderStatus.StatusChanged>
{
    public ValueTask Handle(SaveElder.ElderSaved notification, CancellationToken cancellationToken) =>
        PublishAsync(notification.ElderId, notification.IsNew ? "elder.registered" : "elder.updated", notification.Before, notification.After, cancellationToken);

    public ValueTask Handle(ChangeElderStatus.StatusChanged notification, CancellationToken cancellationToken) =>
        PublishAsync(notification.ElderId, "elder.status." + notification.Status.ToString().ToLowerInvariant(), notification.Before, notification.After, cancellationToken);

    private async ValueTask PublishAsync(Guid elderId, string topic, ElderFigures? before, ElderFigures after, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        foreach (var (region, deltas) in ElderCounters.Between(before, after, clock.Today()))
        {
            // An elder who moved leaves one village (its consoles see "moved away") and enters another.
            var here = region == after.RegionCode ? topic : "elder.left";
            await live.PublishAsync(new LiveUpdate(Guid.CreateVersion7(), region, here, elderId.ToString(), now, deltas), ct);
        }
    }
}
