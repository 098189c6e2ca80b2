using Mediator;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;
using SmartEldercare.Platform.Behaviors;
using SmartEldercare.Platform.Common;
using SmartEldercare.Platform.Identity;
using SmartEldercare.Platform.Localization;

namespace SmartEldercare.Platform.Features.Admin;

/// <summary>Sets a new password for an account (and ends its sessions, as any security change does).</summary>
public static class ResetUserPassword
{
    public sealed class Command : ICommand<Result>, IRequirePermission
    {
        public Guid Id { get; set; }

        public string NewPassword { get; set; } = string.Empty;

        public string Permission => Permissions.Administer;
    }

    public sealed class Handler(IServiceScopeFactory scopes, ICurrentUser user, IStringLocalizer<Strings> l) : ICommandHandler<Command, Result>
    {
        public async ValueTask<Result> Handle(Command command, CancellationToken cancellationToken)
        {
            await using var scope = scopes.CreateAsyncScope();
            var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
            var account = await users.FindInScopeAsync(user, command.Id);
            if (account is null)
            {
                return Result.NotFound();
            }

            var token = await users.GeneratePasswordResetTokenAsync(account);
            var reset = await users.ResetPasswordAsync(account, token, command.NewPassword ?? string.Empty);
            if (!reset.Succeeded)
            {
                return Result.Invalid(nameof(Command.NewPassword), l["Users.Password.Weak"]);
            }

            await users.SetLockoutEndDateAsync(account, null);
            return Result.Ok();
        }
    }
}
