using SmartEldercare.Emergency.Devices;

namespace SmartEldercare.Emergency.Alarms;

/// <summary>A facility manager's alarms and devices: only their institution's (<see cref="SmartEldercare.Platform.Organisations.OwnOrganisation"/>).</summary>
internal static class OwnInstitutionFilter
{
    public static IQueryable<Alarm> OfOwn(this IQueryable<Alarm> alarms, Guid? own) => own is { } id ? alarms.Where(a => a.OrganisationId == id) : alarms;

    public static IQueryable<Device> OfOwn(this IQueryable<Device> devices, Guid? own) => own is { } id ? devices.Where(d => d.OrganisationId == id) : devices;
}
