using Bunit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SmartEldercare.Facilities;
using SmartEldercare.Facilities.Features.Board;
using SmartEldercare.Facilities.Features.Inspections;
using SmartEldercare.Facilities.Inspections;
using SmartEldercare.Platform.Organisations;
using SmartEldercare.Platform.Persistence;
using SmartEldercare.Platform.Regions;
using SmartEldercare.Tests.Infrastructure;

namespace SmartEldercare.Tests.Components;

public sealed class FacilityBoardComponentTests : IAsyncLifetime
{
    private ComponentTestContext ctx = null!;
    private Guid home;
    private Guid template;

    public async ValueTask InitializeAsync()
    {
        ctx = await ComponentTestContext.CreateAsync(TestUsers.District);
        var dbs = ctx.Services.GetRequiredService<IDbContextFactory<EldercareDbContext>>();
        await using var db = await dbs.CreateDbContextAsync(Xunit.TestContext.Current.CancellationToken);
        await FacilitiesDemoData.SeedTemplatesAsync(db, Xunit.TestContext.Current.CancellationToken);
        var org = new Organisation { Name = "杨柳青镇敬老院", Type = OrganisationType.Institution, RegionCode = RegionCatalog.YangliuqingCode, CreatedAtUtc = ctx.Clock.GetUtcNow().UtcDateTime };
        db.Organisations.Add(org);
        await db.SaveChangesAsync(Xunit.TestContext.Current.CancellationToken);
        home = org.Id;
        template = await db.Set<ChecklistTemplate>().Where(t => t.Kind == TemplateKind.NineHazards).Select(t => t.Id).SingleAsync(Xunit.TestContext.Current.CancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        await ctx.DisposeAsync();
        GC.SuppressFinalize(this);
    }

    [Fact]
    public async Task The_board_explains_the_risk_score_on_click_and_counts_a_new_hazard_without_a_reload()
    {
        var board = ctx.Render<SupervisionBoardPage>();
        var row = $"[data-institution-id='{home}']";
        board.WaitForAssertion(() => Assert.Equal("0", board.Find($"{row} [data-testid=board-open-hazards]").TextContent), TimeSpan.FromSeconds(5));

        board.Find($"{row} [data-testid=board-risk] .mud-chip-content, {row} [data-testid=board-risk]").Click();
        board.WaitForAssertion(() => Assert.Contains("许可/备案状态", board.Find("[data-testid=board-factors]").TextContent, StringComparison.Ordinal), TimeSpan.FromSeconds(5));
        Assert.Contains("90天内无检查", board.Find("[data-testid=board-factors]").TextContent, StringComparison.Ordinal);

        var inspection = new RecordInspection.Command
        {
            OrganisationId = home, TemplateId = template, Score = 60,
            Findings = [new RecordInspection.Finding { Description = "夜灯损坏", Risk = RiskLevel.Major }],
        };
        Assert.True((await ctx.Send(m => m.Send(inspection))).IsSuccess);
        board.WaitForAssertion(() => Assert.Equal("1", board.Find($"{row} [data-testid=board-open-hazards]").TextContent), TimeSpan.FromSeconds(5));
        Assert.Contains("最近检查得分", board.Find("[data-testid=board-factors]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_monthly_ranking_follows_a_new_inspection_live()
    {
        var ranking = ctx.Render<RankingPage>();
        ranking.WaitForAssertion(() => Assert.Contains("杨柳青镇敬老院", ranking.Markup, StringComparison.Ordinal), TimeSpan.FromSeconds(5));
        var row = ranking.FindAll("[data-testid=ranking-table] tbody tr").Single(r => r.TextContent.Contains("杨柳青镇敬老院", StringComparison.Ordinal));
        Assert.Equal("0", row.Children[2].TextContent);

        var inspection = new RecordInspection.Command
        {
            OrganisationId = home, TemplateId = template, Score = 70,
            Findings = [new RecordInspection.Finding { Description = "消防通道堵塞", Risk = RiskLevel.High }],
        };
        Assert.True((await ctx.Send(m => m.Send(inspection))).IsSuccess);
        ranking.WaitForAssertion(() =>
        {
            var updated = ranking.FindAll("[data-testid=ranking-table] tbody tr").Single(r => r.TextContent.Contains("杨柳青镇敬老院", StringComparison.Ordinal));
            Assert.Equal("1", updated.Children[2].TextContent);
            Assert.Equal("1", updated.Children[4].TextContent);
        }, TimeSpan.FromSeconds(5));
    }
}
