using FluentValidation;
using SmartEldercare.Platform.Elders;

namespace SmartEldercare.Emergency.Features.Devices;

/// <summary>Where a device belongs: an elder's home or an institution, inside the user's scope.</summary>
internal static class DeviceOwner
{
    public static async Task<(string? Region, Result Failure)> RegionOfAsync(EldercareDbContext db, ICurrentUser user, Guid? elderId, Guid? organisationId, CancellationToken ct)
    {
        string? region = null;
        if (elderId is { } e)
        {
            region = await db.Elders.AsNoTracking().InScopeOf(user).Where(x => x.Id == e && x.Status == ElderStatus.Active).Select(x => x.RegionCode).SingleOrDefaultAsync(ct);
        }
        else if (organisationId is { } o)
        {
            region = await db.Organisations.AsNoTracking().InScopeOf(user).Where(x => x.Id == o).Select(x => x.RegionCode).SingleOrDefaultAsync(ct);
        }

        return region is null ? (null, Result.Invalid(elderId is null ? "OrganisationId" : "ElderId", "Devices.Owner.Unknown")) : (region, Result.Ok());
    }
}
