using SmartEldercare.Platform.Elders;
using SmartEldercare.Platform.Seeding;
using SmartEldercare.Platform.Organisations;
using SmartEldercare.Social.Activities;
using SmartEldercare.Social.Canteens;
using SmartEldercare.Social.Charities;
using SmartEldercare.Social.Circle;
using SmartEldercare.Social.Volunteers;

namespace SmartEldercare.Social;

/// <summary>
/// Demo data of the social module: senior classes (the digital-skills track included) in 杨柳青镇 and 中北镇 with
/// enrolments and some attendance in 英伦名苑社区 (the demo account <c>village</c>), so the coverage has content.
/// </summary>
public sealed class SocialDemoData(IDbContextFactory<EldercareDbContext> dbs, SocialOptions options, TimeProvider clock) : IModuleDemoData
{
    public const string SmartphoneClass = "智能手机入门班";

    private const string Yinglun = RegionCatalog.YinglunMingyuanCode;

    public async Task SeedAsync(CancellationToken ct = default)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        if (!await db.Set<Activity>().AnyAsync(ct))
        {
            await SeedActivitiesAsync(db, ct);
        }

        if (!await db.Set<CommunityPoint>().AnyAsync(ct))
        {
            await SeedCircleAsync(db, ct);
        }

        if (!await db.Set<Volunteer>().AnyAsync(ct))
        {
            await SeedVolunteersAsync(db, ct);
        }

        if (!await db.Set<MealDay>().AnyAsync(ct))
        {
            await SeedMealsAsync(db, ct);
        }

        if (!await db.Set<Charity>().AnyAsync(ct))
        {
            await SeedCharitiesAsync(db, ct);
        }
    }

    private async Task SeedCharitiesAsync(EldercareDbContext db, CancellationToken ct)
    {
        var now = clock.UtcNow();
        var today = clock.Today();
        (string Name, string Region, string Offers)[] demo =
        [
            ("西青区慈善协会", RegionCatalog.DistrictCode, "困难老人节日慰问、助医助困"),
            ("杨柳青镇夕阳红志愿服务队", RegionCatalog.YangliuqingCode, "上门探访、代购代办"),
            ("英伦名苑社区邻里互助会", Yinglun, "邻里守望、独居老人结对"),
            ("中北镇银龄关爱社工站", RegionCatalog.ZhongbeiCode, "心理疏导、防诈骗讲座"),
        ];
        var i = 0;
        foreach (var (name, region, offers) in demo)
        {
            i++;
            var charity = new Charity { Name = name, RegionCode = region, Offers = offers, ContactName = "王老师", ContactPhone = $"1380000{i:0000}", CreatedAtUtc = now };
            db.Add(charity);
            for (var k = 1; k <= 3; k++)
            {
                db.Add(new CharityActivity
                {
                    CharityId = charity.Id, RegionCode = region, Date = today.AddDays(-10 * k - i), Title = k % 2 == 0 ? "重阳节慰问" : "健康讲座", Beneficiaries = 20 + 5 * k + i, RecordedBy = "demo",
                });
            }
        }

        await db.SaveChangesAsync(ct);
    }

    /// <summary>Every canteen's meals of the last 20 days, and subsidised meals of the eligible elders of its village.</summary>
    private async Task SeedMealsAsync(EldercareDbContext db, CancellationToken ct)
    {
        var now = clock.UtcNow();
        var today = clock.Today();
        var canteens = await db.Organisations.AsNoTracking().Where(o => o.Type == OrganisationType.Canteen).OrderBy(o => o.RegionCode).Select(o => new { o.Id, o.RegionCode }).ToListAsync(ct);
        var n = 0;
        foreach (var canteen in canteens)
        {
            n++;
            for (var d = 1; d <= 20; d++)
            {
                var date = today.AddDays(-d);
                db.Add(new MealDay { CanteenId = canteen.Id, RegionCode = canteen.RegionCode, Date = date, DineIn = 40 + (d * 7 + n * 3) % 25, Delivery = 10 + (d * 5 + n) % 12, RecordedBy = "demo", UpdatedAtUtc = now });
            }

            var elders = await db.Elders.AsNoTracking().Where(e => e.RegionCode == canteen.RegionCode && e.Status == ElderStatus.Active)
                .OrderBy(e => e.BirthDate).ThenBy(e => e.Id).Select(e => new { e.Id, e.Name, e.RegionCode, e.KeyGroups, e.BirthDate }).Take(20).ToListAsync(ct);
            var eligible = elders.Select(e => (Elder: e, Subsidy: MealSubsidy.For(e.KeyGroups, ShanghaiTime.AgeOn(e.BirthDate, today), options.MealSubsidyFen)))
                .Where(x => x.Subsidy is not null).Take(5).ToList();
            for (var d = 1; d <= 10; d++)
            {
                foreach (var (elder, subsidy) in eligible)
                {
                    db.Add(new SubsidisedMeal
                    {
                        CanteenId = canteen.Id, RegionCode = canteen.RegionCode, ElderId = elder.Id, ElderName = elder.Name, ElderRegionCode = elder.RegionCode, Date = today.AddDays(-d),
                        Mode = d % 3 == 0 ? MealMode.Delivery : MealMode.DineIn, SubsidyGroup = subsidy!.Value.Group, SubsidyFen = subsidy.Value.Fen, RecordedBy = "demo",
                    });
                }
            }
        }

        await db.SaveChangesAsync(ct);
    }

    private static readonly (string Name, string Region, string Skills)[] DemoVolunteers =
    [
        ("李志强", Yinglun, "陪同就医、手机教学"), ("赵美玲", Yinglun, "理发、助餐"), ("孙建华", "120111100002", "家电维修"),
        ("周晓燕", "120111100003", "心理陪伴、读报"), ("吴国平", RegionCatalog.XihuayuanCode, "法律咨询"), ("郑丽娟", "120111101002", "手机教学、代购"),
    ];

    /// <summary>Volunteers with confirmed hours (earned into the time bank), one redemption and one service awaiting confirmation.</summary>
    private async Task SeedVolunteersAsync(EldercareDbContext db, CancellationToken ct)
    {
        var now = clock.UtcNow();
        var today = clock.Today();
        var i = 0;
        foreach (var (name, region, skills) in DemoVolunteers)
        {
            i++;
            var volunteer = new Volunteer { Name = name, Phone = $"1390000{i:0000}", Skills = skills, Availability = i % 2 == 0 ? "周末" : "工作日上午", RegionCode = region, CreatedAtUtc = now.AddDays(-60) };
            db.Add(volunteer);
            for (var k = 0; k < i % 4 + 2; k++)
            {
                var start = ShanghaiTime.ToUtc(today.AddDays(-7 * (k + 1) - i)).AddHours(9);
                var record = new ServiceRecord
                {
                    VolunteerId = volunteer.Id, VolunteerName = name, RegionCode = region, Description = k % 2 == 0 ? "上门陪伴聊天" : "协助老年大学上课",
                    StartUtc = start, EndUtc = start.AddMinutes(60 + 30 * (k % 3)), Minutes = 60 + 30 * (k % 3), RecordedBy = "demo", RecordedAtUtc = start.AddHours(3),
                };
                record.Confirm(true, "demo", start.AddHours(5));
                db.Add(record);
                db.Add(volunteer.Earn(record, "demo", start.AddHours(5)));
            }

            if (i == 1)
            {
                db.Add(volunteer.Spend(LedgerKind.Redeemed, 60, null, "兑换上门理发一次", "demo", now.AddDays(-2)).Value!);
                var start = ShanghaiTime.ToUtc(today.AddDays(-1)).AddHours(14);
                db.Add(new ServiceRecord
                {
                    VolunteerId = volunteer.Id, VolunteerName = name, RegionCode = region, Description = "陪同老人就医", StartUtc = start, EndUtc = start.AddMinutes(120),
                    Minutes = 120, RecordedBy = "英伦名苑社区 张丽", RecordedAtUtc = start.AddHours(3),
                });
            }
        }

        await db.SaveChangesAsync(ct);
    }

    /// <summary>
    /// A demo point per village: a grid per street (about 500 m between neighbours), streets apart from each other,
    /// all inside 西青区's bounding box. Villages numbered from 201 sit after the communities.
    /// </summary>
    public static (double Latitude, double Longitude) DemoPoint(string villageCode)
    {
        var street = RegionCatalog.All.Where(r => r.Level == RegionLevel.Street).OrderBy(r => r.SortOrder).Select(r => r.Code).ToList().IndexOf(villageCode[..9]);
        var index = int.Parse(villageCode[^3..], System.Globalization.CultureInfo.InvariantCulture) + (villageCode[9] == '2' ? 5 : 0);
        return (39.0500 + (street % 3) * 0.0400 + (index % 4) * 0.0045, 117.0000 + (street / 3) * 0.0600 + (index / 4) * 0.0060);
    }

    private async Task SeedCircleAsync(EldercareDbContext db, CancellationToken ct)
    {
        var now = clock.UtcNow();
        var villages = RegionCatalog.All.Where(r => r.Level == RegionLevel.Village).ToList();
        foreach (var v in villages)
        {
            var (lat, lon) = DemoPoint(v.Code);
            db.Add(new CommunityPoint { RegionCode = v.Code, Latitude = lat, Longitude = lon, UpdatedAtUtc = now });
        }

        // The platform's organisations on the map, next to their village's point.
        var organisations = await db.Organisations.AsNoTracking().Where(o => o.RegionCode.Length == 12).OrderBy(o => o.Name).ToListAsync(ct);
        var i = 0;
        foreach (var o in organisations)
        {
            var (lat, lon) = DemoPoint(o.RegionCode);
            i++;
            db.Add(new ServiceResource
            {
                Name = o.Name, RegionCode = o.RegionCode, OrganisationId = o.Id, Address = o.Address, Latitude = lat + 0.0008 * (i % 3), Longitude = lon - 0.0007 * (i % 2), UpdatedAtUtc = now,
                Type = o.Type switch
                {
                    OrganisationType.Institution => ResourceType.Institution,
                    OrganisationType.DayCareCentre => ResourceType.DayCareCentre,
                    OrganisationType.Canteen => ResourceType.Canteen,
                    _ => ResourceType.ServiceProvider,
                },
            });
        }

        // Clinics and activity venues in every other community of the first streets: the rest show gaps.
        foreach (var v in villages.Where(v => v.Code.StartsWith(RegionCatalog.YangliuqingCode, StringComparison.Ordinal) || v.Code.StartsWith(RegionCatalog.ZhongbeiCode, StringComparison.Ordinal)))
        {
            var n = int.Parse(v.Code[^3..], System.Globalization.CultureInfo.InvariantCulture);
            var (lat, lon) = DemoPoint(v.Code);
            if (n % 2 == 1)
            {
                db.Add(new ServiceResource { Name = $"{v.Name}卫生服务站", Type = ResourceType.Clinic, RegionCode = v.Code, Latitude = lat - 0.0005, Longitude = lon + 0.0004, UpdatedAtUtc = now, Offers = "慢病随访、家庭医生签约" });
            }

            if (n < 200)
            {
                db.Add(new ServiceResource { Name = $"{v.Name}党群服务中心", Type = ResourceType.ActivityVenue, RegionCode = v.Code, Latitude = lat + 0.0003, Longitude = lon + 0.0002, UpdatedAtUtc = now, Offers = "老年大学教室、棋牌室" });
            }
        }

        await db.SaveChangesAsync(ct);
    }

    private async Task SeedActivitiesAsync(EldercareDbContext db, CancellationToken ct)
    {

        var now = clock.UtcNow();
        var today = clock.Today();
        // Weekly classes that started three weeks ago: the fourth session is today at 09:30.
        var firstDay = ShanghaiTime.ToUtc(today.AddDays(-21)).AddHours(9.5);
        var elders = await db.Elders.AsNoTracking().Where(e => e.RegionCode == Yinglun && e.Status == ElderStatus.Active)
            .OrderBy(e => e.BirthDate).ThenBy(e => e.Id).Select(e => new { e.Id, e.Name, e.RegionCode }).Take(8).ToListAsync(ct);

        Activity Make(string title, ActivityKind kind, ActivityTrack track, string region, string venue, int capacity, int sessions, double startOffsetDays)
        {
            var activity = new Activity
            {
                Title = title, Kind = kind, Track = track, RegionCode = region, VenueName = venue, Capacity = capacity, CreatedAtUtc = now, CreatedBy = "demo",
            };
            for (var i = 0; i < sessions; i++)
            {
                var start = firstDay.AddDays(startOffsetDays + 7 * i);
                activity.Sessions.Add(new ActivitySession { ActivityId = activity.Id, StartsAtUtc = start, EndsAtUtc = start.AddMinutes(90) });
            }

            db.Add(activity);
            return activity;
        }

        var smartphone = Make(SmartphoneClass, ActivityKind.Course, ActivityTrack.SmartphoneBasics, Yinglun, "英伦名苑社区党群服务中心", 20, 8, 0);
        Make("智慧出行：手机打车与乘车码", ActivityKind.Course, ActivityTrack.SmartTravel, RegionCatalog.YangliuqingCode, "杨柳青镇老年大学", 30, 6, 1);
        Make("掌上金融：手机支付与防诈骗", ActivityKind.Course, ActivityTrack.MobileFinance, RegionCatalog.XihuayuanCode, "溪华苑社区活动室", 15, 6, 2);
        Make("手机购物入门", ActivityKind.Course, ActivityTrack.MobileShopping, "120111100002", "柳霞园社区活动室", 20, 4, 3);
        var calligraphy = Make("书法兴趣班", ActivityKind.Course, ActivityTrack.General, Yinglun, "英伦名苑社区党群服务中心", 2, 10, 4);
        Make("重阳节游园会", ActivityKind.Event, ActivityTrack.General, RegionCatalog.YangliuqingCode, "杨柳青镇文化站", 100, 1, 30);

        var enrolments = new List<Enrolment>();
        foreach (var (elder, i) in elders.Take(5).Select((e, i) => (e, i)))
        {
            var enrolment = new Enrolment { ActivityId = smartphone.Id, ElderId = elder.Id, ElderName = elder.Name, RegionCode = elder.RegionCode, RecordedBy = "英伦名苑社区 张丽" };
            smartphone.Admit(enrolment, now.AddMinutes(-100 + i));
            enrolments.Add(enrolment);
        }

        // The calligraphy class is full, with a waiting list.
        foreach (var (elder, i) in elders.Skip(5).Select((e, i) => (e, i)))
        {
            var enrolment = new Enrolment { ActivityId = calligraphy.Id, ElderId = elder.Id, ElderName = elder.Name, RegionCode = elder.RegionCode, RecordedBy = "英伦名苑社区 张丽" };
            calligraphy.Admit(enrolment, now.AddMinutes(-50 + i));
            enrolments.Add(enrolment);
        }

        db.AddRange(enrolments);
        // Two of the smartphone class attended the first sessions: the coverage starts at two.
        foreach (var enrolment in enrolments.Where(e => e.ActivityId == smartphone.Id).Take(2))
        {
            foreach (var session in smartphone.Sessions.Take(2))
            {
                db.Add(new Attendance
                {
                    SessionId = session.Id, ActivityId = smartphone.Id, Track = smartphone.Track, ElderId = enrolment.ElderId, RegionCode = enrolment.RegionCode,
                    RecordedAtUtc = session.EndsAtUtc, RecordedBy = "英伦名苑社区 张丽",
                });
            }
        }

        await db.SaveChangesAsync(ct);
    }
}
