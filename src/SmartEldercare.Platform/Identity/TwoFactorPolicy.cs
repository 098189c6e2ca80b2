using System.Security.Claims;
using Microsoft.Extensions.Configuration;

namespace SmartEldercare.Platform.Identity;

/// <summary>A request that stays allowed while a user must still enroll in two-factor sign-in.</summary>
public interface IAllowedBeforeTwoFactor;

/// <summary>
/// Which roles must sign in with a second factor (<c>Security:RequireTwoFactorForRoles</c>, e.g.
/// "SystemAdmin,DistrictOperator"). Until such a user has enrolled, the server refuses every request of theirs
/// except enrollment, and the layout sends them to the enrollment page.
/// </summary>
public sealed class TwoFactorPolicy(IConfiguration configuration)
{
    private readonly HashSet<string> roles = [.. (configuration["Security:RequireTwoFactorForRoles"] ?? string.Empty)
        .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];

    public bool IsRequiredFor(ClaimsPrincipal user) => roles.Count > 0 && user.FindAll(ClaimTypes.Role).Any(r => roles.Contains(r.Value));

    public bool IsRequiredForRoles(IEnumerable<string> userRoles) => userRoles.Any(roles.Contains);

    /// <summary>True when the user must enroll first: required for their role and not signed in with a second factor set up.</summary>
    public bool MustEnroll(ClaimsPrincipal user) => IsRequiredFor(user) && user.FindFirstValue(EldercareClaims.TwoFactor) != "1";
}
