using Microsoft.EntityFrameworkCore;
using SmartEldercare.Platform.Identity;
using SmartEldercare.Platform.Persistence;

namespace SmartEldercare.Platform.Organisations;

/// <summary>
/// Least privilege for an account bound to one organisation: a facility manager sees, inside their region scope, only
/// the records of their own institution (its alarms, devices, residents, staff). Every module filters with this.
/// </summary>
public static class OwnOrganisation
{
    /// <summary>A facility manager's own organisation (<see cref="Guid.Empty"/> when the account has none, so nothing matches); null for every other user.</summary>
    public static async Task<Guid?> OfFacilityManagerAsync(EldercareDbContext db, ICurrentUser user, CancellationToken ct)
    {
        if (!user.Principal.IsInRole(Roles.FacilityManager) || user.Has(Permissions.FacilitiesInspect))
        {
            return null;
        }

        var id = user.Id;
        return await db.Users.AsNoTracking().Where(u => u.Id == id).Select(u => u.OrganisationId).SingleOrDefaultAsync(ct) ?? Guid.Empty;
    }
}
