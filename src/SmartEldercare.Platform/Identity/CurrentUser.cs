using System.Security.Claims;

namespace SmartEldercare.Platform.Identity;

public static class EldercareClaims
{
    public const string Region = "eldercare:region";
    public const string DisplayName = "eldercare:name";
    public const string TwoFactor = "eldercare:2fa";
}

/// <summary>The signed-in user of this request or circuit: identity, roles and data scope.</summary>
public interface ICurrentUser
{
    bool IsAuthenticated { get; }

    Guid Id { get; }

    string UserName { get; }

    string DisplayName { get; }

    /// <summary>The region code that bounds everything the user may see or change.</summary>
    string RegionCode { get; }

    ClaimsPrincipal Principal { get; }

    /// <summary>The client's address, for the audit trail (null when unknown).</summary>
    string? IpAddress { get; }

    bool Has(string permission);
}

/// <summary>
/// Scoped: in an HTTP request it reads the request's user (after whichever scheme authenticated it);
/// in a Blazor circuit a circuit handler sets the circuit's user, which then wins.
/// </summary>
public sealed class CurrentUser(Microsoft.AspNetCore.Http.IHttpContextAccessor? http = null) : ICurrentUser
{
    private static readonly ClaimsPrincipal Anonymous = new(new ClaimsIdentity());
    private ClaimsPrincipal? principal;

    public ClaimsPrincipal Principal => principal ?? http?.HttpContext?.User ?? Anonymous;

    public bool IsAuthenticated => Principal.Identity?.IsAuthenticated == true;

    public Guid Id => Guid.TryParse(Principal.FindFirstValue(ClaimTypes.NameIdentifier), out var id) ? id : Guid.Empty;

    public string UserName => Principal.FindFirstValue(ClaimTypes.Name) ?? string.Empty;

    public string DisplayName => Principal.FindFirstValue(EldercareClaims.DisplayName) ?? UserName;

    // An authenticated user without a scope claim sees nothing: "~" is no region's prefix.
    public string RegionCode => IsAuthenticated ? Principal.FindFirstValue(EldercareClaims.Region) ?? "~" : "~";

    public bool Has(string permission) => Permissions.Grants(Principal, permission);

    private string? ipAddress;

    public string? IpAddress => ipAddress ?? http?.HttpContext?.Connection.RemoteIpAddress?.ToString();

    public void SetIpAddress(string? address) => ipAddress = address;

    public void Set(ClaimsPrincipal user) => principal = user;
}
