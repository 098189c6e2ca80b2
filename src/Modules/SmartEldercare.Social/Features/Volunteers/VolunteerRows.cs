using SmartEldercare.Social.Volunteers;

namespace SmartEldercare.Social.Features.Volunteers;

internal static class VolunteerRows
{
    public static VolunteerRow Row(Volunteer v, IReadOnlyDictionary<string, Region> regions) =>
        new(v.Id, v.Name, Masking.Phone(v.Phone), v.Skills, v.Availability, v.RegionCode, regions.GetValueOrDefault(v.RegionCode)?.Name ?? v.RegionCode, v.BalanceMinutes, v.EarnedMinutes, v.UserId is not null);

    public static ServiceRow Row(ServiceRecord r) =>
        new(r.Id, r.VolunteerId, r.VolunteerName, r.RegionCode, r.ActivityId, r.Description, r.StartUtc, r.EndUtc, r.Minutes, r.Status, r.RecordedBy, r.ConfirmedBy);

    public static DateTime Utc(DateTime local) => TimeZoneInfo.ConvertTimeToUtc(DateTime.SpecifyKind(local, DateTimeKind.Unspecified), ShanghaiTime.Zone);
}
