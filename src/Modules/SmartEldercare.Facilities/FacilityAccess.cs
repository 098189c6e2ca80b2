using SmartEldercare.Platform.Organisations;

namespace SmartEldercare.Facilities;

/// <summary>
/// Which institutions a user may see and change: those of their region scope; and for a facility manager only the
/// organisation their account belongs to (another institution is "not found", as out of scope is).
/// </summary>
public sealed class FacilityAccess(ICurrentUser user)
{
    public static readonly OrganisationType[] SupervisedTypes = [OrganisationType.Institution, OrganisationType.DayCareCentre];

    /// <summary>A facility manager's own organisation (Guid.Empty when the account has none); null for supervisors.</summary>
    public Task<Guid?> OwnInstitutionAsync(EldercareDbContext db, CancellationToken ct) => OwnOrganisation.OfFacilityManagerAsync(db, user, ct);

    /// <summary>A module table's records the user may see: in scope, and of their own institution for a facility manager.</summary>
    public async Task<IQueryable<T>> RecordsAsync<T>(EldercareDbContext db, CancellationToken ct) where T : class, IFacilityRecord =>
        db.Set<T>().InScopeOf(user).OfInstitution(await OwnInstitutionAsync(db, ct));

    /// <summary>The supervised organisations (institutions and day-care centres) the user may see.</summary>
    public async Task<IQueryable<Organisation>> InstitutionsAsync(EldercareDbContext db, CancellationToken ct)
    {
        var own = await OwnInstitutionAsync(db, ct);
        var query = db.Organisations.AsNoTracking().InScopeOf(user).Where(o => o.Type == OrganisationType.Institution || o.Type == OrganisationType.DayCareCentre);
        return own is { } id ? query.Where(o => o.Id == id) : query;
    }

    /// <summary>One institution the user may see, or null (not found, out of scope, another manager's).</summary>
    public async Task<Organisation?> FindAsync(EldercareDbContext db, Guid organisationId, CancellationToken ct) =>
        await (await InstitutionsAsync(db, ct)).SingleOrDefaultAsync(o => o.Id == organisationId, ct);
}
