using Microsoft.AspNetCore.Components.Server.Circuits;

namespace SmartEldercare.Web.Hosting;

/// <summary>Tells the circuit's components when their connection came back, so live views reload what they missed.</summary>
public sealed class CircuitConnection(SmartEldercare.Platform.Observability.PlatformMetrics metrics) : CircuitHandler
{
    public override Task OnCircuitOpenedAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        metrics.CircuitOpened();
        return Task.CompletedTask;
    }

    public override Task OnCircuitClosedAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        metrics.CircuitClosed();
        return Task.CompletedTask;
    }

    private bool connectedOnce;

    public event Func<Task>? Reconnected;

    public override async Task OnConnectionUpAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        if (connectedOnce && Reconnected is { } handlers)
        {
            await handlers();
        }

        connectedOnce = true;
    }
}
