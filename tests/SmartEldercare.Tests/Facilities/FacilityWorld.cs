using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SmartEldercare.Facilities;
using SmartEldercare.Facilities.Features.Beds;
using SmartEldercare.Facilities.Inspections;
using SmartEldercare.Platform.Common;
using SmartEldercare.Platform.Identity;
using SmartEldercare.Platform.Live;
using SmartEldercare.Platform.Organisations;
using SmartEldercare.Platform.Privacy;
using SmartEldercare.Platform.Regions;
using SmartEldercare.Tests.Infrastructure;

namespace SmartEldercare.Tests.Facilities;

/// <summary>
/// A fresh database with the checklist templates, two institutions in 杨柳青镇 (the first managed by <see cref="Manager"/>)
/// and one in 中北镇, and helpers to register elders and add beds.
/// </summary>
internal sealed class FacilityWorld : IAsyncDisposable
{
    private FacilityWorld(SliceFixture app) => App = app;

    public SliceFixture App { get; }

    public Guid Home { get; private set; }

    public Guid OtherHome { get; private set; }

    public Guid ZhongbeiHome { get; private set; }

    public ClaimsPrincipal Manager { get; private set; } = null!;

    public static ClaimsPrincipal Admin { get; } = TestUsers.Make("admin", Roles.SystemAdmin, RegionCatalog.DistrictCode);

    public Dictionary<TemplateKind, Guid> Templates { get; private set; } = [];

    public List<LiveUpdate> StreetFeed { get; } = [];

    private IDisposable? subscription;

    public static async Task<FacilityWorld> CreateAsync(TestProvider provider = TestProvider.Sqlite)
    {
        var world = new FacilityWorld(await SliceFixture.CreateAsync(provider));
        await world.SeedAsync();
        return world;
    }

    private async Task SeedAsync()
    {
        var now = App.Clock.GetUtcNow().UtcDateTime;
        App.Services.GetRequiredService<PersonalDataProtector>().Protect("warm-up");
        await App.Db(async db =>
        {
            await FacilitiesDemoData.SeedTemplatesAsync(db, CancellationToken.None);
            var home = new Organisation { Name = "杨柳青镇敬老院", Type = OrganisationType.Institution, RegionCode = RegionCatalog.YangliuqingCode, CreatedAtUtc = now };
            var other = new Organisation { Name = "英伦名苑日间照料中心", Type = OrganisationType.DayCareCentre, RegionCode = RegionCatalog.YinglunMingyuanCode, CreatedAtUtc = now };
            var zhongbei = new Organisation { Name = "中北镇敬老院", Type = OrganisationType.Institution, RegionCode = RegionCatalog.ZhongbeiCode, CreatedAtUtc = now };
            var provider = new Organisation { Name = "颐康居家养老服务有限公司", Type = OrganisationType.ServiceProvider, RegionCode = RegionCatalog.YangliuqingCode, CreatedAtUtc = now };
            db.Organisations.AddRange(home, other, zhongbei, provider);
            var role = await db.Roles.SingleOrDefaultAsync(r => r.Name == Roles.FacilityManager) ?? db.Roles.Add(new AppRole(Roles.FacilityManager) { NormalizedName = Roles.FacilityManager.ToUpperInvariant() }).Entity;
            var manager = new AppUser { UserName = "facility", NormalizedUserName = "FACILITY", DisplayName = "杨柳青镇敬老院 周院长", RegionCode = RegionCatalog.YangliuqingCode, OrganisationId = home.Id };
            db.Users.Add(manager);
            db.UserRoles.Add(new() { UserId = manager.Id, RoleId = role.Id });
            await db.SaveChangesAsync();
            (Home, OtherHome, ZhongbeiHome) = (home.Id, other.Id, zhongbei.Id);
            Manager = Principal(manager.Id, manager.DisplayName, RegionCatalog.YangliuqingCode, Roles.FacilityManager);
            Templates = await db.Set<ChecklistTemplate>().ToDictionaryAsync(t => t.Kind, t => t.Id);
            return 0;
        });
        subscription = App.Services.GetRequiredService<ILiveUpdates>().Subscribe(RegionCatalog.YangliuqingCode, u =>
        {
            lock (StreetFeed)
            {
                StreetFeed.Add(u);
            }

            return Task.CompletedTask;
        });
    }

    public static ClaimsPrincipal Principal(Guid id, string name, string region, string role) => new(new ClaimsIdentity(
        [
            new Claim(ClaimTypes.NameIdentifier, id.ToString()),
            new Claim(ClaimTypes.Name, name),
            new Claim(ClaimTypes.Role, role),
            new Claim(EldercareClaims.Region, region),
            new Claim(EldercareClaims.DisplayName, name),
        ],
        "test"));

    public bool Pushed(string topic)
    {
        lock (StreetFeed)
        {
            return StreetFeed.Any(u => u.Topic == topic);
        }
    }

    /// <summary>Registers an elder (as the district); answers the id and the ID number.</summary>
    public async Task<(Guid Id, string IdNumber)> ElderAsync(string region = RegionCatalog.YinglunMingyuanCode)
    {
        var command = NewElder.Command(region: region);
        var saved = await App.As(TestUsers.District, m => m.Send(command));
        Assert.True(saved.IsSuccess, saved.Message);
        names[command.IdNumber!] = command.Name;
        return (saved.Value, command.IdNumber!);
    }

    private readonly Dictionary<string, string> names = [];

    /// <summary>The registered name of an elder made by <see cref="ElderAsync"/>: admission needs it with the ID number.</summary>
    public string NameOf(string idNumber) => names[idNumber];

    public async Task<List<Guid>> BedsAsync(Guid institution, string codes, ClaimsPrincipal? by = null)
    {
        var added = await App.As(by ?? Manager, m => m.Send(new AddBeds.Command(institution, codes)));
        Assert.True(added.IsSuccess, added.Message);
        var board = await App.As(TestUsers.District, m => m.Send(new GetBedBoard.Query(institution)));
        return [.. board.Value!.Beds.Select(b => b.Id)];
    }

    public async Task AdmitAsync(Guid bed, string idNumber, int careLevel = 2, ClaimsPrincipal? by = null)
    {
        var result = await App.As(by ?? Manager, m => m.Send(new Admit.Command { BedId = bed, ElderIdNumber = idNumber, ElderName = NameOf(idNumber), CareLevel = careLevel, AdmittedOn = App.Clock.Today().AddDays(-1) }));
        Assert.True(result.IsSuccess, result.Message);
    }

    public async ValueTask DisposeAsync()
    {
        subscription?.Dispose();
        await App.DisposeAsync();
    }
}
