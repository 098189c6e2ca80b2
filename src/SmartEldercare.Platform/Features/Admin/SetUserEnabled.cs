using Mediator;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;
using SmartEldercare.Platform.Behaviors;
using SmartEldercare.Platform.Common;
using SmartEldercare.Platform.Identity;
using SmartEldercare.Platform.Localization;

namespace SmartEldercare.Platform.Features.Admin;

/// <summary>Disables or re-enables an account. Disabling renews its security stamp, which ends its cookie sessions,
/// circuits and bearer tokens at their next re-validation (at most a minute).</summary>
public static class SetUserEnabled
{
    public sealed record Command(Guid Id, bool Enabled) : RequiresPermission(Permissions.Administer), ICommand<Result>;

    public sealed class Handler(IServiceScopeFactory scopes, ICurrentUser user, IStringLocalizer<Strings> l) : ICommandHandler<Command, Result>
    {
        public async ValueTask<Result> Handle(Command command, CancellationToken cancellationToken)
        {
            if (command.Id == user.Id && !command.Enabled)
            {
                return Result.Invalid(nameof(Command.Enabled), l["Users.CannotDisableSelf"]);
            }

            await using var scope = scopes.CreateAsyncScope();
            var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
            var account = await users.FindInScopeAsync(user, command.Id);
            if (account is null)
            {
                return Result.NotFound();
            }

            account.IsDisabled = !command.Enabled;
            await users.UpdateAsync(account);
            await users.UpdateSecurityStampAsync(account);
            return Result.Ok();
        }
    }
}
