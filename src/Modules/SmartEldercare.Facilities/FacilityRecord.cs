using System.Linq.Expressions;

namespace SmartEldercare.Facilities;

/// <summary>A record of one institution: scoped by the institution's region, and by the institution for its own manager.</summary>
public interface IFacilityRecord : IRegionScoped
{
    Guid OrganisationId { get; }
}

public static class FacilityQueries
{
    /// <summary>Only the records of <paramref name="organisationId"/> when given (a facility manager's own institution).</summary>
    public static IQueryable<T> OfInstitution<T>(this IQueryable<T> query, Guid? organisationId) where T : IFacilityRecord
    {
        if (organisationId is not { } id)
        {
            return query;
        }

        var parameter = Expression.Parameter(typeof(T), "x");
        var body = Expression.Equal(Expression.Property(parameter, nameof(IFacilityRecord.OrganisationId)), Expression.Constant(id));
        return query.Where(Expression.Lambda<Func<T, bool>>(body, parameter));
    }
}
