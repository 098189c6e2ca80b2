using System.Text;
using Mediator;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using QRCoder;
using SmartEldercare.Platform.Behaviors;
using SmartEldercare.Platform.Identity;

namespace SmartEldercare.Platform.Features.Account;

public sealed record AuthenticatorSetup(string SharedKey, string AuthenticatorUri, string QrCodeDataUri);

/// <summary>A new authenticator key for the signed-in user, as text and as a QR code for an authenticator app.</summary>
public static class BeginTwoFactorEnrollment
{
    public sealed record Command() : RequiresPermission(Permissions.OwnAccount), ICommand<AuthenticatorSetup>, IAllowedBeforeTwoFactor;

    public sealed class Handler(IServiceScopeFactory scopes, ICurrentUser user) : ICommandHandler<Command, AuthenticatorSetup>
    {
        public async ValueTask<AuthenticatorSetup> Handle(Command command, CancellationToken cancellationToken)
        {
            await using var scope = scopes.CreateAsyncScope();
            var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
            var account = await users.FindByIdAsync(user.Id.ToString()) ?? throw new InvalidOperationException("Signed-in user not found.");
            if (!account.TwoFactorEnabled || string.IsNullOrEmpty(await users.GetAuthenticatorKeyAsync(account)))
            {
                await users.ResetAuthenticatorKeyAsync(account);
            }

            var key = (await users.GetAuthenticatorKeyAsync(account))!;
            var uri = $"otpauth://totp/{Uri.EscapeDataString("西青智慧养老")}:{Uri.EscapeDataString(account.UserName!)}?secret={key}&issuer={Uri.EscapeDataString("西青智慧养老")}&digits=6";
            using var generator = new QRCodeGenerator();
            using var data = generator.CreateQrCode(uri, QRCodeGenerator.ECCLevel.Q);
            var svg = new SvgQRCode(data).GetGraphic(4);
            return new AuthenticatorSetup(Group(key), uri, "data:image/svg+xml;base64," + Convert.ToBase64String(Encoding.UTF8.GetBytes(svg)));
        }

        private static string Group(string key) => string.Join(' ', key.ToLowerInvariant().Chunk(4).Select(c => new string(c)));
    }
}
