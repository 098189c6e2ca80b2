using SmartEldercare.Emergency.Alarms;
using SmartEldercare.Platform.Auditing;
using SmartEldercare.Platform.Elders;
using SmartEldercare.Platform.Features.Elders;
using SmartEldercare.Platform.Organisations;

namespace SmartEldercare.Emergency.Features.Alarms;

/// <summary>
/// What a responder needs about the elder, personal data masked (revealed per field for this alarm, audited). The
/// responder who has taken the open alarm (我去处置) gets the phone and the address in full at once
/// (<see cref="Phone"/>, <see cref="Address"/>), recorded as access for that alarm; everyone else sees them masked.
/// </summary>
public sealed record ElderCard(
    Guid Id, string Name, int Age, Gender Gender, LivingSituation LivingSituation, int CareLevel, IReadOnlyList<ElderTag> Tags,
    string MaskedPhone, string MaskedAddress, bool HasHealthNotes, IReadOnlyList<EmergencyContactView> Contacts, string? Phone = null, string? Address = null);

public sealed record InstitutionCard(Guid Id, string Name, string? ContactName, string MaskedContactPhone);

public sealed record AlarmHistoryItem(Guid Id, AlarmType Type, AlarmStatus Status, AlarmOutcome? Outcome, DateTime RaisedAtUtc);

public sealed record AlarmDetails(
    Guid Id, AlarmType Type, AlarmPriority Priority, AlarmSource Source, AlarmStatus Status, AlarmTier Tier, string RegionCode, string RegionPath,
    DateTime RaisedAtUtc, DateTime? EscalatesAtUtc, string? AcknowledgedBy, Guid? ResponderId, string? ResponderName, AlarmOutcome? Outcome, string? DeviceCode,
    IReadOnlyList<AlarmStep> Steps, ElderCard? Elder, InstitutionCard? Institution, IReadOnlyList<AlarmHistoryItem> RecentAlarms);

public static class GetAlarm
{
    public sealed record Query(Guid Id) : RequiresPermission(Permissions.EmergencyRead), IQuery<Result<AlarmDetails>>;

    public sealed class Handler(IDbContextFactory<EldercareDbContext> dbs, ICurrentUser user, RegionDirectory regions, TimeProvider clock, AuditTrail audit)
        : IQueryHandler<Query, Result<AlarmDetails>>
    {
        public async ValueTask<Result<AlarmDetails>> Handle(Query query, CancellationToken cancellationToken)
        {
            await using var db = await dbs.CreateDbContextAsync(cancellationToken);
            var own = await OwnOrganisation.OfFacilityManagerAsync(db, user, cancellationToken);
            var alarm = await db.Set<Alarm>().AsNoTracking().Include(a => a.Steps).InScopeOf(user).OfOwn(own).SingleOrDefaultAsync(a => a.Id == query.Id, cancellationToken);
            if (alarm is null)
            {
                return Result.NotFound().As<AlarmDetails>();
            }

            ElderCard? card = null;
            IReadOnlyList<AlarmHistoryItem> recent = [];
            if (alarm.ElderId is { } elderId && await db.Elders.AsNoTracking().Include(e => e.EmergencyContacts).SingleOrDefaultAsync(e => e.Id == elderId, cancellationToken) is { } elder)
            {
                var age = elder.AgeOn(clock.Today());
                // The responder on the way needs the door and the number now; the access is recorded before it is shown
                // (fail closed). Not for a manual alarm its raiser took: raising one is no reason to see an elder's data.
                var onTheWay = alarm.IsOpen && alarm.ResponderId == user.Id && user.Has(Permissions.EmergencyRespond)
                    && !(alarm.Source == AlarmSource.Staff && alarm.RaisedById == user.Id);
                if (onTheWay)
                {
                    await audit.AppendAsync(user, new AuditRecord("Alarms.ResponderAccess", alarm.Id.ToString(), AuditOutcome.Succeeded, $"phone, address of elder {elder.Id} for alarm {alarm.Id}"), CancellationToken.None);
                }

                card = new ElderCard(elder.Id, elder.Name, age, elder.Gender, elder.LivingSituation, elder.CareLevel, ElderTags.Of(elder.KeyGroups, age),
                    Masking.Phone(elder.Phone), Masking.Address(elder.Address), !string.IsNullOrWhiteSpace(elder.HealthNotes),
                    [.. elder.EmergencyContacts.OrderBy(c => c.Id).Select(c => new EmergencyContactView(c.Id, c.Name, c.Relation, Masking.Phone(c.Phone)))],
                    onTheWay ? elder.Phone : null, onTheWay ? elder.Address : null);
                recent = await db.Set<Alarm>().AsNoTracking().Where(a => a.ElderId == elderId && a.Id != alarm.Id).OrderByDescending(a => a.RaisedAtUtc).Take(5)
                    .Select(a => new AlarmHistoryItem(a.Id, a.Type, a.Status, a.Outcome, a.RaisedAtUtc)).ToListAsync(cancellationToken);
            }

            InstitutionCard? institution = null;
            if (alarm.OrganisationId is { } orgId && await db.Organisations.AsNoTracking().SingleOrDefaultAsync(o => o.Id == orgId, cancellationToken) is { } org)
            {
                institution = new InstitutionCard(org.Id, org.Name, org.ContactName, Masking.Phone(org.ContactPhone));
            }

            var deviceCode = alarm.DeviceId is { } deviceId
                ? await db.Set<Emergency.Devices.Device>().AsNoTracking().Where(d => d.Id == deviceId).Select(d => d.Code).SingleOrDefaultAsync(cancellationToken)
                : null;
            return new AlarmDetails(alarm.Id, alarm.Type, alarm.Priority, alarm.Source, alarm.Status, alarm.Tier, alarm.RegionCode,
                await regions.PathAsync(alarm.RegionCode, cancellationToken), alarm.RaisedAtUtc, alarm.EscalatesAtUtc, alarm.AcknowledgedBy,
                alarm.ResponderId, alarm.ResponderName, alarm.Outcome, deviceCode, [.. alarm.Steps.OrderBy(s => s.AtUtc).ThenBy(s => s.Id)], card, institution, recent);
        }
    }
}
