using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server;
using Microsoft.AspNetCore.Components.Server.Circuits;
using Microsoft.AspNetCore.Identity;
using SmartEldercare.Platform.Identity;

namespace SmartEldercare.Web.Hosting;

/// <summary>
/// Ends the sessions of a disabled (or otherwise changed) account within a minute: circuits re-validate the
/// security stamp every minute, cookies too (SecurityStampValidator), and bearer tokens on every API call.
/// </summary>
public sealed class RevalidatingAuthenticationStateProvider(ILoggerFactory loggers, IServiceScopeFactory scopes)
    : RevalidatingServerAuthenticationStateProvider(loggers)
{
    public static readonly TimeSpan Interval = TimeSpan.FromMinutes(1);

    protected override TimeSpan RevalidationInterval => Interval;

    protected override async Task<bool> ValidateAuthenticationStateAsync(AuthenticationState authenticationState, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<SignInManager<AppUser>>().ValidateSecurityStampAsync(authenticationState.User) is not null;
    }
}

public static class BearerRevalidation
{
    /// <summary>True when the token's account still exists, is enabled and has the same security stamp: a primary-key
    /// read per API call, so a disabled account's tokens stop working at once.</summary>
    public static async Task<bool> IsCurrentAsync(HttpContext http) =>
        await http.RequestServices.GetRequiredService<SignInManager<AppUser>>().ValidateSecurityStampAsync(http.User) is not null;
}

/// <summary>
/// Idle sign-out for circuits: any user input counts as activity; after 30 minutes without it the layout signs
/// the user out. A cookie alone cannot do this, since a circuit makes no HTTP requests while it is used.
/// </summary>
public sealed class IdleTracker(TimeProvider clock) : CircuitHandler
{
    public static readonly TimeSpan Timeout = TimeSpan.FromMinutes(30);

    public DateTimeOffset LastActivity { get; private set; } = clock.GetUtcNow();

    public bool IsIdle => clock.GetUtcNow() - LastActivity >= Timeout;

    public void Touch() => LastActivity = clock.GetUtcNow();

    public override Func<CircuitInboundActivityContext, Task> CreateInboundActivityHandler(Func<CircuitInboundActivityContext, Task> next) =>
        context =>
        {
            Touch();
            return next(context);
        };
}
