using SmartEldercare.Facilities.Staff;

namespace SmartEldercare.Facilities.Features.Staff;

public sealed record StaffItem(Guid Id, string Name, StaffRole Role, string? Certificate, DateOnly? CertificateValidUntil, bool CertificateExpired, bool Active,
    IReadOnlyList<ShiftKind> OnDutyToday, int Version);
