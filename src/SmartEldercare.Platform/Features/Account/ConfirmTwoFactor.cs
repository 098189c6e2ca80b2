using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;
using SmartEldercare.Platform.Behaviors;
using SmartEldercare.Platform.Common;
using SmartEldercare.Platform.Identity;
using SmartEldercare.Platform.Localization;

namespace SmartEldercare.Platform.Features.Account;

/// <summary>Turns two-factor sign-in on after the user proves their authenticator works; answers ten recovery codes, shown once.</summary>
public static class ConfirmTwoFactor
{
    public sealed class Command : ICommand<Result<IReadOnlyList<string>>>, IRequirePermission, IAllowedBeforeTwoFactor
    {
        public string Code { get; set; } = string.Empty;

        public string Permission => Permissions.OwnAccount;
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator(IStringLocalizer<Strings> l) =>
            RuleFor(c => c.Code).Matches(@"^\s*\d{3}\s?\d{3}\s*$").WithMessage(l["TwoFactor.Code.Invalid"]);
    }

    public sealed class Handler(IServiceScopeFactory scopes, ICurrentUser user, IStringLocalizer<Strings> l) : ICommandHandler<Command, Result<IReadOnlyList<string>>>
    {
        public async ValueTask<Result<IReadOnlyList<string>>> Handle(Command command, CancellationToken cancellationToken)
        {
            await using var scope = scopes.CreateAsyncScope();
            var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
            var account = await users.FindByIdAsync(user.Id.ToString()) ?? throw new InvalidOperationException("Signed-in user not found.");
            var code = command.Code.Replace(" ", string.Empty, StringComparison.Ordinal);
            if (!await users.VerifyTwoFactorTokenAsync(account, users.Options.Tokens.AuthenticatorTokenProvider, code))
            {
                return Result.Invalid(nameof(Command.Code), l["TwoFactor.Code.Wrong"]).As<IReadOnlyList<string>>();
            }

            // Enabling renews the security stamp: open sessions re-validate and the user signs in again with the code.
            await users.SetTwoFactorEnabledAsync(account, true);
            var codes = await users.GenerateNewTwoFactorRecoveryCodesAsync(account, 10);
            return Result<IReadOnlyList<string>>.Ok([.. codes ?? []]);
        }
    }
}
