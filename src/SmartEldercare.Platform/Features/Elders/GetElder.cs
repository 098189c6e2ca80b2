using Mediator;
using Microsoft.EntityFrameworkCore;
using SmartEldercare.Platform.Behaviors;
using SmartEldercare.Platform.Common;
using SmartEldercare.Platform.Elders;
using SmartEldercare.Platform.Identity;
using SmartEldercare.Platform.Persistence;
using SmartEldercare.Platform.Regions;

namespace SmartEldercare.Platform.Features.Elders;

public sealed record EmergencyContactView(int Id, string Name, string Relation, string MaskedPhone);

/// <summary>
/// An elder's record as pages and the API show it: personal data masked. The birth year, not the date: with the date,
/// the masked ID number's hidden digits would be no secret (region + birth date + the last four are the whole number);
/// the date is revealed like the ID number (<see cref="PersonalField.BirthDate"/>).
/// </summary>
public sealed record ElderDetails(
    Guid Id,
    string Name,
    Gender Gender,
    int BirthYear,
    int Age,
    string MaskedIdNumber,
    string MaskedPhone,
    string MaskedAddress,
    bool HasHealthNotes,
    string RegionCode,
    string RegionName,
    LivingSituation LivingSituation,
    IReadOnlyList<ElderTag> Tags,
    bool LowIncome,
    bool Destitute,
    int CareLevel,
    ElderStatus Status,
    DateOnly? StatusDate,
    IReadOnlyList<EmergencyContactView> EmergencyContacts,
    DateTime UpdatedAtUtc,
    int Version);

public static class GetElder
{
    public sealed record Query(Guid Id) : RequiresPermission(Permissions.EldersRead), IQuery<Result<ElderDetails>>, Privacy.IPersonalDataAccess;

    public sealed class Handler(IDbContextFactory<EldercareDbContext> dbs, ICurrentUser user, RegionDirectory regions, TimeProvider clock)
        : IQueryHandler<Query, Result<ElderDetails>>
    {
        public async ValueTask<Result<ElderDetails>> Handle(Query query, CancellationToken cancellationToken)
        {
            await using var db = await dbs.CreateDbContextAsync(cancellationToken);
            // Out of scope and missing look the same (404): the record's existence is not disclosed.
            var elder = await db.Elders.AsNoTracking().Include(e => e.EmergencyContacts).InScopeOf(user)
                .SingleOrDefaultAsync(e => e.Id == query.Id, cancellationToken);
            if (elder is null)
            {
                return Result.NotFound().As<ElderDetails>();
            }

            var age = elder.AgeOn(clock.Today());
            return new ElderDetails(
                elder.Id, elder.Name, elder.Gender, elder.BirthDate.Year, age,
                Masking.IdNumber(elder.IdNumber), Masking.Phone(elder.Phone), Masking.Address(elder.Address),
                !string.IsNullOrWhiteSpace(elder.HealthNotes),
                elder.RegionCode, await regions.PathAsync(elder.RegionCode, cancellationToken),
                elder.LivingSituation, ElderTags.Of(elder.KeyGroups, age),
                elder.KeyGroups.HasFlag(KeyGroups.LowIncome), elder.KeyGroups.HasFlag(KeyGroups.Destitute),
                elder.CareLevel, elder.Status, elder.StatusDate,
                [.. elder.EmergencyContacts.OrderBy(c => c.Id).Select(c => new EmergencyContactView(c.Id, c.Name, c.Relation, Masking.Phone(c.Phone)))],
                elder.UpdatedAtUtc, elder.Version);
        }
    }
}
