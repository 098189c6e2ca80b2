using System.Collections.Frozen;
using System.Security.Claims;

namespace SmartEldercare.Platform.Identity;

public static class Roles
{
    public const string SystemAdmin = nameof(SystemAdmin);
    public const string DistrictOperator = nameof(DistrictOperator);
    public const string StreetStaff = nameof(StreetStaff);
    public const string VillageStaff = nameof(VillageStaff);
    public const string Responder = nameof(Responder);
    public const string ProviderWorker = nameof(ProviderWorker);
    public const string FacilityManager = nameof(FacilityManager);

    public static readonly IReadOnlyList<string> All =
        [SystemAdmin, DistrictOperator, StreetStaff, VillageStaff, Responder, ProviderWorker, FacilityManager];
}

/// <summary>Permissions are what code checks; roles are bundles of them.</summary>
public static class Permissions
{
    public const string RegionsRead = "regions.read";
    public const string EldersRead = "elders.read";
    public const string EldersWrite = "elders.write";
    public const string EldersReveal = "elders.reveal";
    public const string OrganisationsRead = "organisations.read";
    public const string OrganisationsWrite = "organisations.write";
    public const string Administer = "platform.admin";
    public const string OwnAccount = "account.self";

    public static readonly IReadOnlyList<string> All =
        [RegionsRead, EldersRead, EldersWrite, EldersReveal, OrganisationsRead, OrganisationsWrite, Administer, OwnAccount];

    private static readonly FrozenDictionary<string, FrozenSet<string>> ByRole = new Dictionary<string, FrozenSet<string>>
    {
        [Roles.SystemAdmin] = All.ToFrozenSet(),
        [Roles.DistrictOperator] = new[] { OwnAccount, RegionsRead, EldersRead, EldersWrite, EldersReveal, OrganisationsRead, OrganisationsWrite }.ToFrozenSet(),
        [Roles.StreetStaff] = new[] { OwnAccount, RegionsRead, EldersRead, EldersWrite, EldersReveal, OrganisationsRead }.ToFrozenSet(),
        [Roles.VillageStaff] = new[] { OwnAccount, RegionsRead, EldersRead, EldersWrite, EldersReveal, OrganisationsRead }.ToFrozenSet(),
        [Roles.Responder] = new[] { OwnAccount, RegionsRead, EldersRead }.ToFrozenSet(),
        [Roles.ProviderWorker] = new[] { OwnAccount, RegionsRead }.ToFrozenSet(),
        [Roles.FacilityManager] = new[] { OwnAccount, RegionsRead, OrganisationsRead }.ToFrozenSet(),
    }.ToFrozenDictionary();

    public static IReadOnlySet<string> OfRole(string role) => ByRole.TryGetValue(role, out var set) ? set : FrozenSet<string>.Empty;

    public static bool RoleGrants(string role, string permission) =>
        ByRole.TryGetValue(role, out var set) && set.Contains(permission);

    public static bool Grants(ClaimsPrincipal user, string permission) =>
        user.Identity?.IsAuthenticated == true
        && user.FindAll(ClaimTypes.Role).Any(r => RoleGrants(r.Value, permission));
}
