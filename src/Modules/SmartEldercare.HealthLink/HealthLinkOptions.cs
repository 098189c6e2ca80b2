namespace SmartEldercare.HealthLink;

/// <summary><c>HealthLink:*</c> configuration.</summary>
public sealed class HealthLinkOptions
{
    /// <summary>Requests a partner client may make per minute (token requests count per address).</summary>
    public int RequestsPerMinute { get; set; } = 600;

    /// <summary>Lifetime of a partner access token.</summary>
    public int TokenMinutes { get; set; } = 15;
}
