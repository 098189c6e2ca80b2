using Mediator;
using SmartEldercare.Platform.Features.Elders;

namespace SmartEldercare.Platform.Live;

/// <summary>Until the scenario modules publish, the elder registry's changes feed the consoles.</summary>
public sealed class ElderLiveUpdates(ILiveUpdates live, TimeProvider clock)
    : INotificationHandler<SaveElder.ElderSaved>, INotificationHandler<ChangeElderStatus.StatusChanged>
{
    public async ValueTask Handle(SaveElder.ElderSaved notification, CancellationToken cancellationToken) =>
        await live.PublishAsync(new LiveUpdate(Guid.CreateVersion7(), notification.RegionCode, notification.IsNew ? "elder.registered" : "elder.updated",
            notification.ElderId.ToString(), clock.GetUtcNow().UtcDateTime), cancellationToken);

    public async ValueTask Handle(ChangeElderStatus.StatusChanged notification, CancellationToken cancellationToken) =>
        await live.PublishAsync(new LiveUpdate(Guid.CreateVersion7(), notification.RegionCode, "elder.status." + notification.Status.ToString().ToLowerInvariant(),
            notification.ElderId.ToString(), clock.GetUtcNow().UtcDateTime), cancellationToken);
}
