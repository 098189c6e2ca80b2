using Microsoft.AspNetCore.Identity;
using SmartEldercare.Platform.Regions;

namespace SmartEldercare.Platform.Identity;

public static class UserManagerExtensions
{
    /// <summary>The account with that id if it lies inside the administrator's scope; otherwise null (shown as not found).</summary>
    public static async Task<AppUser?> FindInScopeAsync(this UserManager<AppUser> users, ICurrentUser administrator, Guid id)
    {
        var account = await users.FindByIdAsync(id.ToString());
        return account is not null && RegionScope.Contains(administrator.RegionCode, account.RegionCode) ? account : null;
    }
}
