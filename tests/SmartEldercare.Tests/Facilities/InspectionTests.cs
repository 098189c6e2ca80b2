using FluentValidation;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SmartEldercare.Facilities.Features.Inspections;
using SmartEldercare.Facilities.Inspections;
using SmartEldercare.Platform.Common;
using SmartEldercare.Tests.Infrastructure;

namespace SmartEldercare.Tests.Facilities;

public sealed class InspectionTests
{
    private static readonly byte[] Png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52];

    internal static RecordInspection.Command Inspection(FacilityWorld world, int score = 82, params RecordInspection.Finding[] findings) => new()
    {
        OrganisationId = world.Home, TemplateId = world.Templates[TemplateKind.NineHazards], Score = score, Notes = "例行检查", Findings = [.. findings],
    };

    internal static RecordInspection.Finding Finding(RiskLevel risk, DateTime? deadline = null) =>
        new() { ChecklistItem = "防跌倒：地面防滑、扶手、夜灯", Description = "二楼走廊夜灯损坏", Risk = risk, DeadlineUtc = deadline };

    [Theory]
    [InlineData(RiskLevel.Major, 24)]
    [InlineData(RiskLevel.High, 72)]
    [InlineData(RiskLevel.Medium, 168)]
    [InlineData(RiskLevel.Low, 360)]
    public void The_rectification_deadline_follows_the_risk_level(RiskLevel risk, int hours) =>
        Assert.Equal(TimeSpan.FromHours(hours), Hazard.TimeToFix(risk));

    [Theory]
    [InlineData(TestProvider.Sqlite)]
    [InlineData(TestProvider.PostgreSql)]
    public async Task A_finding_becomes_a_hazard_the_facility_fixes_with_evidence_and_the_inspector_verifies_or_reopens(TestProvider provider)
    {
        await using var world = await FacilityWorld.CreateAsync(provider);
        var now = world.App.Clock.GetUtcNow().UtcDateTime;
        var command = Inspection(world, 82, Finding(RiskLevel.Major), Finding(RiskLevel.Low, now.AddDays(2)));
        command.Evidence = [new Upload("走廊.png", Png)];
        var id = await world.App.As(TestUsers.District, m => m.Send(command));
        Assert.True(id.IsSuccess, id.Message);

        var history = (await world.App.As(world.Manager, m => m.Send(new GetInspections.Query(world.Home)))).Value!;
        var inspection = Assert.Single(history.Inspections);
        Assert.Equal((82, 2, "走廊.png"), (inspection.Score, inspection.Findings, inspection.Evidence.Single().FileName));
        var major = history.Hazards.Single(h => h.Risk == RiskLevel.Major);
        Assert.Equal((now.AddHours(24), HazardStatus.Open), (major.DeadlineUtc, major.Status));
        Assert.Equal(now.AddDays(2), history.Hazards.Single(h => h.Risk == RiskLevel.Low).DeadlineUtc);
        var file = (await world.App.As(world.Manager, m => m.Send(new GetEvidence.Query(inspection.Evidence[0].Id)))).Value!;
        Assert.Equal("image/png", file.ContentType);
        Assert.Equal(Png, file.Content);

        var fix = new RecordFix.Command { HazardId = major.Id, Note = "已更换夜灯", Evidence = [new Upload("fix.pdf", "%PDF-1.7 demo"u8.ToArray())] };
        Assert.True((await world.App.As(world.Manager, m => m.Send(fix))).IsSuccess);
        Assert.Equal(ResultStatus.Conflict, (await world.App.As(world.Manager, m => m.Send(fix))).Status);
        Assert.True((await world.App.As(TestUsers.Street, m => m.Send(new ReviewFix.Command(major.Id, Accept: false, Note: "仍有一处未更换")))).IsSuccess);
        var reopened = (await world.App.As(TestUsers.Street, m => m.Send(new GetInspections.Query(world.Home)))).Value!.Hazards.Single(h => h.Id == major.Id);
        Assert.Equal((HazardStatus.Open, 1, now.AddHours(24)), (reopened.Status, reopened.Reopened, reopened.DeadlineUtc));
        Assert.Equal("application/pdf", reopened.FixEvidence.Single().ContentType);

        Assert.True((await world.App.As(world.Manager, m => m.Send(new RecordFix.Command { HazardId = major.Id, Note = "全部更换" }))).IsSuccess);
        Assert.True((await world.App.As(TestUsers.Street, m => m.Send(new ReviewFix.Command(major.Id, Accept: true)))).IsSuccess);
        Assert.Equal(HazardStatus.Verified, await world.App.Db(db => db.Set<Hazard>().Where(h => h.Id == major.Id).Select(h => h.Status).SingleAsync()));
        await Eventually.Until(() => world.Pushed("facility.hazard.raised") && world.Pushed("facility.hazard.fixed") && world.Pushed("facility.hazard.verified"), "hazard steps pushed");
    }

    [Fact]
    public async Task Scores_outside_0_to_100_past_deadlines_and_files_that_are_not_images_or_PDF_or_over_10_MB_are_refused_and_nothing_is_written()
    {
        await using var world = await FacilityWorld.CreateAsync();
        var now = world.App.Clock.GetUtcNow().UtcDateTime;

        async Task<string[]> Refused(RecordInspection.Command command) =>
            [.. (await Assert.ThrowsAsync<ValidationException>(() => world.App.As(TestUsers.District, m => m.Send(command)))).Errors.Select(e => e.ErrorMessage)];

        Assert.Contains("检查得分应为0至100分", await Refused(Inspection(world, 101)));
        Assert.Contains("检查得分应为0至100分", await Refused(Inspection(world, -1)));
        Assert.Contains("整改期限不能早于当前时间", await Refused(Inspection(world, 90, Finding(RiskLevel.High, now.AddMinutes(-1)))));
        var exe = Inspection(world);
        exe.Evidence = [new Upload("photo.jpg", "MZ\u0090\0 not a picture"u8.ToArray())];
        Assert.Contains("只能上传图片（JPG、PNG、GIF、WebP）或PDF：photo.jpg", await Refused(exe));
        var big = Inspection(world);
        var content = new byte[EvidenceRules.MaxBytes + 1];
        Png.CopyTo(content, 0);
        big.Evidence = [new Upload("big.png", content)];
        Assert.Contains("文件超过10 MB：big.png", await Refused(big));

        Assert.False(await world.App.Db(db => db.Set<Inspection>().AnyAsync()));
        Assert.False(await world.App.Db(db => db.Set<EvidenceFile>().AnyAsync()));
        var directory = world.App.Services.GetRequiredService<SmartEldercare.Facilities.FacilitiesOptions>().EvidenceDirectory;
        Assert.False(Directory.Exists(directory) && Directory.EnumerateFiles(directory).Any());

        // Within the limits: exactly 10 MB is fine, and JPEG, GIF, WebP signatures are recognised.
        Assert.Null(EvidenceRules.Problem(new Upload("ok.png", content[..(int)EvidenceRules.MaxBytes])));
        Assert.Equal("image/jpeg", EvidenceRules.ContentTypeOf([0xFF, 0xD8, 0xFF, 0xE0]));
        Assert.Equal("image/gif", EvidenceRules.ContentTypeOf("GIF89a.."u8));
        Assert.Equal("image/webp", EvidenceRules.ContentTypeOf("RIFF\0\0\0\0WEBPVP8 "u8));
        Assert.Null(EvidenceRules.ContentTypeOf("<svg xmlns="u8));
    }

    [Fact]
    public async Task An_overdue_hazard_escalates_once_to_the_street_and_district_consoles()
    {
        await using var world = await FacilityWorld.CreateAsync();
        Assert.True((await world.App.As(TestUsers.District, m => m.Send(Inspection(world, 70, Finding(RiskLevel.Major))))).IsSuccess);
        var escalation = world.App.Services.GetRequiredService<HazardEscalation>();

        world.App.Clock.Advance(TimeSpan.FromHours(23));
        Assert.Equal(0, await escalation.RunOnceAsync(TestContext.Current.CancellationToken));
        world.App.Clock.Advance(TimeSpan.FromHours(2));
        Assert.Equal(1, await escalation.RunOnceAsync(TestContext.Current.CancellationToken));
        Assert.Equal(0, await escalation.RunOnceAsync(TestContext.Current.CancellationToken));
        await Eventually.Until(() => world.Pushed("facility.hazard.overdue"), "the overdue hazard on the street console");
        var hazard = (await world.App.As(TestUsers.District, m => m.Send(new GetInspections.Query(world.Home)))).Value!.Hazards.Single();
        Assert.True(hazard.Overdue);

        // Fixed late, reopened: a new deadline, and it may escalate again when that passes.
        Assert.True((await world.App.As(world.Manager, m => m.Send(new RecordFix.Command { HazardId = hazard.Id, Note = "已清理" }))).IsSuccess);
        Assert.True((await world.App.As(TestUsers.Street, m => m.Send(new ReviewFix.Command(hazard.Id, false, "未清理干净")))).IsSuccess);
        Assert.Equal(0, await escalation.RunOnceAsync(TestContext.Current.CancellationToken));
        world.App.Clock.Advance(TimeSpan.FromHours(25));
        Assert.Equal(1, await escalation.RunOnceAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Templates_are_edited_by_admins_only()
    {
        await using var world = await FacilityWorld.CreateAsync();
        var templates = await world.App.As(world.Manager, m => m.Send(new ListTemplates.Query()));
        Assert.Equal(9, templates.Single(t => t.Kind == TemplateKind.NineHazards).Items.Count);
        var edit = new SaveTemplate.Command { Id = world.Templates[TemplateKind.FireSafety], Name = "消防安全检查表（2026版）", Kind = TemplateKind.FireSafety, ItemsText = "疏散通道畅通\n\n 灭火器有效 \n" };
        Assert.True((await world.App.As(TestUsers.District, m => m.Send(edit))).IsSuccess);
        Assert.Equal(["疏散通道畅通", "灭火器有效"], (await world.App.As(TestUsers.Street, m => m.Send(new ListTemplates.Query()))).Single(t => t.Kind == TemplateKind.FireSafety).Items);
        await Assert.ThrowsAsync<SmartEldercare.Platform.Behaviors.ForbiddenException>(() => world.App.As(TestUsers.Street, m => m.Send(edit)));
    }
}
