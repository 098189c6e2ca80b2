using SmartEldercare.Platform.Organisations;

namespace SmartEldercare.Emergency.Alarms;

/// <summary>The Emergency module's answer to the facility board: open alarms per organisation, one grouped query.</summary>
public sealed class FacilityAlarmCounts(IDbContextFactory<EldercareDbContext> dbs) : IFacilityAlarmCounts
{
    public async Task<IReadOnlyDictionary<Guid, int>> OpenAlarmsAsync(IReadOnlyCollection<Guid> organisationIds, CancellationToken ct = default)
    {
        if (organisationIds.Count == 0)
        {
            return new Dictionary<Guid, int>();
        }

        var ids = organisationIds.Distinct().ToList();
        await using var db = await dbs.CreateDbContextAsync(ct);
        return await db.Set<Alarm>().AsNoTracking()
            .Where(a => a.OrganisationId != null && ids.Contains(a.OrganisationId.Value)
                        && a.Status != AlarmStatus.Resolved && a.Status != AlarmStatus.Cancelled)
            .GroupBy(a => a.OrganisationId!.Value)
            .Select(g => new { g.Key, Count = g.Count() })
            .ToDictionaryAsync(x => x.Key, x => x.Count, ct);
    }
}
