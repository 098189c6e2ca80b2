using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace SmartEldercare.Platform.Identity;

/// <summary>Adds the user's region scope and display name to the sign-in principal (cookie and bearer token alike).</summary>
public sealed class EldercareClaimsPrincipalFactory(UserManager<AppUser> users, RoleManager<AppRole> roles, IOptions<IdentityOptions> options)
    : UserClaimsPrincipalFactory<AppUser, AppRole>(users, roles, options)
{
    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(AppUser user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        identity.AddClaim(new Claim(EldercareClaims.Region, user.RegionCode));
        identity.AddClaim(new Claim(EldercareClaims.DisplayName, user.DisplayName));
        identity.AddClaim(new Claim(EldercareClaims.TwoFactor, user.TwoFactorEnabled ? "1" : "0"));
        return identity;
    }
}
