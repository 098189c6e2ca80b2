using SmartEldercare.HomeService.Catalogue;
using SmartEldercare.HomeService.Features.Catalogue;
using SmartEldercare.Platform.Organisations;

namespace SmartEldercare.HomeService.Features.Orders;

/// <summary>What a dispatch needs: a provider offering the item (inside the dispatcher's scope) and, optionally, one of its workers.</summary>
internal static class DispatchTarget
{
    public static async Task<(Organisation? Provider, long Price, WorkerInfo? Worker, Result Failure)> ResolveAsync(
        EldercareDbContext db, ICurrentUser user, Guid providerId, Guid? workerId, Guid itemId, CancellationToken ct)
    {
        var provider = await ListCatalogue.Serving(db, user).SingleOrDefaultAsync(o => o.Id == providerId, ct);
        if (provider is null)
        {
            return (null, 0, null, Result.Invalid("ProviderId", "HomeService.Provider.Required"));
        }

        var offering = await db.Set<ProviderOffering>().AsNoTracking().SingleOrDefaultAsync(o => o.ProviderId == providerId && o.ItemId == itemId && o.Active, ct);
        if (offering is null)
        {
            return (null, 0, null, Result.Invalid("ProviderId", "HomeService.Dispatch.NotOffered"));
        }

        WorkerInfo? worker = null;
        if (workerId is { } w)
        {
            worker = await ProviderStaff.WorkerAsync(db, w, ct);
            if (worker is null || worker.OrganisationId != providerId)
            {
                return (null, 0, null, Result.Invalid("WorkerId", "HomeService.Dispatch.WorkerNotEmployed"));
            }
        }

        return (provider, offering.Price, worker, Result.Ok());
    }
}
