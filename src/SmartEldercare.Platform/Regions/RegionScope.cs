using System.Linq.Expressions;

namespace SmartEldercare.Platform.Regions;

/// <summary>
/// The one data-scope rule: a record is visible to a user when the user's region code is a prefix of the record's.
/// Queried as a range (scope ≤ code ≤ scope padded with 9s) so every provider can use an index on the code column.
/// </summary>
public static class RegionScope
{
    public static bool Contains(string scope, string? code) =>
        code is not null && code.StartsWith(scope, StringComparison.Ordinal);

    public static string UpperBound(string scope) => scope.PadRight(Region.MaxCodeLength, '9');

    public static IQueryable<T> WithinRegion<T>(this IQueryable<T> query, Expression<Func<T, string>> regionCode, string scope)
    {
        var upper = UpperBound(scope);
        var code = regionCode.Body;
        var parameter = regionCode.Parameters[0];
        var compare = typeof(string).GetMethod(nameof(string.Compare), [typeof(string), typeof(string)])!;
        var lowerCheck = Expression.GreaterThanOrEqual(Expression.Call(compare, code, Expression.Constant(scope)), Expression.Constant(0));
        var upperCheck = Expression.LessThanOrEqual(Expression.Call(compare, code, Expression.Constant(upper)), Expression.Constant(0));
        return query.Where(Expression.Lambda<Func<T, bool>>(Expression.AndAlso(lowerCheck, upperCheck), parameter));
    }
}

/// <summary>A record that belongs to one region and is filtered by the data-scope rule.</summary>
public interface IRegionScoped
{
    string RegionCode { get; }
}

public static class ScopedQueries
{
    /// <summary>Only the records inside the user's region scope.</summary>
    public static IQueryable<T> InScopeOf<T>(this IQueryable<T> query, Identity.ICurrentUser user) where T : IRegionScoped =>
        query.InRegion(user.RegionCode);

    public static IQueryable<T> InRegion<T>(this IQueryable<T> query, string regionCode) where T : IRegionScoped
    {
        var parameter = Expression.Parameter(typeof(T), "x");
        var code = Expression.Lambda<Func<T, string>>(Expression.Property(parameter, nameof(IRegionScoped.RegionCode)), parameter);
        return query.WithinRegion(code, regionCode);
    }
}
