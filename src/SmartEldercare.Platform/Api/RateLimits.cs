namespace SmartEldercare.Platform.Api;

/// <summary>The rate-limiting policies endpoints name (the host defines them).</summary>
public static class RateLimits
{
    /// <summary>
    /// Endpoints machines call with their own credentials (device events, terminal payments): limited per source address
    /// before anything is read from the database, so that a flood costs the database nothing.
    /// </summary>
    public const string Machines = "machines";
}
