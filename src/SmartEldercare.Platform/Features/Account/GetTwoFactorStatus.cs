using Mediator;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using SmartEldercare.Platform.Behaviors;
using SmartEldercare.Platform.Identity;

namespace SmartEldercare.Platform.Features.Account;

public sealed record TwoFactorStatus(bool Enabled, int RecoveryCodesLeft, bool Required);

/// <summary>The signed-in user's own two-factor state.</summary>
public static class GetTwoFactorStatus
{
    public sealed record Query() : RequiresPermission(Permissions.OwnAccount), IQuery<TwoFactorStatus>, IAllowedBeforeTwoFactor;

    public sealed class Handler(IServiceScopeFactory scopes, ICurrentUser user, TwoFactorPolicy policy) : IQueryHandler<Query, TwoFactorStatus>
    {
        public async ValueTask<TwoFactorStatus> Handle(Query query, CancellationToken cancellationToken)
        {
            await using var scope = scopes.CreateAsyncScope();
            var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
            var account = await users.FindByIdAsync(user.Id.ToString()) ?? throw new InvalidOperationException("Signed-in user not found.");
            return new TwoFactorStatus(account.TwoFactorEnabled, await users.CountRecoveryCodesAsync(account), policy.IsRequiredFor(user.Principal));
        }
    }
}
