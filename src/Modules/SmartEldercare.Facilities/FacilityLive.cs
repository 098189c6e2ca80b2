namespace SmartEldercare.Facilities;

/// <summary>The module's changes on the consoles: topic <c>facility.{what}</c> in the institution's region, linking to it.</summary>
public static class FacilityLive
{
    public const string Prefix = "facility.";

    public static LiveUpdate Update(string regionCode, Guid organisationId, string what, DateTime utcNow) =>
        new(LiveUpdate.NewId(), regionCode, Prefix + what, organisationId.ToString(), utcNow);
}
