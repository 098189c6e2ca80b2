using SmartEldercare.HealthLink.Partners;
using SmartEldercare.Platform.Elders;
using SmartEldercare.Platform.Privacy;
using SmartEldercare.Platform.Seeding;

namespace SmartEldercare.HealthLink;

/// <summary>
/// Demo data: the health department's partner client <c>xq-health</c> with the demo secret
/// <see cref="DemoSecret"/>, and in 英伦名苑社区 (the demo account <c>village</c>) one death report waiting for
/// confirmation and an applied admission, plus one unmatched event for the district's review.
/// </summary>
public sealed class HealthLinkDemoData(IDbContextFactory<EldercareDbContext> dbs, PersonalDataProtector personalData, TimeProvider clock) : IModuleDemoData
{
    public const string DemoClientId = "xq-health";
    public const string DemoSecret = "Eldercare#2026-health";

    public async Task SeedAsync(CancellationToken ct = default)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        if (await db.Set<PartnerClient>().AnyAsync(c => c.ClientId == DemoClientId, ct))
        {
            return;
        }

        var now = clock.UtcNow();
        var client = new PartnerClient { ClientId = DemoClientId, Name = "西青区卫健委健康信息平台", Capabilities = PartnerCapabilities.All, CreatedAtUtc = now };
        client.SetSecret(DemoSecret);
        db.Add(client);

        var today = clock.Today();
        var elders = await db.Elders.AsNoTracking().Where(e => e.RegionCode == RegionCatalog.YinglunMingyuanCode && e.Status == ElderStatus.Active)
            .OrderByDescending(e => e.BirthDate).ThenBy(e => e.Id).Select(e => new { e.Id, e.RegionCode, e.IdNumber }).Take(2).ToListAsync(ct);
        var i = 0;
        foreach (var (elder, type, status) in elders.Zip(new[] { (PartnerEventType.Death, PartnerEventStatus.AwaitingConfirmation), (PartnerEventType.FamilyDoctorContract, PartnerEventStatus.Applied) },
            (e, t) => (e, t.Item1, t.Item2)))
        {
            i++;
            db.Add(new PartnerEvent
            {
                ClientId = DemoClientId, EventId = $"DEMO-{i:D4}", Type = type, IdNumberHash = personalData.Hash(elder.IdNumber), IdNumberTail = elder.IdNumber[^4..],
                ElderId = elder.Id, RegionCode = elder.RegionCode, OccurredOn = today.AddDays(-1), Facility = type == PartnerEventType.Death ? "西青医院" : "杨柳青镇社区卫生服务中心",
                Doctor = type == PartnerEventType.FamilyDoctorContract ? "李医生" : null, EndsOn = type == PartnerEventType.FamilyDoctorContract ? today.AddYears(1) : null,
                Status = status, ReceivedAtUtc = now.AddHours(-i),
            });
        }

        db.Add(new PartnerEvent
        {
            ClientId = DemoClientId, EventId = "DEMO-0099", Type = PartnerEventType.Admission, IdNumberHash = personalData.Hash("120111193001010012"), IdNumberTail = "0012",
            OccurredOn = today.AddDays(-2), Facility = "天津市第一中心医院", Status = PartnerEventStatus.Unmatched, ReceivedAtUtc = now.AddHours(-5),
        });
        await db.SaveChangesAsync(ct);
    }
}
