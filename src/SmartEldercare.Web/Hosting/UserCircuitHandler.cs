using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server.Circuits;
using SmartEldercare.Platform.Identity;

namespace SmartEldercare.Web.Hosting;

/// <summary>Gives the circuit's DI scope the signed-in user, so handlers sent from pages see who is asking.</summary>
public sealed class UserCircuitHandler(AuthenticationStateProvider authentication, CurrentUser currentUser, IHttpContextAccessor http) : CircuitHandler, IDisposable
{
    public override async Task OnCircuitOpenedAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        // The connection's address, kept for the audit trail of everything this circuit does.
        currentUser.SetIpAddress(http.HttpContext?.Connection.RemoteIpAddress?.ToString());
        authentication.AuthenticationStateChanged += OnChanged;
        currentUser.Set((await authentication.GetAuthenticationStateAsync()).User);
    }

    private async void OnChanged(Task<AuthenticationState> state)
    {
        try
        {
            currentUser.Set((await state).User);
        }
        catch (InvalidOperationException)
        {
            currentUser.Set(new System.Security.Claims.ClaimsPrincipal());
        }
    }

    public void Dispose() => authentication.AuthenticationStateChanged -= OnChanged;
}
