namespace SmartEldercare.Facilities.Staff;

public enum StaffRole
{
    Carer,       // 护理员
    Nurse,       // 护士
    Doctor,      // 医生
    SocialWorker, // 社工
    Other,
}

public enum ShiftKind
{
    Day,
    Night,
}

/// <summary>One of an institution's staff, with the certificate the role needs (e.g. 养老护理员职业技能等级证书) and its expiry.</summary>
public sealed class StaffMember : IFacilityRecord
{
    public const int NameMaxLength = 50;
    public const int CertificateMaxLength = 100;

    public Guid Id { get; init; } = Guid.CreateVersion7();

    public Guid OrganisationId { get; init; }

    public required string RegionCode { get; init; }

    public required string Name { get; set; }

    public StaffRole Role { get; set; }

    public string? Certificate { get; set; }

    public DateOnly? CertificateValidUntil { get; set; }

    public bool Active { get; set; } = true;

    public int Version { get; set; }

    public bool CertificateExpiredOn(DateOnly today) => CertificateValidUntil is { } until && until < today;
}

/// <summary>A staff member on duty on a day's day or night shift; one per person, day and kind.</summary>
public sealed class Shift : IFacilityRecord
{
    public Guid Id { get; init; } = Guid.CreateVersion7();

    public Guid OrganisationId { get; init; }

    public required string RegionCode { get; init; }

    public Guid StaffId { get; init; }

    public DateOnly Date { get; init; }

    public ShiftKind Kind { get; init; }
}

/// <summary>How many residents of a care level one carer on a shift may look after (configurable by admins).</summary>
public sealed class CareRatio
{
    public int CareLevel { get; init; }

    public int ResidentsPerCarer { get; set; }

    public int Version { get; set; }

    /// <summary>Defaults after the common local rule of thumb: self-care 1:10 … completely disabled 1:3.</summary>
    public static readonly IReadOnlyDictionary<int, int> Defaults = new Dictionary<int, int> { [0] = 10, [1] = 8, [2] = 6, [3] = 4, [4] = 3 };
}

/// <summary>The carers a shift needs for its residents, and whether it has them.</summary>
public static class Staffing
{
    /// <summary>Σ residents at a level ÷ residents per carer at that level, rounded up once over the whole.</summary>
    /// <param name="residentsByLevel">Residents per care level.</param>
    /// <param name="ratios">Residents per carer per care level; a missing level uses the default.</param>
    public static int RequiredCarers(IReadOnlyDictionary<int, int> residentsByLevel, IReadOnlyDictionary<int, int> ratios)
    {
        var need = 0.0;
        foreach (var (level, residents) in residentsByLevel)
        {
            var per = ratios.TryGetValue(level, out var r) && r > 0 ? r : CareRatio.Defaults.GetValueOrDefault(level, 10);
            need += (double)residents / per;
        }

        // 1e-9: 6 residents at 1:6 is exactly one carer, not two.
        return (int)Math.Ceiling(need - 1e-9);
    }
}

/// <summary>A shift's carers against the required number: below is the live warning.</summary>
public sealed record ShiftStaffing(ShiftKind Kind, int Carers, int Required)
{
    public bool BelowRatio => Carers < Required;
}
