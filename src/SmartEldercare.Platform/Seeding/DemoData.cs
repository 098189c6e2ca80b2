using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using SmartEldercare.Platform.Common;
using SmartEldercare.Platform.Elders;
using SmartEldercare.Platform.Identity;
using SmartEldercare.Platform.Organisations;
using SmartEldercare.Platform.Persistence;
using SmartEldercare.Platform.Regions;

namespace SmartEldercare.Platform.Seeding;

/// <summary>Demo accounts, organisations and elders: realistic, deterministic (fixed random seed), never in Production unless asked.</summary>
public sealed class DemoData(
    IDbContextFactory<EldercareDbContext> dbs,
    UserManager<AppUser> users,
    RoleManager<AppRole> roles,
    TimeProvider clock,
    Privacy.PersonalDataProtector personalData,
    ILogger<DemoData> logger)
{
    public const string Password = "Eldercare#2026";

    private static readonly string[] Surnames =
    [
        "王", "李", "张", "刘", "陈", "杨", "赵", "黄", "周", "吴", "徐", "孙", "胡", "朱", "高", "林", "何", "郭", "马", "罗",
        "梁", "宋", "郑", "谢", "韩", "唐", "冯", "于", "董", "萧", "程", "曹", "袁", "邓", "许", "傅", "沈", "曾", "彭", "吕",
        "苏", "卢", "蒋", "蔡", "贾", "丁", "魏", "薛", "叶", "阎", "余", "潘", "杜", "戴", "夏", "钟", "汪", "田", "任", "姜",
    ];

    private static readonly string[] MaleGiven =
    [
        "建国", "建华", "国庆", "志强", "振华", "德明", "文斌", "永福", "宝山", "学军", "福来", "玉林", "长顺", "宝成", "金生",
        "守义", "广才", "树森", "立新", "洪涛", "占元", "春生", "殿臣", "庆祥", "德胜", "兆林", "凤岐", "万里", "俊", "勇", "强", "军",
    ];

    private static readonly string[] FemaleGiven =
    [
        "秀英", "桂英", "秀兰", "玉兰", "桂兰", "淑珍", "凤英", "玉珍", "秀珍", "丽华", "淑华", "玉梅", "淑英", "秀云", "桂珍",
        "素芬", "翠兰", "凤兰", "玉芳", "金凤", "淑琴", "桂芝", "美兰", "秀梅", "兰英", "慧敏", "静", "霞", "红", "敏", "萍", "燕",
    ];

    private static readonly string[] Relations = ["儿子", "女儿", "配偶", "儿媳", "女婿", "孙子", "外孙女", "侄子"];

    private static readonly (string UserName, string Role, string DisplayName, string Region)[] Accounts =
    [
        ("admin", Roles.SystemAdmin, "系统管理员", RegionCatalog.DistrictCode),
        ("district", Roles.DistrictOperator, "区智慧养老服务中心 王敏", RegionCatalog.DistrictCode),
        ("street", Roles.StreetStaff, "杨柳青镇 刘洋", RegionCatalog.YangliuqingCode),
        ("village", Roles.VillageStaff, "英伦名苑社区 张丽", RegionCatalog.YinglunMingyuanCode),
        ("responder", Roles.Responder, "杨柳青镇应急 赵刚", RegionCatalog.YangliuqingCode),
        ("worker", Roles.ProviderWorker, "服务人员 孙梅", RegionCatalog.YangliuqingCode),
        ("facility", Roles.FacilityManager, "杨柳青镇敬老院 周院长", RegionCatalog.YangliuqingCode),
        ("street2", Roles.StreetStaff, "中北镇 陈晨", RegionCatalog.ZhongbeiCode),
    ];

    public async Task<bool> SeedIfEmptyAsync(int elders, CancellationToken ct = default)
    {
        await using (var db = await dbs.CreateDbContextAsync(ct))
        {
            if (await db.Users.AnyAsync(ct) || await db.Elders.AnyAsync(ct))
            {
                return false;
            }
        }

        var organisations = await SeedOrganisationsAsync(ct);
        await SeedAccountsAsync(organisations, ct);
        await SeedEldersAsync(elders, seed: 20221, ct);
        return true;
    }

    public async Task EnsureRolesAsync()
    {
        foreach (var role in Roles.All)
        {
            if (!await roles.RoleExistsAsync(role))
            {
                await roles.CreateAsync(new AppRole(role));
            }
        }
    }

    private async Task SeedAccountsAsync(IReadOnlyList<Organisation> organisations, CancellationToken ct)
    {
        await EnsureRolesAsync();
        foreach (var (userName, role, displayName, region) in Accounts)
        {
            ct.ThrowIfCancellationRequested();
            var user = new AppUser
            {
                UserName = userName,
                DisplayName = displayName,
                RegionCode = region,
                OrganisationId = role switch
                {
                    Roles.ProviderWorker => organisations.First(o => o.Type == OrganisationType.ServiceProvider && o.RegionCode.StartsWith(region, StringComparison.Ordinal)).Id,
                    Roles.FacilityManager => organisations.First(o => o.Type == OrganisationType.Institution && o.RegionCode.StartsWith(region, StringComparison.Ordinal)).Id,
                    _ => null,
                },
            };
            var created = await users.CreateAsync(user, Password);
            if (!created.Succeeded)
            {
                throw new InvalidOperationException($"Demo account {userName}: {string.Join("; ", created.Errors.Select(e => e.Description))}");
            }

            await users.AddToRoleAsync(user, role);
        }
    }

    private async Task<IReadOnlyList<Organisation>> SeedOrganisationsAsync(CancellationToken ct)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        var now = clock.UtcNow();
        var random = new Random(2022);
        var streets = RegionCatalog.All.Where(r => r.Level == RegionLevel.Street).ToList();
        var list = new List<Organisation>();
        foreach (var street in streets)
        {
            var villages = RegionCatalog.All.Where(r => r.ParentCode == street.Code).ToList();
            var shortName = street.Name;
            Organisation Make(string name, OrganisationType type, string region, string? licence) => new()
            {
                Name = name,
                Type = type,
                RegionCode = region,
                Address = $"天津市西青区{shortName}{RegionCatalog.All.First(r => r.Code == region).Name}{random.Next(1, 120)}号",
                ContactName = Surnames[random.Next(Surnames.Length)] + FemaleGiven[random.Next(FemaleGiven.Length)],
                ContactPhone = $"022-27{random.Next(100000, 999999)}",
                LicenceNumber = licence,
                CreatedAtUtc = now,
                UpdatedAtUtc = now,
            };
            list.Add(Make($"{shortName}敬老院", OrganisationType.Institution, street.Code, $"12120111{random.Next(1000000, 9999999)}"));
            list.Add(Make($"{shortName}日间照料中心", OrganisationType.DayCareCentre, villages[0].Code, null));
            list.Add(Make($"{villages[0].Name.Replace("社区", string.Empty, StringComparison.Ordinal)}老人家食堂", OrganisationType.Canteen, villages[0].Code, $"JY1120111{random.Next(100000, 999999)}"));
            list.Add(Make($"{shortName}颐康居家养老服务有限公司", OrganisationType.ServiceProvider, street.Code, $"91120111MA{random.Next(1000000, 9999999)}"));
        }

        list.Add(new Organisation
        {
            Name = "西青区社会福利院", Type = OrganisationType.Institution, RegionCode = RegionCatalog.DistrictCode,
            Address = "天津市西青区杨柳青镇西青道88号", ContactName = "高文", ContactPhone = "022-27392288",
            LicenceNumber = "12120111MB1234567", CreatedAtUtc = now, UpdatedAtUtc = now,
        });
        db.Organisations.AddRange(list);
        await db.SaveChangesAsync(ct);
        return list;
    }

    /// <summary>Adds <paramref name="count"/> elders spread over every village; batched, so 200,000 is practical.</summary>
    public async Task SeedEldersAsync(int count, int seed, CancellationToken ct = default)
    {
        var random = new Random(seed);
        var villages = RegionCatalog.All.Where(r => r.Level == RegionLevel.Village).ToList();
        var streetNames = RegionCatalog.All.Where(r => r.Level == RegionLevel.Street).ToDictionary(r => r.Code, r => r.Name);
        var today = clock.Today();
        var now = clock.UtcNow();
        var usedIds = new HashSet<string>(StringComparer.Ordinal);
        await using (var db = await dbs.CreateDbContextAsync(ct))
        {
            foreach (var id in await db.Elders.Select(e => e.IdNumberHash).ToListAsync(ct))
            {
                usedIds.Add(id);
            }
        }

        const int batchSize = 2000;
        for (var done = 0; done < count; done += batchSize)
        {
            await using var db = await dbs.CreateDbContextAsync(ct);
            db.ChangeTracker.AutoDetectChangesEnabled = false;
            var batch = new List<Elder>(batchSize);
            for (var i = done; i < Math.Min(count, done + batchSize); i++)
            {
                batch.Add(NewElder(random, villages, streetNames, today, now, usedIds, i));
            }

            db.Elders.AddRange(batch);
            await db.SaveChangesAsync(ct);
            if (count >= 20_000 && (done / batchSize) % 10 == 0)
            {
                logger.LogInformation("Seeded {Done} of {Count} elders", done + batch.Count, count);
            }
        }
    }

    private Elder NewElder(Random random, List<Region> villages, Dictionary<string, string> streetNames, DateOnly today, DateTime now, HashSet<string> usedIds, int index)
    {
        var village = villages[index < villages.Count ? index : random.Next(villages.Count)];
        var gender = random.NextDouble() < 0.54 ? Gender.Female : Gender.Male;
        var roll = random.NextDouble();
        var age = index % 600 == 7 ? random.Next(100, 105)
            : roll < 0.45 ? random.Next(60, 70)
            : roll < 0.78 ? random.Next(70, 80)
            : roll < 0.95 ? random.Next(80, 90)
            : random.Next(90, 100);
        var birth = today.AddYears(-age).AddDays(-random.Next(0, 364));
        var area = random.NextDouble() < 0.85 ? "120111" : random.NextDouble() < 0.5 ? "120104" : "130981";
        string idNumber;
        do
        {
            idNumber = ChinaIdNumber.Create(area, birth, random.Next(0, 500), gender);
        }
        while (!usedIds.Add(personalData.Hash(idNumber)));

        var name = Surnames[random.Next(Surnames.Length)] + (gender == Gender.Male ? MaleGiven[random.Next(MaleGiven.Length)] : FemaleGiven[random.Next(FemaleGiven.Length)]);
        var careRoll = random.NextDouble();
        var careLevel = careRoll < 0.70 ? 0 : careRoll < 0.82 ? 1 : careRoll < 0.90 ? 2 : careRoll < 0.96 ? 3 : 4;
        if (age >= 90 && careLevel < 2 && random.NextDouble() < 0.5)
        {
            careLevel += 2;
        }

        var livingRoll = random.NextDouble();
        var living = livingRoll < 0.55 ? LivingSituation.WithFamily : livingRoll < 0.70 ? LivingSituation.Alone : livingRoll < 0.95 ? LivingSituation.WithSpouseOnly : LivingSituation.InInstitution;
        var manual = KeyGroups.None;
        var incomeRoll = random.NextDouble();
        if (incomeRoll < 0.06)
        {
            manual |= KeyGroups.LowIncome;
        }
        else if (incomeRoll < 0.075)
        {
            manual |= KeyGroups.Destitute;
        }

        var isVillage = village.Code[9] == '2';
        var address = isVillage
            ? $"天津市西青区{streetNames[village.ParentCode!]}{village.Name}{random.Next(1, 30)}排{random.Next(1, 20)}号"
            : $"天津市西青区{streetNames[village.ParentCode!]}{village.Name.Replace("社区", string.Empty, StringComparison.Ordinal)}{random.Next(1, 40)}号楼{random.Next(1, 6)}门{random.Next(1, 18)}0{random.Next(1, 4)}";
        var elder = new Elder
        {
            Name = name,
            Gender = gender,
            IdNumber = idNumber,
            BirthDate = birth,
            Phone = random.NextDouble() < 0.8 ? RandomMobile(random) : $"022-27{random.Next(100000, 999999)}",
            Address = address,
            RegionCode = village.Code,
            LivingSituation = living,
            CareLevel = careLevel,
            HealthNotes = careLevel >= 2 ? "高血压，需定期测量血压" : random.NextDouble() < 0.3 ? "糖尿病，饮食控糖" : null,
            CreatedAtUtc = now,
        };
        var contacts = living == LivingSituation.Alone ? 1 : random.Next(1, 3);
        for (var c = 0; c < contacts; c++)
        {
            elder.EmergencyContacts.Add(new EmergencyContact
            {
                Name = name[0] + (random.NextDouble() < 0.5 ? MaleGiven[random.Next(MaleGiven.Length)] : FemaleGiven[random.Next(FemaleGiven.Length)]),
                Relation = Relations[random.Next(Relations.Length)],
                Phone = RandomMobile(random),
            });
        }

        elder.Refresh(manual, now, personalData.Hash);
        var statusRoll = random.NextDouble();
        if (statusRoll < 0.015)
        {
            elder.ChangeStatus(ElderStatus.Deceased, today.AddDays(-random.Next(1, 700)), today, now);
        }
        else if (statusRoll < 0.03)
        {
            elder.ChangeStatus(ElderStatus.MovedOut, today.AddDays(-random.Next(1, 700)), today, now);
        }

        return elder;
    }

    private static string RandomMobile(Random random)
    {
        string[] prefixes = ["130", "131", "132", "135", "136", "138", "139", "150", "151", "152", "155", "158", "186", "187", "189"];
        return prefixes[random.Next(prefixes.Length)] + random.Next(10_000_000, 99_999_999).ToString(System.Globalization.CultureInfo.InvariantCulture);
    }
}
