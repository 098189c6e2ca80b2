using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using SmartEldercare.Facilities.Beds;
using SmartEldercare.Facilities.Inspections;
using SmartEldercare.Facilities.Institutions;
using SmartEldercare.Facilities.Staff;
using SmartEldercare.Platform.Common;
using SmartEldercare.Platform.Elders;
using SmartEldercare.Platform.Organisations;
using SmartEldercare.Platform.Persistence;
using SmartEldercare.Platform.Seeding;

namespace SmartEldercare.Facilities;

/// <summary>
/// Demo data of facility supervision: the three checklist templates (九防, fire, food), and for a handful of institutions
/// a profile, beds with residents from the registry, staff with today's shifts, and one inspection with hazards.
/// </summary>
public sealed class FacilitiesDemoData(IDbContextFactory<EldercareDbContext> dbs, TimeProvider clock, ILogger<FacilitiesDemoData> logger) : IModuleDemoData
{
    public const string NineHazardsName = "养老机构“九防”安全检查表";

    private static readonly (string Name, TemplateKind Kind, string Items)[] Templates =
    [
        (NineHazardsName, TemplateKind.NineHazards,
            "防噎食：高风险老人有评估与进食看护\n防食品药品误食：药品专柜加锁、分发核对\n防压疮：卧床老人定时翻身记录\n防烫伤：热水器与暖水瓶管理\n防坠床：床栏完好并按评估使用\n防跌倒：地面防滑、扶手、夜灯\n防走失：出入登记与定位设备\n防他伤和自伤：危险物品管控与情绪观察\n防文娱活动意外：活动前评估与现场看护"),
        ("消防安全检查表", TemplateKind.FireSafety,
            "疏散通道、安全出口畅通\n灭火器、消火栓在有效期内\n火灾自动报警系统运行正常\n电动车不进楼、不在室内充电\n夜间值班与防火巡查记录完整\n员工会报警、会疏散、会使用灭火器"),
        ("食品安全检查表", TemplateKind.FoodSafety,
            "食品经营许可证在有效期内\n从业人员健康证齐全\n食材进货查验与台账\n餐具清洗消毒\n食品留样48小时\n生熟分开、冷藏温度达标"),
    ];

    public static async Task SeedTemplatesAsync(EldercareDbContext db, CancellationToken ct)
    {
        if (await db.Set<ChecklistTemplate>().AnyAsync(ct))
        {
            return;
        }

        db.AddRange(Templates.Select(t => new ChecklistTemplate { Name = t.Name, Kind = t.Kind, ItemsText = t.Items }));
        await db.SaveChangesAsync(ct);
    }

    public async Task SeedAsync(CancellationToken ct = default)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        await SeedTemplatesAsync(db, ct);
        if (await db.Set<Bed>().AnyAsync(ct))
        {
            return;
        }

        var now = clock.UtcNow();
        var today = clock.Today();
        var institutions = await db.Organisations.AsNoTracking().Where(o => o.Type == OrganisationType.Institution).OrderBy(o => o.RegionCode).Take(5).ToListAsync(ct);
        var template = await db.Set<ChecklistTemplate>().AsNoTracking().FirstAsync(t => t.Kind == TemplateKind.NineHazards, ct);
        var random = new Random(51);
        var taken = new HashSet<Guid>();
        var index = 0;
        foreach (var org in institutions)
        {
            index++;
            db.Add(new FacilityProfile
            {
                OrganisationId = org.Id, RegionCode = org.RegionCode, LicenceNumber = org.LicenceNumber ?? $"津西养备{2020 + index}{index:000}",
                LicenceIssuer = "西青区民政局",
                // One licence runs out within the month, to show the warning.
                LicenceValidUntil = index == 2 ? today.AddDays(20) : today.AddYears(2).AddDays(index * 30),
                StarRating = 1 + index % 4, Capacity = 30, Services = "生活照料、康复护理、膳食服务、精神慰藉", ContactName = org.ContactName, ContactPhone = org.ContactPhone,
                UpdatedAtUtc = now,
            });
            var scope = org.RegionCode;
            var elders = await db.Elders.AsNoTracking().InScope(scope).Where(e => e.Status == ElderStatus.Active)
                .OrderBy(e => e.Id).Select(e => new { e.Id, e.CareLevel }).Take(40).ToListAsync(ct);
            var beds = Enumerable.Range(0, 24).Select(i => new Bed { OrganisationId = org.Id, RegionCode = org.RegionCode, Code = $"{101 + i / 2}-{1 + i % 2}" }).ToList();
            var residents = 12 + random.Next(10);
            foreach (var (bed, elder) in beds.Zip(elders.Where(e => taken.Add(e.Id)).Take(residents)))
            {
                var residency = new Residency
                {
                    OrganisationId = org.Id, RegionCode = org.RegionCode, BedId = bed.Id, ElderId = elder.Id, CareLevel = Math.Max(elder.CareLevel, random.Next(0, 5)),
                    AdmittedOn = today.AddDays(-random.Next(10, 900)),
                };
                bed.Admit(residency);
                db.Add(residency);
            }

            db.AddRange(beds);
            var staff = new List<StaffMember>();
            string[] names = ["李秀兰", "王春梅", "张淑芬", "刘桂香", "陈玉珍", "赵红霞", "孙立新", "周建华"];
            for (var i = 0; i < names.Length; i++)
            {
                var role = i < 5 ? StaffRole.Carer : i == 5 ? StaffRole.Nurse : i == 6 ? StaffRole.Doctor : StaffRole.SocialWorker;
                staff.Add(new StaffMember
                {
                    OrganisationId = org.Id, RegionCode = org.RegionCode, Name = names[i], Role = role,
                    Certificate = role == StaffRole.Carer ? "养老护理员职业技能等级证书" : role == StaffRole.Nurse ? "护士执业证书" : role == StaffRole.Doctor ? "医师执业证书" : "社会工作者职业资格证书",
                    CertificateValidUntil = i == 3 ? today.AddDays(-10) : today.AddYears(2),
                });
            }

            db.AddRange(staff);
            // Day shift: 3 carers (one fewer at the second institution), night shift: 1 — some boards show the warning.
            foreach (var (member, i) in staff.Where(s => s.Role == StaffRole.Carer).Select((s, i) => (s, i)))
            {
                if (i < (index == 2 ? 2 : 3))
                {
                    db.Add(new Shift { OrganisationId = org.Id, RegionCode = org.RegionCode, StaffId = member.Id, Date = today, Kind = ShiftKind.Day });
                }
                else if (i == 3)
                {
                    db.Add(new Shift { OrganisationId = org.Id, RegionCode = org.RegionCode, StaffId = member.Id, Date = today, Kind = ShiftKind.Night });
                }
            }

            if (index <= 3)
            {
                var inspection = new Inspection
                {
                    OrganisationId = org.Id, RegionCode = org.RegionCode, TemplateId = template.Id, TemplateName = template.Name, InspectorName = "区智慧养老服务中心 王敏",
                    InspectedAtUtc = now.AddDays(-10 * index), Score = 95 - 7 * index, Notes = "例行检查",
                };
                db.Add(inspection);
                db.Add(Hazard.Raise(inspection, "防跌倒：地面防滑、扶手、夜灯", "二楼走廊夜灯损坏两处", RiskLevel.Medium, null, inspection.InspectedAtUtc));
                if (index == 3)
                {
                    db.Add(Hazard.Raise(inspection, "疏散通道、安全出口畅通", "一楼安全出口堆放杂物", RiskLevel.Major, null, inspection.InspectedAtUtc));
                }
            }
        }

        await db.SaveChangesAsync(ct);
        logger.LogInformation("Seeded facility supervision: {Templates} templates, {Institutions} institutions with beds, staff and inspections", Templates.Length, institutions.Count);
    }
}
