using FluentValidation;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MiniExcelLibs;
using SmartEldercare.Platform.Common;
using SmartEldercare.Platform.Elders;
using SmartEldercare.Platform.Organisations;
using SmartEldercare.Platform.Persistence;
using SmartEldercare.Platform.Regions;
using SmartEldercare.Social.Canteens;
using SmartEldercare.Social.Features.Canteens;
using SmartEldercare.Tests.Infrastructure;

namespace SmartEldercare.Tests.Social;

public sealed class CanteenTests
{
    private static readonly DateOnly Today = new(2026, 11, 28);

    private static async Task<Guid> CanteenAsync(SocialWorld world, string region = RegionCatalog.YinglunMingyuanCode)
    {
        var dbs = world.App.Services.GetRequiredService<IDbContextFactory<EldercareDbContext>>();
        await using var db = await dbs.CreateDbContextAsync();
        var canteen = new Organisation { Name = "英伦名苑老人家食堂", Type = OrganisationType.Canteen, RegionCode = region, CreatedAtUtc = DateTime.UtcNow };
        db.Organisations.Add(canteen);
        await db.SaveChangesAsync();
        return canteen.Id;
    }

    [Fact]
    public void The_subsidy_is_the_highest_amount_among_the_elders_groups()
    {
        var amounts = new Dictionary<string, long>(StringComparer.Ordinal) { ["Aged80"] = 300, ["LivingAlone"] = 300, ["Disabled"] = 500, ["Destitute"] = 800 };
        Assert.Equal(("Aged80", 300L), MealSubsidy.For(KeyGroups.None, 85, amounts));
        Assert.Equal(("Disabled", 500L), MealSubsidy.For(KeyGroups.Disabled | KeyGroups.LivingAlone, 85, amounts));
        Assert.Equal(("Destitute", 800L), MealSubsidy.For(KeyGroups.Destitute, 70, amounts));
        Assert.Null(MealSubsidy.For(KeyGroups.None, 79, amounts));
        Assert.Null(MealSubsidy.For(KeyGroups.EmptyNest, 70, amounts)); // not configured
    }

    [Fact]
    public async Task Meals_and_subsidies_make_the_monthly_statement_and_its_excel_export()
    {
        await using var world = await SocialWorld.CreateAsync();
        var canteen = await CanteenAsync(world);
        var old = (await world.App.As(TestUsers.District, m => m.Send(NewElder.Command(name: "八十五岁", birth: new DateOnly(1941, 1, 1))))).Value;
        var young = (await world.App.As(TestUsers.District, m => m.Send(NewElder.Command(name: "六十五岁", birth: new DateOnly(1961, 1, 1))))).Value;

        Assert.True((await world.As(TestUsers.Village, m => m.Send(new RecordMealDay.Command(canteen, Today.AddDays(-1), 50, 12)))).IsSuccess);
        Assert.True((await world.As(TestUsers.Village, m => m.Send(new RecordMealDay.Command(canteen, Today, 40, 10)))).IsSuccess);
        Assert.True((await world.As(TestUsers.Village, m => m.Send(new RecordMealDay.Command(canteen, Today, 45, 10)))).IsSuccess); // corrected
        await Assert.ThrowsAsync<ValidationException>(async () => await world.As(TestUsers.Village, m => m.Send(new RecordMealDay.Command(canteen, Today, -1, 10))));
        await Assert.ThrowsAsync<ValidationException>(async () => await world.As(TestUsers.Village, m => m.Send(new RecordMealDay.Command(canteen, Today.AddDays(1), 1, 1))));

        var fen = await world.As(TestUsers.Village, m => m.Send(new RecordSubsidisedMeal.Command(canteen, old, Today, MealMode.DineIn)));
        Assert.Equal(300L, fen.Value);
        Assert.True((await world.As(TestUsers.Village, m => m.Send(new RecordSubsidisedMeal.Command(canteen, old, Today.AddDays(-1), MealMode.Delivery)))).IsSuccess);
        var twice = await world.As(TestUsers.Village, m => m.Send(new RecordSubsidisedMeal.Command(canteen, old, Today, MealMode.DineIn)));
        Assert.Equal((ResultStatus.Conflict, "该老人当天此方式的助餐已登记。"), (twice.Status, twice.Message));
        var notEligible = await world.As(TestUsers.Village, m => m.Send(new RecordSubsidisedMeal.Command(canteen, young, Today, MealMode.DineIn)));
        Assert.Equal((ResultStatus.Conflict, "该老人不属于助餐补贴对象。"), (notEligible.Status, notEligible.Message));

        var statement = (await world.As(TestUsers.Village, m => m.Send(new GetCanteenStatement.Query(canteen, 202611)))).Value!;
        Assert.Equal((95, 22, 600L, 2), (statement.DineIn, statement.Delivery, statement.SubsidyFen, statement.Lines.Count));
        var list = await world.As(TestUsers.Street, m => m.Send(new ListCanteens.Query(202611)));
        Assert.Equal((95, 22, 2, 600L), list.Select(c => (c.DineIn, c.Delivery, c.SubsidisedMeals, c.SubsidyFen)).Single());
        Assert.Equal(ResultStatus.NotFound, (await world.As(TestUsers.OtherVillage, m => m.Send(new GetCanteenStatement.Query(canteen, 202611)))).Status);
        Assert.Equal(ResultStatus.NotFound, (await world.As(TestUsers.OtherVillage, m => m.Send(new RecordMealDay.Command(canteen, Today, 1, 1)))).Status);

        var file = (await world.As(TestUsers.Village, m => m.Send(new ExportCanteenStatement.Query(canteen, 202611)))).Value!;
        using var stream = new MemoryStream(file.Content);
        var days = stream.Query(useHeaderRow: true, sheetName: "每日用餐").Cast<IDictionary<string, object>>().ToList();
        Assert.Equal(["2026-11-27", "2026-11-28", "合计"], days.Select(d => (string)d["日期"]));
        Assert.Equal(6m, Convert.ToDecimal(days[^1]["补贴金额(元)"], System.Globalization.CultureInfo.InvariantCulture));
        var meals = stream.Query(useHeaderRow: true, sheetName: "助餐补贴明细").Cast<IDictionary<string, object>>().ToList();
        Assert.Equal(["80岁以上", "80岁以上"], meals.Select(x => (string)x["补贴类别"]));
    }

    [Fact]
    public async Task An_elder_of_another_street_who_eats_here_is_on_the_statement_counted_but_neither_named_nor_linked()
    {
        await using var world = await SocialWorld.CreateAsync();
        var canteen = await CanteenAsync(world); // in 英伦名苑 (杨柳青镇)
        var mine = (await world.App.As(TestUsers.District, m => m.Send(NewElder.Command(name: "本村老人", birth: new DateOnly(1941, 1, 1))))).Value;
        var theirs = (await world.App.As(TestUsers.District, m => m.Send(NewElder.Command(name: "中北老人", region: RegionCatalog.XihuayuanCode, birth: new DateOnly(1941, 1, 1))))).Value;
        Assert.True((await world.As(TestUsers.Village, m => m.Send(new RecordSubsidisedMeal.Command(canteen, mine, Today, MealMode.DineIn)))).IsSuccess);
        // The other street's staff record their elder's meal at the neighbouring canteen; this village's staff cannot.
        Assert.Equal(ResultStatus.NotFound, (await world.As(TestUsers.Village, m => m.Send(new RecordSubsidisedMeal.Command(canteen, theirs, Today, MealMode.DineIn)))).Status);
        Assert.True((await world.As(TestUsers.Street2, m => m.Send(new RecordSubsidisedMeal.Command(canteen, theirs, Today, MealMode.DineIn)))).IsSuccess);

        var village = (await world.As(TestUsers.Village, m => m.Send(new GetCanteenStatement.Query(canteen, 202611)))).Value!;
        var district = (await world.As(TestUsers.District, m => m.Send(new GetCanteenStatement.Query(canteen, 202611)))).Value!;

        Assert.Equal(2, village.Lines.Count);
        Assert.Contains(village.Lines, l => l.ElderName == "本村老人" && l.ElderId == mine);
        Assert.Contains(village.Lines, l => l.ElderName == "中**" && l.ElderId == Guid.Empty);
        Assert.DoesNotContain(village.Lines, l => l.ElderName.Contains("中北老人", StringComparison.Ordinal) || l.ElderId == theirs);
        Assert.Contains(district.Lines, l => l.ElderName == "中北老人" && l.ElderId == theirs);
    }
}
