using System.Security.Claims;
using SmartEldercare.Platform.Identity;
using SmartEldercare.Platform.Regions;

namespace SmartEldercare.Tests.Infrastructure;

/// <summary>Principals as sign-in builds them (roles and region scope), for tests that go through the mediator.</summary>
public static class TestUsers
{
    public const string YangliuqingVillage2 = "120111100002";

    public static ClaimsPrincipal District { get; } = Make("district", Roles.DistrictOperator, RegionCatalog.DistrictCode);

    public static ClaimsPrincipal Street { get; } = Make("street", Roles.StreetStaff, RegionCatalog.YangliuqingCode);

    public static ClaimsPrincipal Street2 { get; } = Make("street2", Roles.StreetStaff, RegionCatalog.ZhongbeiCode);

    public static ClaimsPrincipal Village { get; } = Make("village", Roles.VillageStaff, RegionCatalog.YinglunMingyuanCode);

    public static ClaimsPrincipal OtherVillage { get; } = Make("village2", Roles.VillageStaff, YangliuqingVillage2);

    public static ClaimsPrincipal Worker { get; } = Make("worker", Roles.ProviderWorker, RegionCatalog.YangliuqingCode);

    public static ClaimsPrincipal Responder { get; } = Make("responder", Roles.Responder, RegionCatalog.YangliuqingCode);

    public static ClaimsPrincipal Make(string name, string role, string region) => new(new ClaimsIdentity(
        [
            new Claim(ClaimTypes.NameIdentifier, Guid.NewGuid().ToString()),
            new Claim(ClaimTypes.Name, name),
            new Claim(ClaimTypes.Role, role),
            new Claim(EldercareClaims.Region, region),
            new Claim(EldercareClaims.DisplayName, name),
        ],
        "test"));
}
