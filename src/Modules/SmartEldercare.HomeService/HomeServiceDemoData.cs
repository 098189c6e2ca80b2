using Microsoft.Extensions.Logging;
using SmartEldercare.HomeService.Catalogue;
using SmartEldercare.HomeService.Entitlements;
using SmartEldercare.HomeService.Orders;
using SmartEldercare.Platform.Elders;
using SmartEldercare.Platform.Organisations;
using SmartEldercare.Platform.Seeding;

namespace SmartEldercare.HomeService;

/// <summary>
/// Demo data of home services: the 两送四助 catalogue with guide prices, the demo entitlement rules, every provider's
/// offerings, located homes (with QR codes) in 杨柳青镇, and a served last month and this month so far for
/// 杨柳青镇颐康居家养老服务有限公司 (its worker is the demo account <c>worker</c>), so settlement, credit and KPIs have content.
/// </summary>
public sealed class HomeServiceDemoData(IDbContextFactory<EldercareDbContext> dbs, TimeProvider clock, ILogger<HomeServiceDemoData> logger) : IModuleDemoData
{
    public const string DemoProviderName = "杨柳青镇颐康居家养老服务有限公司";
    private const string StreetActor = "杨柳青镇 刘洋";
    private const string VillageActor = "英伦名苑社区 张丽";

    private static readonly (string Code, string Name, ServiceCategory Category, ServiceUnit Unit, int Minutes, long Price, string Checklist)[] Items =
    [
        ("MEAL-LUNCH", "午餐送餐上门", ServiceCategory.MealDelivery, ServiceUnit.PerMeal, 20, 15_00, "核对老人身份\n餐食送达并确认温度\n提醒按时用餐\n回收餐具"),
        ("MEAL-DINNER", "晚餐送餐上门", ServiceCategory.MealDelivery, ServiceUnit.PerMeal, 20, 15_00, "核对老人身份\n餐食送达并确认温度\n提醒按时用餐\n回收餐具"),
        ("MED-ESCORT", "陪同就医", ServiceCategory.MedicalEscort, ServiceUnit.PerHour, 60, 40_00, "协助挂号取药\n陪同检查\n整理病历与医嘱\n安全送返家中"),
        ("MED-DELIVER", "代购送药", ServiceCategory.MedicalEscort, ServiceUnit.PerVisit, 30, 20_00, "核对处方\n药品送达\n讲解用法用量"),
        ("CLEAN-HOME", "居室保洁", ServiceCategory.Cleaning, ServiceUnit.PerHour, 60, 35_00, "清扫拖地\n厨房卫生间清洁\n整理床铺\n垃圾清运"),
        ("CLEAN-LAUNDRY", "衣物清洗", ServiceCategory.Cleaning, ServiceUnit.PerVisit, 45, 25_00, "收取衣物\n清洗晾晒\n折叠归位"),
        ("BATH-HOME", "上门助浴", ServiceCategory.Bathing, ServiceUnit.PerVisit, 60, 80_00, "测量血压确认可洗浴\n调节水温室温\n协助洗浴\n擦干更衣并观察状况"),
        ("HELP-URGENT", "紧急上门协助", ServiceCategory.EmergencyHelp, ServiceUnit.PerVisit, 30, 30_00, "查看老人状况\n处置紧急需求\n联系家属\n记录情况"),
        ("HELP-REPAIR", "水电应急维修", ServiceCategory.EmergencyHelp, ServiceUnit.PerVisit, 45, 45_00, "排查故障\n维修或更换\n试用确认"),
        ("JOY-COMPANY", "陪伴聊天", ServiceCategory.Recreation, ServiceUnit.PerHour, 60, 30_00, "问候与聊天\n读报或听戏\n观察情绪与健康\n记录需求"),
        ("JOY-WALK", "陪同散步", ServiceCategory.Recreation, ServiceUnit.PerHour, 60, 30_00, "确认天气与身体状况\n陪同散步\n安全送返家中"),
    ];

    /// <summary>The demo values: 80+ one unit; 低保 partly/fully disabled 6/9; 特困 self-caring/partly/fully disabled 3/12/18.</summary>
    private static readonly (string Name, EntitlementGroup Group, int Min, int Max, int Units, int Percent)[] Rules =
    [
        ("高龄（80周岁以上）", EntitlementGroup.VeryOld, 0, 4, 1, 50),
        ("低保·部分失能", EntitlementGroup.LowIncome, 1, 3, 6, 80),
        ("低保·完全失能", EntitlementGroup.LowIncome, 4, 4, 9, 80),
        ("特困·能自理", EntitlementGroup.Destitute, 0, 0, 3, 100),
        ("特困·部分失能", EntitlementGroup.Destitute, 1, 3, 12, 100),
        ("特困·完全失能", EntitlementGroup.Destitute, 4, 4, 18, 100),
    ];

    /// <summary>Where a village of 杨柳青镇 is (WGS-84, spread around the town centre); demo homes lie within 40 m of it.</summary>
    public static (double Latitude, double Longitude) VillageCentre(string villageCode)
    {
        var index = int.Parse(villageCode[^3..], System.Globalization.CultureInfo.InvariantCulture) + (villageCode[9] == '2' ? 5 : 0);
        return (39.1370 + (index % 4) * 0.0045, 117.0050 + (index / 4) * 0.0060);
    }

    public async Task SeedAsync(CancellationToken ct = default)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        if (await db.Set<ServiceItem>().AnyAsync(ct))
        {
            return;
        }

        await SeedCatalogueAsync(db, ct);
        await SeedOfferingsAsync(db, ct);
        var homes = await SeedHomesAsync(db, RegionCatalog.YangliuqingCode, clock.UtcNow(), ct);
        var provider = await db.Organisations.AsNoTracking().FirstOrDefaultAsync(o => o.Name == DemoProviderName && o.Type == OrganisationType.ServiceProvider, ct);
        var worker = provider is null ? null : await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.OrganisationId == provider.Id, ct);
        if (provider is not null && worker is not null)
        {
            await SeedHistoryAsync(provider, worker, ct);
        }

        logger.LogInformation("Seeded home services: {Items} items, {Rules} entitlement rules, {Homes} located homes", Items.Length, Rules.Length, homes);
    }

    /// <summary>The catalogue and the entitlement rules, into an empty catalogue (tests use this too).</summary>
    public static async Task SeedCatalogueAsync(EldercareDbContext db, CancellationToken ct)
    {
        if (await db.Set<ServiceItem>().AnyAsync(ct))
        {
            return;
        }

        foreach (var (code, name, category, unit, minutes, price, checklist) in Items)
        {
            db.Add(new ServiceItem { Code = code, Name = name, Category = category, Unit = unit, StandardMinutes = minutes, GuidePrice = price, Checklist = checklist });
        }

        foreach (var (name, group, min, max, units, percent) in Rules)
        {
            db.Add(new EntitlementRule { Name = name, Group = group, MinCareLevel = min, MaxCareLevel = max, UnitsPerMonth = units, SubsidyPercent = percent });
        }

        await db.SaveChangesAsync(ct);
    }

    /// <summary>Every provider offers every item at the guide price (the demo provider's lunch a little cheaper).</summary>
    public static async Task SeedOfferingsAsync(EldercareDbContext db, CancellationToken ct)
    {
        var items = await db.Set<ServiceItem>().AsNoTracking().ToListAsync(ct);
        var providers = await db.Organisations.AsNoTracking().Where(o => o.Type == OrganisationType.ServiceProvider).ToListAsync(ct);
        var existing = (await db.Set<ProviderOffering>().AsNoTracking().Select(o => new { o.ProviderId, o.ItemId }).ToListAsync(ct)).Select(o => (o.ProviderId, o.ItemId)).ToHashSet();
        foreach (var provider in providers)
        {
            foreach (var item in items.Where(i => !existing.Contains((provider.Id, i.Id))))
            {
                var price = provider.Name == DemoProviderName && item.Code == "MEAL-LUNCH" ? 14_00 : item.GuidePrice;
                db.Add(new ProviderOffering { ProviderId = provider.Id, ItemId = item.Id, RegionCode = provider.RegionCode, Price = price });
            }
        }

        await db.SaveChangesAsync(ct);
    }

    /// <summary>Locates the homes of the active elders of a region near their village's centre (each with its QR code).</summary>
    public static async Task<int> SeedHomesAsync(EldercareDbContext db, string region, DateTime utcNow, CancellationToken ct)
    {
        var elders = await db.Elders.AsNoTracking().InScope(region).Where(e => e.Status == ElderStatus.Active).Select(e => new { e.Id, e.RegionCode }).ToListAsync(ct);
        var located = (await db.Set<ElderHome>().AsNoTracking().Select(h => h.ElderId).ToListAsync(ct)).ToHashSet();
        var random = new Random(53);
        var count = 0;
        foreach (var elder in elders.Where(e => !located.Contains(e.Id) && e.RegionCode.Length == 12))
        {
            var (lat, lon) = VillageCentre(elder.RegionCode);
            var home = new ElderHome { ElderId = elder.Id, RegionCode = elder.RegionCode };
            home.Locate(lat + (random.NextDouble() - 0.5) * 0.0005, lon + (random.NextDouble() - 0.5) * 0.0005, utcNow);
            db.Add(home);
            count++;
        }

        await db.SaveChangesAsync(ct);
        return count;
    }

    /// <summary>Last month served and this month so far (weekday lunches and a few other services), with follow-ups and a lunch plan.</summary>
    private async Task SeedHistoryAsync(Organisation provider, AppUser worker, CancellationToken ct)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        var now = clock.UtcNow();
        var today = clock.Today();
        var items = await db.Set<ServiceItem>().AsNoTracking().ToDictionaryAsync(i => i.Code, ct);
        var prices = await db.Set<ProviderOffering>().AsNoTracking().Where(o => o.ProviderId == provider.Id).ToDictionaryAsync(o => o.ItemId, o => o.Price, ct);
        var rules = await db.Set<EntitlementRule>().AsNoTracking().ToListAsync(ct);
        var candidates = await db.Elders.AsNoTracking().InScope(RegionCatalog.YangliuqingCode).Where(e => e.Status == ElderStatus.Active && e.RegionCode.Length == 12)
            .OrderBy(e => e.RegionCode).ThenBy(e => e.Id).Take(400).ToListAsync(ct);
        var elders = candidates.Where(e => Grant.For(rules, e.AgeOn(today), e.KeyGroups, e.CareLevel).Units > 0).Take(10).ToList();
        if (elders.Count == 0)
        {
            return;
        }

        var balances = new Dictionary<(Guid, int), EntitlementBalance>();
        EntitlementBalance BalanceOf(Elder elder, int month)
        {
            if (!balances.TryGetValue((elder.Id, month), out var balance))
            {
                var grant = Grant.For(rules, elder.AgeOn(YearMonth.FirstDay(month)), elder.KeyGroups, elder.CareLevel);
                balance = new EntitlementBalance
                {
                    ElderId = elder.Id, Month = month, RegionCode = elder.RegionCode, GrantedUnits = grant.Units, SubsidyPercent = grant.SubsidyPercent, RuleName = grant.RuleName,
                };
                balances[(elder.Id, month)] = balance;
                db.Add(balance);
            }

            return balance;
        }

        var random = new Random(531);
        var firstDay = new DateOnly(today.Year, today.Month, 1).AddMonths(-1);
        var n = 0;
        for (var day = firstDay; day < today; day = day.AddDays(1))
        {
            if (day.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday)
            {
                continue;
            }

            // Two visits a working day: a lunch, and another service now and then.
            foreach (var code in n % 3 == 0 ? new[] { "MEAL-LUNCH", random.Next(2) == 0 ? "CLEAN-HOME" : "JOY-COMPANY" } : ["MEAL-LUNCH"])
            {
                var elder = elders[n++ % elders.Count];
                var item = items[code];
                var start = ShanghaiTime.ToUtc(day).AddHours(code == "MEAL-LUNCH" ? 11 : 9);
                var order = ServiceOrder.Request(elder.Id, elder.RegionCode, item, 1, start, start.AddHours(1), selfPayConsent: true, null, null,
                    n % 2 == 0 ? VillageActor : StreetActor, start.AddDays(-1));
                order.Dispatch(provider.Id, provider.Name, prices[item.Id], StreetActor, start.AddDays(-1).AddMinutes(10));
                order.Assign(worker.Id, worker.DisplayName, worker.DisplayName, start.AddDays(-1).AddMinutes(40));
                var roll = random.NextDouble();
                if (roll < 0.06)
                {
                    order.MarkLate(start.AddMinutes(15));
                    order.MarkMissed(start.AddMinutes(30));
                    order.HandleMissed(null, StreetActor, start.AddMinutes(45), "老人已外出，改日再约");
                }
                else
                {
                    var late = roll < 0.15;
                    var arrived = start.AddMinutes(late ? 18 + random.Next(8) : random.Next(0, 12));
                    if (late)
                    {
                        order.MarkLate(start.AddMinutes(15));
                    }

                    order.CheckIn(worker.Id, CheckInMethod.Location, random.Next(5, 60), VisitFlags.None, worker.DisplayName, arrived);
                    var minutes = item.StandardMinutes + random.Next(-8, 9);
                    order.CheckOut(worker.Id, item.Tasks, null, null, null, item.StandardMinutes, 15, worker.DisplayName, arrived.AddMinutes(minutes));
                    // The last days are not yet verified: the street still has some to check.
                    if (day < today.AddDays(-2))
                    {
                        order.Verify(BalanceOf(elder, order.Month), StreetActor, arrived.AddHours(5));
                        if (random.NextDouble() < 0.7)
                        {
                            var complaint = random.NextDouble() < 0.05;
                            db.Add(new FollowUp
                            {
                                OrderId = order.Id, ElderId = elder.Id, ProviderId = provider.Id, RegionCode = elder.RegionCode,
                                Satisfaction = complaint ? 2 : random.NextDouble() < 0.7 ? 5 : 4, IsComplaint = complaint,
                                Comment = complaint ? "送餐偏凉，希望改进" : null, RecordedAtUtc = arrived.AddDays(1), RecordedBy = VillageActor,
                            });
                        }
                    }
                }

                db.Add(order);
            }
        }

        // A standing need: lunch every working day for the first elder, straight to the demo provider and its worker.
        db.Add(new ServicePlan
        {
            ElderId = elders[0].Id, RegionCode = elders[0].RegionCode, ItemId = items["MEAL-LUNCH"].Id, Days = Weekdays.WorkingDays, StartTime = new TimeOnly(11, 0),
            WindowMinutes = 60, FromDate = today, ProviderId = provider.Id, WorkerId = worker.Id, SelfPayConsent = true, CreatedBy = VillageActor, CreatedAtUtc = now,
        });
        await db.SaveChangesAsync(ct);
    }
}
