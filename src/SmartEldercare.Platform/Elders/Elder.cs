using SmartEldercare.Platform.Common;

namespace SmartEldercare.Platform.Elders;

/// <summary>Key groups (重点人群). 高龄 (80+) is derived from the birth date, never stored.</summary>
[Flags]
public enum KeyGroups
{
    None = 0,
    LivingAlone = 1,   // 独居
    EmptyNest = 2,     // 空巢
    Disabled = 4,      // 失能
    LowIncome = 8,     // 低保
    Destitute = 16,    // 特困
}

public enum LivingSituation
{
    WithFamily = 0,
    Alone = 1,
    WithSpouseOnly = 2,
    InInstitution = 3,
}

public enum ElderStatus
{
    Active = 0,
    MovedOut = 1,
    Deceased = 2,
}

public enum AgeBand
{
    From60To69,
    From70To79,
    From80To89,
    From90To99,
    From100,
}

public sealed class EmergencyContact
{
    public int Id { get; set; }

    public required string Name { get; set; }

    public required string Relation { get; set; }

    [Microsoft.AspNetCore.Identity.ProtectedPersonalData]
    public required string Phone { get; set; }
}

/// <summary>An elder's record (老人档案).</summary>
public sealed class Elder
{
    public const int NameMaxLength = 50;
    public const int AddressMaxLength = 200;
    public const int HealthNotesMaxLength = 2000;
    public const int MaxCareLevel = 4;

    public Guid Id { get; init; } = Guid.CreateVersion7();

    public required string Name { get; set; }

    public Gender Gender { get; set; }

    [Microsoft.AspNetCore.Identity.ProtectedPersonalData]
    public required string IdNumber { get; set; }

    /// <summary>Keyed hash of the ID number: unique index and exact search without the plain value.</summary>
    public string IdNumberHash { get; private set; } = string.Empty;

    public string IdNumberTail { get; private set; } = string.Empty;

    public DateOnly BirthDate { get; set; }

    [Microsoft.AspNetCore.Identity.ProtectedPersonalData]
    public string? Phone { get; set; }

    public string? PhoneHash { get; private set; }

    public string? PhoneTail { get; private set; }

    [Microsoft.AspNetCore.Identity.ProtectedPersonalData]
    public string? Address { get; set; }

    public required string RegionCode { get; set; }

    /// <summary>The street/town (9 digits) and district (6) of <see cref="RegionCode"/>: scope filters become equality
    /// on the level's own column, so each level's index serves paging in name order (see ElderScope).</summary>
    public string StreetCode { get; private set; } = string.Empty;

    public string DistrictCode { get; private set; } = string.Empty;

    public LivingSituation LivingSituation { get; set; }

    /// <summary>Stored tags: derived ones (独居, 空巢, 失能) plus the ones staff set (低保, 特困).</summary>
    public KeyGroups KeyGroups { get; private set; }

    /// <summary>Capability assessment level 能力等级: 0 intact … 4 completely disabled.</summary>
    public int CareLevel { get; set; }

    [Microsoft.AspNetCore.Identity.ProtectedPersonalData]
    public string? HealthNotes { get; set; }

    public ElderStatus Status { get; private set; }

    public DateOnly? StatusDate { get; private set; }

    public List<EmergencyContact> EmergencyContacts { get; set; } = [];

    public DateTime CreatedAtUtc { get; init; }

    public DateTime UpdatedAtUtc { get; set; }

    /// <summary>Concurrency token: a stale edit loses cleanly instead of overwriting.</summary>
    public int Version { get; set; }

    public const KeyGroups ManualGroups = KeyGroups.LowIncome | KeyGroups.Destitute;

    /// <summary>Recomputes the derived columns after any change of the source fields.</summary>
    public void Refresh(KeyGroups manualGroups, DateTime utcNow, Func<string, string> hash)
    {
        IdNumberHash = hash(IdNumber);
        PhoneHash = string.IsNullOrEmpty(Phone) ? null : hash(Phone);
        IdNumberTail = Masking.Tail(IdNumber);
        StreetCode = RegionCode[..Math.Min(9, RegionCode.Length)];
        DistrictCode = RegionCode[..Math.Min(6, RegionCode.Length)];
        PhoneTail = string.IsNullOrEmpty(Phone) ? null : Masking.Tail(Phone);
        var groups = manualGroups & ManualGroups;
        if (LivingSituation == LivingSituation.Alone)
        {
            groups |= KeyGroups.LivingAlone;
        }

        if (LivingSituation == LivingSituation.WithSpouseOnly)
        {
            groups |= KeyGroups.EmptyNest;
        }

        if (CareLevel >= 1)
        {
            groups |= KeyGroups.Disabled;
        }

        KeyGroups = groups;
        UpdatedAtUtc = utcNow;
        Version++;
    }

    public Result ChangeStatus(ElderStatus status, DateOnly? date, DateOnly today, DateTime utcNow)
    {
        if (status != ElderStatus.Active && date is null)
        {
            return Result.Invalid(nameof(StatusDate), "Elders.Status.DateRequired");
        }

        if (date > today)
        {
            return Result.Invalid(nameof(StatusDate), "Elders.Status.DateInFuture");
        }

        if (date < BirthDate)
        {
            return Result.Invalid(nameof(StatusDate), "Elders.Status.DateBeforeBirth");
        }

        Status = status;
        StatusDate = status == ElderStatus.Active ? null : date;
        UpdatedAtUtc = utcNow;
        Version++;
        return Result.Ok();
    }

    public int AgeOn(DateOnly today) => ShanghaiTime.AgeOn(BirthDate, today);

    public KeyGroups DisplayGroups => KeyGroups;
}

public static class AgeBands
{
    /// <summary>Birth-date range [from, to] of an age band on a given day.</summary>
    public static (DateOnly From, DateOnly To) BirthDateRange(AgeBand band, DateOnly today)
    {
        var (minAge, maxAge) = band switch
        {
            AgeBand.From60To69 => (60, 69),
            AgeBand.From70To79 => (70, 79),
            AgeBand.From80To89 => (80, 89),
            AgeBand.From90To99 => (90, 99),
            _ => (100, 150),
        };
        return (today.AddYears(-(maxAge + 1)).AddDays(1), today.AddYears(-minAge));
    }
}
