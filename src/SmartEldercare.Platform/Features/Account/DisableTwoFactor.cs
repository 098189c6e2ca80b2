using Mediator;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;
using SmartEldercare.Platform.Behaviors;
using SmartEldercare.Platform.Common;
using SmartEldercare.Platform.Identity;
using SmartEldercare.Platform.Localization;

namespace SmartEldercare.Platform.Features.Account;

/// <summary>Turns two-factor sign-in off, unless the user's role requires it.</summary>
public static class DisableTwoFactor
{
    public sealed record Command() : RequiresPermission(Permissions.OwnAccount), ICommand<Result>;

    public sealed class Handler(IServiceScopeFactory scopes, ICurrentUser user, TwoFactorPolicy policy, IStringLocalizer<Strings> l) : ICommandHandler<Command, Result>
    {
        public async ValueTask<Result> Handle(Command command, CancellationToken cancellationToken)
        {
            if (policy.IsRequiredFor(user.Principal))
            {
                return Result.Invalid("TwoFactor", l["TwoFactor.Required"]);
            }

            await using var scope = scopes.CreateAsyncScope();
            var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
            var account = await users.FindByIdAsync(user.Id.ToString()) ?? throw new InvalidOperationException("Signed-in user not found.");
            await users.SetTwoFactorEnabledAsync(account, false);
            await users.ResetAuthenticatorKeyAsync(account);
            return Result.Ok();
        }
    }
}
