using SmartEldercare.Platform.Identity;

namespace SmartEldercare.Platform.Elders;

/// <summary>
/// The data-scope rule for elders. Elders always belong to a village (12 digits), so a scope of any level is an
/// equality on that level's column (district, street or village code) rather than a range; each column leads an
/// index that also holds the status, name and filter columns, so a page in name order and its count never sort
/// or read the table, whatever the scope.
/// </summary>
public static class ElderScope
{
    public static IQueryable<Elder> InScopeOf(this IQueryable<Elder> elders, ICurrentUser user) => elders.InScope(user.RegionCode);

    public static IQueryable<Elder> InScope(this IQueryable<Elder> elders, string scope) => scope.Length switch
    {
        6 => elders.Where(e => e.DistrictCode == scope),
        // The district equality is redundant but lets the district-led name-prefix index serve every scope.
        9 => elders.Where(e => e.DistrictCode == scope.Substring(0, 6) && e.StreetCode == scope),
        12 => elders.Where(e => e.DistrictCode == scope.Substring(0, 6) && e.RegionCode == scope),
        _ => elders.Where(e => false),
    };
}
