using Microsoft.Extensions.Logging;
using SmartEldercare.Facilities.Beds;
using SmartEldercare.Facilities.Inspections;
using SmartEldercare.Facilities.Institutions;
using SmartEldercare.Facilities.Staff;
using SmartEldercare.Platform.Elders;
using SmartEldercare.Platform.Organisations;
using SmartEldercare.Platform.Seeding;

namespace SmartEldercare.Facilities;

/// <summary>
/// Demo data of facility supervision (the three checklist templates are model seed data): for a handful of institutions
/// a profile, beds with residents from the registry, staff with today's shifts, and one inspection with hazards.
/// </summary>
public sealed class FacilitiesDemoData(IDbContextFactory<EldercareDbContext> dbs, TimeProvider clock, ILogger<FacilitiesDemoData> logger) : IModuleDemoData
{
    /// <summary>The default templates, for a database made without migrations; a migrated one has them already.</summary>
    public static async Task SeedTemplatesAsync(EldercareDbContext db, CancellationToken ct)
    {
        if (await db.Set<ChecklistTemplate>().AnyAsync(ct))
        {
            return;
        }

        db.AddRange(ChecklistTemplate.Defaults().Select(t => new ChecklistTemplate { Name = t.Name, Kind = t.Kind, ItemsText = t.ItemsText }));
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
        logger.LogInformation("Seeded facility supervision: {Institutions} institutions with beds, staff and inspections", institutions.Count);
    }
}
