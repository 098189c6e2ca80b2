using Microsoft.EntityFrameworkCore;
using SmartEldercare.Platform.Common;
using SmartEldercare.Platform.Elders;
using SmartEldercare.Platform.Persistence;
using SmartEldercare.Platform.Regions;
using SmartEldercare.Platform.Seeding;
using SmartEldercare.Social.Activities;

namespace SmartEldercare.Social;

/// <summary>
/// Demo data of the social module: senior classes (the digital-skills track included) in 杨柳青镇 and 中北镇 with
/// enrolments and some attendance in 英伦名苑社区 (the demo account <c>village</c>), so the coverage has content.
/// </summary>
public sealed class SocialDemoData(IDbContextFactory<EldercareDbContext> dbs, TimeProvider clock) : IModuleDemoData
{
    public const string SmartphoneClass = "智能手机入门班";

    private const string Yinglun = RegionCatalog.YinglunMingyuanCode;

    public async Task SeedAsync(CancellationToken ct = default)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        if (await db.Set<Activity>().AnyAsync(ct))
        {
            return;
        }

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
