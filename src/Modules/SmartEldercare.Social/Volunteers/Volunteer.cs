namespace SmartEldercare.Social.Volunteers;

public enum ServiceStatus
{
    Recorded,
    Confirmed,
    Rejected,
}

public enum LedgerKind
{
    Earned,      // 服务获得
    Redeemed,    // 兑换服务
    TransferOut, // 转给家人
    TransferIn,  // 家人转入
}

/// <summary>
/// A volunteer (志愿者) with a time-bank account (时间银行). The balance in minutes is the sum of the ledger and never
/// negative: every entry changes it in the same save, under the concurrency token, so two redemptions at once cannot
/// both spend the same minutes (the loser re-reads the balance and is refused if it no longer covers).
/// </summary>
public sealed class Volunteer : IRegionScoped
{
    public const int NameMaxLength = 50;
    public const int TextMaxLength = 200;

    public Guid Id { get; init; } = Guid.CreateVersion7();

    public string Name { get; set; } = string.Empty;

    [Microsoft.AspNetCore.Identity.ProtectedPersonalData]
    public string? Phone { get; set; }

    public string? Skills { get; set; }

    public string? Availability { get; set; }

    /// <summary>The village (or street) the volunteer serves.</summary>
    public string RegionCode { get; set; } = string.Empty;

    /// <summary>The platform account of a volunteer who signs in (optional).</summary>
    public Guid? UserId { get; set; }

    public long BalanceMinutes { get; private set; }

    public long EarnedMinutes { get; private set; }

    public DateTime CreatedAtUtc { get; init; }

    public int Version { get; private set; }

    public TimeBankEntry Earn(ServiceRecord record, string by, DateTime utcNow)
    {
        BalanceMinutes += record.Minutes;
        EarnedMinutes += record.Minutes;
        Version++;
        return new TimeBankEntry { VolunteerId = Id, Kind = LedgerKind.Earned, Minutes = record.Minutes, ServiceRecordId = record.Id, AtUtc = utcNow, By = by };
    }

    public Result<TimeBankEntry> Spend(LedgerKind kind, long minutes, Guid? counterpart, string? note, string by, DateTime utcNow)
    {
        if (minutes <= 0)
        {
            return Result.Invalid("Minutes", "Social.TimeBank.MinutesPositive").As<TimeBankEntry>();
        }

        if (minutes > BalanceMinutes)
        {
            return Result.Conflict("Social.TimeBank.Insufficient").As<TimeBankEntry>();
        }

        BalanceMinutes -= minutes;
        Version++;
        return new TimeBankEntry { VolunteerId = Id, Kind = kind, Minutes = -minutes, CounterpartId = counterpart, Note = note, AtUtc = utcNow, By = by };
    }

    public TimeBankEntry Receive(long minutes, Guid from, string? note, string by, DateTime utcNow)
    {
        BalanceMinutes += minutes;
        Version++;
        return new TimeBankEntry { VolunteerId = Id, Kind = LedgerKind.TransferIn, Minutes = minutes, CounterpartId = from, Note = note, AtUtc = utcNow, By = by };
    }

    /// <summary>Bumps the token: recording hours re-checks overlaps against a volunteer nobody changed meanwhile.</summary>
    public void Touch() => Version++;
}

/// <summary>Hours a volunteer served (per service), confirmed by staff before they count in the time bank.</summary>
public sealed class ServiceRecord : IRegionScoped
{
    public const int TextMaxLength = 200;

    /// <summary>One service never counts more than this (a typo of a day instead of an hour).</summary>
    public const int MaxMinutes = 12 * 60;

    public Guid Id { get; init; } = Guid.CreateVersion7();

    public Guid VolunteerId { get; init; }

    public string VolunteerName { get; init; } = string.Empty;

    /// <summary>The volunteer's region.</summary>
    public string RegionCode { get; init; } = string.Empty;

    public Guid? ActivityId { get; init; }

    public string Description { get; init; } = string.Empty;

    public DateTime StartUtc { get; init; }

    public DateTime EndUtc { get; init; }

    public int Minutes { get; init; }

    public ServiceStatus Status { get; private set; }

    public string RecordedBy { get; init; } = string.Empty;

    public DateTime RecordedAtUtc { get; init; }

    public string? ConfirmedBy { get; private set; }

    public DateTime? ConfirmedAtUtc { get; private set; }

    public int Version { get; private set; }

    public Result Confirm(bool accept, string by, DateTime utcNow)
    {
        if (Status != ServiceStatus.Recorded)
        {
            return Result.Conflict("Social.Hours.AlreadyConfirmed");
        }

        Status = accept ? ServiceStatus.Confirmed : ServiceStatus.Rejected;
        ConfirmedBy = by;
        ConfirmedAtUtc = utcNow;
        Version++;
        return Result.Ok();
    }
}

/// <summary>One movement of a time-bank account (minutes: positive in, negative out).</summary>
public sealed class TimeBankEntry
{
    public const int NoteMaxLength = 200;

    public long Id { get; init; }

    public Guid VolunteerId { get; init; }

    public LedgerKind Kind { get; init; }

    public long Minutes { get; init; }

    public Guid? ServiceRecordId { get; init; }

    /// <summary>The other volunteer of a transfer.</summary>
    public Guid? CounterpartId { get; init; }

    public string? Note { get; init; }

    public DateTime AtUtc { get; init; }

    public string By { get; init; } = string.Empty;
}

/// <summary>A volunteer assigned to help at an activity.</summary>
public sealed class VolunteerAssignment : IRegionScoped
{
    public Guid Id { get; init; } = Guid.CreateVersion7();

    public Guid VolunteerId { get; init; }

    public Guid ActivityId { get; init; }

    /// <summary>The volunteer's region.</summary>
    public string RegionCode { get; init; } = string.Empty;

    public DateTime AssignedAtUtc { get; init; }

    public string AssignedBy { get; init; } = string.Empty;
}

/// <summary>A volunteer assigned to a welfare visit (探访) of the care-for-the-very-old module (by its id, through a platform contract).</summary>
public sealed class VisitAssignment : IRegionScoped
{
    public Guid Id { get; init; } = Guid.CreateVersion7();

    public Guid VolunteerId { get; init; }

    public Guid VisitId { get; init; }

    /// <summary>The volunteer's region.</summary>
    public string RegionCode { get; init; } = string.Empty;

    public string ElderName { get; init; } = string.Empty;

    public DateOnly DueDate { get; init; }

    public DateTime AssignedAtUtc { get; init; }

    public string AssignedBy { get; init; } = string.Empty;
}
