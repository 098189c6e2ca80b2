using FluentValidation;
using Microsoft.EntityFrameworkCore;
using MiniExcelLibs;
using SmartEldercare.Platform.Common;
using SmartEldercare.Platform.Elders;
using SmartEldercare.Platform.Regions;
using SmartEldercare.Tests.Infrastructure;
using SmartEldercare.Welfare.Allowance;
using SmartEldercare.Welfare.Features.Allowance;

namespace SmartEldercare.Tests.Welfare;

public sealed class AllowanceTests
{
    [Theory]
    [InlineData(TestProvider.Sqlite)]
    [InlineData(TestProvider.PostgreSql)]
    public async Task A_month_pays_each_eligible_elder_their_band_and_generating_again_gives_the_same_lists(TestProvider provider)
    {
        await using var world = await WelfareWorld.CreateAsync(provider);
        var turned80InOctober = await world.ElderAsync(new DateOnly(1946, 10, 31), name: "十月满八十");
        await world.ElderAsync(new DateOnly(1946, 11, 1), name: "十一月满八十");        // paid from December
        var leapNinety = await world.ElderAsync(new DateOnly(1936, 2, 29), name: "闰日九十");
        var hundred = await world.ElderAsync(new DateOnly(1926, 10, 15), name: "百岁");
        var diedInNovember = await world.ElderAsync(new DateOnly(1940, 3, 3), name: "十一月去世");
        await world.StatusAsync(diedInNovember, ElderStatus.Deceased, new DateOnly(2026, 11, 10));
        var diedInOctober = await world.ElderAsync(new DateOnly(1940, 3, 4), name: "十月去世");
        await world.StatusAsync(diedInOctober, ElderStatus.Deceased, new DateOnly(2026, 10, 20));
        var neighbour = await world.ElderAsync(new DateOnly(1930, 6, 1), region: TestUsers.YangliuqingVillage2, name: "邻村");
        await world.ElderAsync(new DateOnly(1930, 6, 1), region: RegionCatalog.XihuayuanCode, name: "中北");

        var result = (await world.As(TestUsers.Street, m => m.Send(new GenerateAllowanceMonth.Command(202611))))!;
        Assert.True(result.IsSuccess, result.Message);
        Assert.Equal((2, 5, 1100_00L), (result.Value!.Lists, result.Value.Elders, result.Value.Total));
        var month = await world.As(TestUsers.Street, m => m.Send(new ListAllowanceMonth.Query(202611)));
        Assert.Equal([(RegionCatalog.YinglunMingyuanCode, 4, 900_00L), (TestUsers.YangliuqingVillage2, 1, 200_00L)], month.Lists.Select(a => (a.RegionCode, a.Elders, a.Total)));
        var list = (await world.As(TestUsers.Village, m => m.Send(new GetAllowanceList.Query(month.Lists[0].Id)))).Value!;
        Assert.Equal(new DateOnly(2026, 10, 31), list.AgeDay);
        Assert.Equal([(hundred, 100, 100, 500_00L), (leapNinety, 90, 90, 200_00L), (diedInNovember, 86, 80, 100_00L), (turned80InOctober, 80, 80, 100_00L)],
            list.Lines.Select(x => (x.ElderId, x.Age, x.BandFromAge, x.Amount)));
        Assert.All(list.Lines, x => Assert.Matches(@"^\*{14}\d{3}[\dX]$", x.IdNumberMasked));
        Assert.DoesNotContain(neighbour, list.Lines.Select(x => x.ElderId));

        var lineIds = await world.App.Db(db => db.Set<AllowanceLine>().OrderBy(x => x.Id).Select(x => x.Id).ToListAsync());
        var again = await world.As(TestUsers.Street, m => m.Send(new GenerateAllowanceMonth.Command(202611)));
        Assert.Equal((2, 5, 1100_00L), (again.Value!.Lists, again.Value.Elders, again.Value.Total));
        Assert.Equal(lineIds, await world.App.Db(db => db.Set<AllowanceLine>().OrderBy(x => x.Id).Select(x => x.Id).ToListAsync()));
        Assert.Equal(2, await world.App.Db(db => db.Set<AllowanceList>().CountAsync()));
    }

    [Fact]
    public async Task A_future_month_is_refused_and_nothing_is_written_until_the_month_comes()
    {
        await using var world = await WelfareWorld.CreateAsync();
        await world.ElderAsync(new DateOnly(1940, 1, 1));
        var refused = await Assert.ThrowsAsync<ValidationException>(async () => await world.As(TestUsers.District, m => m.Send(new GenerateAllowanceMonth.Command(202612))));
        Assert.Equal("不能生成未来月份的发放名单。", refused.Errors.Single().ErrorMessage);
        Assert.Equal(0, await world.App.Db(db => db.Set<AllowanceList>().CountAsync()));

        world.App.Clock.Advance(TimeSpan.FromDays(3)); // 1 December in Shanghai
        Assert.True((await world.As(TestUsers.District, m => m.Send(new GenerateAllowanceMonth.Command(202612)))).IsSuccess);
        Assert.Equal(1, await world.App.Db(db => db.Set<AllowanceList>().CountAsync()));
    }

    [Fact]
    public async Task Lists_are_approved_village_then_street_then_district_each_once_and_an_approved_list_is_not_rewritten()
    {
        await using var world = await WelfareWorld.CreateAsync();
        await world.ElderAsync(new DateOnly(1940, 1, 1));
        await world.ElderAsync(new DateOnly(1941, 1, 1), region: TestUsers.YangliuqingVillage2);
        await world.As(TestUsers.District, m => m.Send(new GenerateAllowanceMonth.Command(202611)));
        var lists = (await world.As(TestUsers.District, m => m.Send(new ListAllowanceMonth.Query(202611)))).Lists;
        var mine = lists.Single(a => a.RegionCode == RegionCatalog.YinglunMingyuanCode).Id;

        var tooEarly = await world.As(TestUsers.District, m => m.Send(new ApproveAllowanceList.Command(mine)));
        Assert.Equal((ResultStatus.Conflict, "需先由下一级审核。"), (tooEarly.Status, tooEarly.Message));
        Assert.Equal(ResultStatus.NotFound, (await world.As(TestUsers.OtherVillage, m => m.Send(new ApproveAllowanceList.Command(mine)))).Status);
        Assert.True((await world.As(TestUsers.Village, m => m.Send(new ApproveAllowanceList.Command(mine)))).IsSuccess);
        var twice = await world.As(TestUsers.Village, m => m.Send(new ApproveAllowanceList.Command(mine)));
        Assert.Equal((ResultStatus.Conflict, "本级已审核，不能重复审核。"), (twice.Status, twice.Message));

        var street = await world.As(TestUsers.Street, m => m.Send(new ApproveAllowanceMonth.Command(202611)));
        Assert.Equal(1, street.Value); // the other village has not approved yet
        var streetAgain = await world.As(TestUsers.Street, m => m.Send(new ApproveAllowanceMonth.Command(202611)));
        Assert.Equal((ResultStatus.Conflict, "没有待本级审核的名单。"), (streetAgain.Status, streetAgain.Message));
        Assert.Equal(1, (await world.As(TestUsers.District, m => m.Send(new ApproveAllowanceMonth.Command(202611)))).Value);
        Assert.Equal(ResultStatus.Conflict, (await world.As(TestUsers.District, m => m.Send(new ApproveAllowanceList.Command(mine)))).Status);

        // Someone registered after approval does not change the approved list; the draft of the other village takes them.
        await world.ElderAsync(new DateOnly(1930, 1, 1));
        await world.ElderAsync(new DateOnly(1930, 1, 2), region: TestUsers.YangliuqingVillage2);
        await world.As(TestUsers.District, m => m.Send(new GenerateAllowanceMonth.Command(202611)));
        var after = (await world.As(TestUsers.District, m => m.Send(new ListAllowanceMonth.Query(202611)))).Lists;
        Assert.Equal([(RegionCatalog.YinglunMingyuanCode, AllowanceListStatus.DistrictApproved, 1, 100_00L), (TestUsers.YangliuqingVillage2, AllowanceListStatus.Draft, 2, 300_00L)],
            after.Select(a => (a.RegionCode, a.Status, a.Elders, a.Total)));

        var file = (await world.As(TestUsers.District, m => m.Send(new ExportAllowanceMonth.Query(202611)))).Value!;
        Assert.EndsWith(".xlsx", file.FileName, StringComparison.Ordinal);
        using var stream = new MemoryStream(file.Content);
        var sheets = MiniExcel.GetSheetNames(stream);
        Assert.Equal(["汇总", "发放明细"], sheets);
        var rows = stream.Query(useHeaderRow: true, sheetName: "发放明细").Cast<IDictionary<string, object>>().ToList();
        Assert.Equal(3, rows.Count);
        Assert.Equal(400m, rows.Sum(r => Convert.ToDecimal(r["月发放金额（元）"], System.Globalization.CultureInfo.InvariantCulture)));
        Assert.All(rows, r => Assert.StartsWith("**************", (string)r["身份证号"], StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_death_recorded_after_a_month_was_paid_produces_one_overpayment_to_recover()
    {
        await using var world = await WelfareWorld.CreateAsync();
        var elder = await world.ElderAsync(new DateOnly(1940, 1, 1), name: "晚报去世");
        await world.ElderAsync(new DateOnly(1941, 1, 1), name: "健在");
        await world.As(TestUsers.District, m => m.Send(new GenerateAllowanceMonth.Command(202610)));
        await world.As(TestUsers.Village, m => m.Send(new ApproveAllowanceMonth.Command(202610)));
        await world.As(TestUsers.Street, m => m.Send(new ApproveAllowanceMonth.Command(202610)));
        await world.As(TestUsers.District, m => m.Send(new ApproveAllowanceMonth.Command(202610)));

        await world.StatusAsync(elder, ElderStatus.Deceased, new DateOnly(2026, 9, 15)); // died before October, recorded now
        var november = await world.As(TestUsers.District, m => m.Send(new GenerateAllowanceMonth.Command(202611)));
        Assert.Equal((1, 1, 100_00L), (november.Value!.NewOverpayments, november.Value.Elders, november.Value.Total));
        var again = await world.As(TestUsers.District, m => m.Send(new GenerateAllowanceMonth.Command(202611)));
        Assert.Equal(0, again.Value!.NewOverpayments);

        var owed = await world.As(TestUsers.Village, m => m.Send(new ListOverpayments.Query()));
        Assert.Equal([(elder, 202610, 100_00L, ElderStatus.Deceased, new DateOnly(2026, 9, 15))], owed.Select(o => (o.ElderId, o.Month, o.Amount, o.Reason, o.StatusDate)));
        Assert.Empty(await world.As(TestUsers.Street2, m => m.Send(new ListOverpayments.Query())));
    }

    [Fact]
    public async Task Bands_are_configurable_and_bad_bands_are_refused()
    {
        await using var world = await WelfareWorld.CreateAsync();
        var bad = await Assert.ThrowsAsync<ValidationException>(async () => await world.As(TestUsers.District, m => m.Send(new SaveAllowanceBands.Command([new BandView(79, 50_00)]))));
        Assert.Contains(bad.Errors, e => e.ErrorMessage == "起始年龄应不低于80岁");
        await Assert.ThrowsAsync<ValidationException>(async () => await world.As(TestUsers.District, m => m.Send(new SaveAllowanceBands.Command([new BandView(80, 50_00), new BandView(80, 60_00)]))));
        Assert.True((await world.As(TestUsers.District, m => m.Send(new SaveAllowanceBands.Command([new BandView(80, 120_50), new BandView(95, 300_00)])))).IsSuccess);
        Assert.Equal([new BandView(80, 120_50), new BandView(95, 300_00)], await world.As(TestUsers.Village, m => m.Send(new ListAllowanceBands.Query())));

        await world.ElderAsync(new DateOnly(1930, 1, 1)); // 96: the 95 band
        await world.ElderAsync(new DateOnly(1936, 1, 1)); // 90: the 80 band now
        var result = await world.As(TestUsers.District, m => m.Send(new GenerateAllowanceMonth.Command(202611)));
        Assert.Equal(420_50, result.Value!.Total);
        await Assert.ThrowsAsync<SmartEldercare.Platform.Behaviors.ForbiddenException>(async () => await world.As(TestUsers.Village, m => m.Send(new SaveAllowanceBands.Command([new BandView(80, 1_00)]))));
    }
}
