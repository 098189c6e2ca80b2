namespace SmartEldercare.Dashboard.Features;

/// <summary>Where a dashboard may look: the user's scope or a region inside it, never outside.</summary>
public static class DashboardScope
{
    public static async Task<Result<(Region Region, IReadOnlyDictionary<string, Region> All)>> ResolveAsync(string? regionCode, ICurrentUser user, RegionDirectory regions, CancellationToken ct)
    {
        var code = string.IsNullOrWhiteSpace(regionCode) ? user.RegionCode : regionCode.Trim();
        if (!RegionScope.Contains(user.RegionCode, code))
        {
            return Result.Forbidden("Dashboard.OutOfScope").As<(Region, IReadOnlyDictionary<string, Region>)>();
        }

        var all = await regions.AllAsync(ct);
        return all.TryGetValue(code, out var region)
            ? Result<(Region, IReadOnlyDictionary<string, Region>)>.Ok((region, all))
            : Result.NotFound("Dashboard.UnknownRegion").As<(Region, IReadOnlyDictionary<string, Region>)>();
    }
}
