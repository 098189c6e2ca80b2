using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SmartEldercare.HomeService;
using SmartEldercare.HomeService.Catalogue;
using SmartEldercare.HomeService.Features.Dispatch;
using SmartEldercare.HomeService.Features.Elders;
using SmartEldercare.HomeService.Features.Orders;
using SmartEldercare.Platform.Features.Elders;
using SmartEldercare.Platform.Identity;
using SmartEldercare.Platform.Organisations;
using SmartEldercare.Platform.Privacy;
using SmartEldercare.Platform.Regions;
using SmartEldercare.Tests.Infrastructure;

namespace SmartEldercare.Tests.HomeService;

/// <summary>
/// A fresh database with the home-service catalogue and rules, a provider in 杨柳青镇 and one in 中北镇 offering every
/// item, a worker of each (accounts with the worker role and their employer), and helpers to order and move visits.
/// </summary>
internal sealed class HomeWorld : IAsyncDisposable
{
    public const double HomeLatitude = 39.1370;
    public const double HomeLongitude = 117.0050;

    private HomeWorld(SliceFixture app) => App = app;

    public SliceFixture App { get; }

    public Guid ProviderId { get; private set; }

    public Guid ZhongbeiProviderId { get; private set; }

    public Guid WorkerId { get; private set; }

    public ClaimsPrincipal Worker { get; private set; } = null!;

    /// <summary>A worker of the 中北镇 provider (scoped to 中北镇).</summary>
    public ClaimsPrincipal ZhongbeiWorker { get; private set; } = null!;

    public Guid ZhongbeiWorkerId { get; private set; }

    public Dictionary<string, Guid> Items { get; private set; } = [];

    public static async Task<HomeWorld> CreateAsync(TestProvider provider = TestProvider.Sqlite)
    {
        var world = new HomeWorld(await SliceFixture.CreateAsync(provider));
        await world.SeedAsync();
        return world;
    }

    private async Task SeedAsync()
    {
        var now = App.Clock.GetUtcNow().UtcDateTime;
        // The key ring is made on first use, in its own write: not inside the seeding's (SQLite allows one writer).
        App.Services.GetRequiredService<PersonalDataProtector>().Protect("warm-up");
        await App.Db(async db =>
        {
            await HomeServiceDemoData.SeedCatalogueAsync(db, CancellationToken.None);
            var yangliuqing = new Organisation { Name = HomeServiceDemoData.DemoProviderName, Type = OrganisationType.ServiceProvider, RegionCode = RegionCatalog.YangliuqingCode, CreatedAtUtc = now };
            var zhongbei = new Organisation { Name = "中北镇颐康居家养老服务有限公司", Type = OrganisationType.ServiceProvider, RegionCode = RegionCatalog.ZhongbeiCode, CreatedAtUtc = now };
            db.Organisations.AddRange(yangliuqing, zhongbei);
            var role = await db.Roles.SingleOrDefaultAsync(r => r.Name == Roles.ProviderWorker) ?? db.Roles.Add(new AppRole(Roles.ProviderWorker) { NormalizedName = Roles.ProviderWorker.ToUpperInvariant() }).Entity;
            var worker = new AppUser { UserName = "worker", NormalizedUserName = "WORKER", DisplayName = "服务人员 孙梅", RegionCode = RegionCatalog.YangliuqingCode, OrganisationId = yangliuqing.Id };
            var other = new AppUser { UserName = "worker2", NormalizedUserName = "WORKER2", DisplayName = "服务人员 周强", RegionCode = RegionCatalog.ZhongbeiCode, OrganisationId = zhongbei.Id };
            db.Users.AddRange(worker, other);
            db.UserRoles.AddRange(new() { UserId = worker.Id, RoleId = role.Id }, new() { UserId = other.Id, RoleId = role.Id });
            await db.SaveChangesAsync();
            await HomeServiceDemoData.SeedOfferingsAsync(db, CancellationToken.None);
            (ProviderId, ZhongbeiProviderId, WorkerId, ZhongbeiWorkerId) = (yangliuqing.Id, zhongbei.Id, worker.Id, other.Id);
            Items = await db.Set<ServiceItem>().ToDictionaryAsync(i => i.Code, i => i.Id);
            return 0;
        });
        Worker = Principal(WorkerId, "服务人员 孙梅", RegionCatalog.YangliuqingCode);
        ZhongbeiWorker = Principal(ZhongbeiWorkerId, "服务人员 周强", RegionCatalog.ZhongbeiCode);
    }

    public static ClaimsPrincipal Principal(Guid id, string name, string region, string role = Roles.ProviderWorker) => new(new ClaimsIdentity(
        [
            new Claim(ClaimTypes.NameIdentifier, id.ToString()),
            new Claim(ClaimTypes.Name, name),
            new Claim(ClaimTypes.Role, role),
            new Claim(EldercareClaims.Region, region),
            new Claim(EldercareClaims.DisplayName, name),
        ],
        "test"));

    /// <summary>Registers an elder (as the district) and locates the home at the test coordinates.</summary>
    public async Task<Guid> ElderAsync(SaveElder.Command? command = null, bool locate = true)
    {
        var saved = await App.As(TestUsers.District, m => m.Send(command ?? NewElder.Command()));
        Assert.True(saved.IsSuccess, saved.Message);
        if (locate)
        {
            var located = await App.As(TestUsers.District, m => m.Send(new LocateHome.Command(saved.Value, HomeLatitude, HomeLongitude)));
            Assert.True(located.IsSuccess, located.Message);
        }

        return saved.Value;
    }

    /// <summary>An elder of 80+ (one unit a month at 50 %).</summary>
    public Task<Guid> VeryOldElderAsync(string region = RegionCatalog.YinglunMingyuanCode) =>
        ElderAsync(NewElder.Command(name: "李桂兰", region: region, birth: new DateOnly(1940, 2, 3)));

    public DateTimeOffset Shanghai(int hoursFromNow) => App.Clock.GetUtcNow().AddHours(hoursFromNow).ToOffset(TimeSpan.FromHours(8));

    public async Task<Guid> OrderAsync(Guid elderId, string item = "MEAL-LUNCH", int hoursFromNow = 1, int quantity = 1, bool consent = true, ClaimsPrincipal? by = null)
    {
        var result = await App.As(by ?? TestUsers.Village, m => m.Send(new RequestOrder.Command(elderId, Items[item], quantity, Shanghai(hoursFromNow), 60, consent)));
        Assert.True(result.IsSuccess, result.Message);
        return result.Value;
    }

    public async Task DispatchAsync(Guid orderId, bool withWorker = true)
    {
        var result = await App.As(TestUsers.Street, m => m.Send(new DispatchOrder.Command(orderId, ProviderId, withWorker ? WorkerId : null)));
        Assert.True(result.IsSuccess, result.Message);
    }

    /// <summary>Ordered, dispatched and assigned to <see cref="Worker"/>.</summary>
    public async Task<Guid> AssignedAsync(Guid elderId, string item = "MEAL-LUNCH", int hoursFromNow = 1, int quantity = 1)
    {
        var id = await OrderAsync(elderId, item, hoursFromNow, quantity);
        await DispatchAsync(id);
        return id;
    }

    public async Task<OrderDetails> OrderOf(Guid id, ClaimsPrincipal? as_ = null)
    {
        var result = await App.As(as_ ?? TestUsers.District, m => m.Send(new GetOrder.Query(id)));
        Assert.True(result.IsSuccess, result.Message);
        return result.Value!;
    }

    public async Task<DispatchBoard> BoardAsync(ClaimsPrincipal? as_ = null) =>
        await App.As(as_ ?? TestUsers.Street, m => m.Send(new GetDispatchBoard.Query()));

    public ValueTask DisposeAsync() => App.DisposeAsync();
}
