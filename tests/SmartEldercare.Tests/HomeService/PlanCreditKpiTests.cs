using FluentValidation;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SmartEldercare.HomeService.Catalogue;
using SmartEldercare.HomeService.Features.Catalogue;
using SmartEldercare.HomeService.Features.Elders;
using SmartEldercare.HomeService.Features.Kpi;
using SmartEldercare.HomeService.Features.Orders;
using SmartEldercare.HomeService.Features.Providers;
using SmartEldercare.HomeService.Features.Worker;
using SmartEldercare.HomeService.Orders;
using SmartEldercare.Platform.Common;
using SmartEldercare.Platform.Regions;
using SmartEldercare.Tests.Infrastructure;

namespace SmartEldercare.Tests.HomeService;

public sealed class PlanTests
{
    [Fact]
    public async Task A_weekday_lunch_plan_orders_the_coming_working_days_once_each_straight_to_its_worker()
    {
        await using var world = await HomeWorld.CreateAsync();
        var elder = await world.VeryOldElderAsync();
        var today = world.App.Clock.Today(); // a Saturday
        Assert.Equal(DayOfWeek.Saturday, today.DayOfWeek);
        var saved = await world.App.As(TestUsers.Village, m => m.Send(new SavePlan.Command(elder, world.Items["MEAL-LUNCH"], 1, Weekdays.WorkingDays, new TimeOnly(11, 0), 60, today, null,
            world.ProviderId, world.WorkerId, SelfPayConsent: true)));
        Assert.True(saved.IsSuccess, saved.Message);

        var days = await world.App.Db(db => db.Set<ServiceOrder>().Where(o => o.PlanId == saved.Value).OrderBy(o => o.ServiceDate).Select(o => new { o.ServiceDate, o.Status }).ToListAsync());
        Assert.Equal([today.AddDays(2), today.AddDays(3), today.AddDays(4), today.AddDays(5), today.AddDays(6)], days.Select(d => d.ServiceDate));
        Assert.All(days, d => Assert.Equal(OrderStatus.Assigned, d.Status));

        var scheduler = world.App.Services.GetRequiredService<PlanScheduler>();
        Assert.Equal(0, await scheduler.RunOnceAsync(TestContext.Current.CancellationToken));
        world.App.Clock.Advance(TimeSpan.FromDays(3));
        Assert.Equal(2, await scheduler.RunOnceAsync(TestContext.Current.CancellationToken)); // the next Monday and Tuesday
        Assert.Equal(7, await world.App.Db(db => db.Set<ServiceOrder>().CountAsync(o => o.PlanId == saved.Value)));

        Assert.True((await world.App.As(TestUsers.Village, m => m.Send(new StopPlan.Command(saved.Value)))).IsSuccess);
        world.App.Clock.Advance(TimeSpan.FromDays(3));
        Assert.Equal(0, await scheduler.RunOnceAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task A_plan_without_self_pay_consent_orders_only_what_the_entitlement_covers()
    {
        await using var world = await HomeWorld.CreateAsync();
        var elder = await world.VeryOldElderAsync(); // one unit a month
        var today = world.App.Clock.Today();
        var saved = await world.App.As(TestUsers.Village, m => m.Send(new SavePlan.Command(elder, world.Items["MEAL-LUNCH"], 1, Weekdays.WorkingDays, new TimeOnly(11, 0), 60, today, null)));
        Assert.True(saved.IsSuccess, saved.Message);
        var days = await world.App.Db(db => db.Set<ServiceOrder>().Where(o => o.PlanId == saved.Value).OrderBy(o => o.ServiceDate).Select(o => o.ServiceDate).ToListAsync());
        Assert.Equal([today.AddDays(2), today.AddDays(3)], days); // Monday 30 November, and Tuesday 1 December from the new month's unit
        Assert.Equal(OrderStatus.Requested, (await world.App.Db(db => db.Set<ServiceOrder>().FirstAsync(o => o.PlanId == saved.Value))).Status);
    }
}

public sealed class CreditAndKpiTests
{
    [Theory]
    [InlineData(1.0, 1.0, 5.0, 0, 100.0)]
    [InlineData(0.9, 0.8, 4.0, 1, 77.0)]
    [InlineData(0.9, 0.8, null, 0, 85.0)]
    [InlineData(0.1, 0.2, 1.0, 30, 0.0)]
    public void The_credit_score_weighs_on_time_completion_satisfaction_and_complaints(double onTime, double completion, double? satisfaction, int complaints, double score) =>
        Assert.Equal(score, CreditScore.Score(onTime, completion, satisfaction, complaints));

    [Fact]
    public async Task The_month_counts_orders_by_category_and_rates_providers_and_streets_by_their_visits_and_follow_ups()
    {
        await using var world = await HomeWorld.CreateAsync();
        var supervision = world.App.Services.GetRequiredService<VisitSupervision>();
        var elder = await world.VeryOldElderAsync();
        var lunch = await world.AssignedAsync(elder);
        var cleaning = await world.AssignedAsync(elder, "CLEAN-HOME");
        await world.OrderAsync(elder, "JOY-COMPANY", hoursFromNow: 30); // requested, not yet due
        world.App.Clock.Advance(TimeSpan.FromMinutes(65));
        Assert.True((await world.App.As(world.Worker, m => m.Send(new CheckIn.Command(lunch, HomeWorld.HomeLatitude, HomeWorld.HomeLongitude)))).IsSuccess);
        world.App.Clock.Advance(TimeSpan.FromMinutes(20));
        Assert.True((await world.App.As(world.Worker, m => m.Send(new CheckOut.Command(lunch)))).IsSuccess);
        Assert.True((await world.App.As(TestUsers.Street, m => m.Send(new VerifyOrder.Command(lunch)))).IsSuccess);
        Assert.True((await world.App.As(TestUsers.Village, m => m.Send(new RecordFollowUp.Command(lunch, 4, "饭菜可口")))).IsSuccess);
        Assert.Equal(ResultStatus.Conflict, (await world.App.As(TestUsers.Village, m => m.Send(new RecordFollowUp.Command(lunch, 5, null)))).Status);
        world.App.Clock.Advance(TimeSpan.FromMinutes(10));
        await supervision.RunOnceAsync(TestContext.Current.CancellationToken); // the cleaning was never started: missed
        Assert.Equal(OrderStatus.Missed, (await world.OrderOf(cleaning)).Status);

        var month = YearMonth.Of(world.App.Clock.Today());
        var street = await world.App.As(TestUsers.Street, m => m.Send(new GetServiceKpis.Query(month)));
        Assert.Equal(3, street.Total.Orders);
        Assert.Equal((1, 1, 1), (street.ByCategory[ServiceCategory.MealDelivery], street.ByCategory[ServiceCategory.Cleaning], street.ByCategory[ServiceCategory.Recreation]));
        Assert.Equal((2, 0.5, 0.5, 4.0), (street.Total.Quality.Due, street.Total.Quality.OnTimeRate!.Value, street.Total.Quality.CompletionRate!.Value, street.Total.Quality.Satisfaction!.Value));
        var provider = Assert.Single(street.ByProvider);
        Assert.Equal(HomeServiceDemo.ProviderName, provider.Name);
        Assert.Equal(3, street.BySubRegion.Single(r => r.Key == RegionCatalog.YinglunMingyuanCode).Figures.Orders);

        var district = await world.App.As(TestUsers.District, m => m.Send(new GetServiceKpis.Query(month)));
        Assert.Equal(3, district.BySubRegion.Single(r => r.Key == RegionCatalog.YangliuqingCode).Figures.Orders);
        Assert.Equal(0, district.BySubRegion.Single(r => r.Key == RegionCatalog.ZhongbeiCode).Figures.Orders);
        Assert.Equal(0, (await world.App.As(TestUsers.Street2, m => m.Send(new GetServiceKpis.Query(month)))).Total.Orders);

        var credit = await world.App.As(TestUsers.Village, m => m.Send(new ListProviderCredit.Query(month)));
        var row = credit.Single(r => r.Id == world.ProviderId);
        Assert.Equal(CreditScore.Score(0.5, 0.5, 4.0, 0), row.Figures.Score); // the village sees its street's provider
        var page = await world.App.As(TestUsers.Street, m => m.Send(new GetProviderCredit.Query(world.ProviderId)));
        Assert.Equal(GetProviderCredit.Months, page.Value!.Trend.Count);
        Assert.Equal(ResultStatus.NotFound, (await world.App.As(TestUsers.Street2, m => m.Send(new GetProviderCredit.Query(world.ProviderId)))).Status);
    }
}

public sealed class CatalogueTests
{
    [Fact]
    public async Task Catalogue_items_need_a_unique_code_and_a_price_in_fen_and_offerings_a_provider_in_scope()
    {
        await using var world = await HomeWorld.CreateAsync();
        var badPrice = await Assert.ThrowsAsync<ValidationException>(async () => await world.App.As(TestUsers.District, m => m.Send(
            new SaveServiceItem.Command(null, "MEAL-BREAKFAST", "早餐送餐上门", ServiceCategory.MealDelivery, ServiceUnit.PerMeal, 20, 0, null))));
        Assert.Equal("价格须大于 0，最多两位小数。", badPrice.Errors.Single().ErrorMessage);
        var taken = await world.App.As(TestUsers.District, m => m.Send(new SaveServiceItem.Command(null, "meal-lunch", "午餐", ServiceCategory.MealDelivery, ServiceUnit.PerMeal, 20, 8_00, null)));
        Assert.Equal(ResultStatus.Invalid, taken.Status);
        var created = await world.App.As(TestUsers.District, m => m.Send(
            new SaveServiceItem.Command(null, "meal-breakfast", "早餐送餐上门", ServiceCategory.MealDelivery, ServiceUnit.PerMeal, 20, 8_50, "送达\n回收餐具")));
        Assert.True(created.IsSuccess, created.Message);
        Assert.True((await world.App.As(TestUsers.District, m => m.Send(new SaveOffering.Command(world.ProviderId, created.Value, 8_00)))).IsSuccess);
        await Assert.ThrowsAsync<SmartEldercare.Platform.Behaviors.ForbiddenException>(async () => await world.App.As(TestUsers.Street, m => m.Send(new SaveOffering.Command(world.ProviderId, created.Value, 1_00))));

        var catalogue = await world.App.As(TestUsers.Street, m => m.Send(new ListCatalogue.Query(ActiveOnly: true)));
        var breakfast = catalogue.Items.Single(i => i.Code == "MEAL-BREAKFAST");
        Assert.Equal(["送达", "回收餐具"], breakfast.Checklist.Split('\n'));
        Assert.Equal(8_00, Assert.Single(breakfast.Offerings).Price);
        Assert.Equal(6, catalogue.Rules.Count);
    }
}

internal static class HomeServiceDemo
{
    public const string ProviderName = SmartEldercare.HomeService.HomeServiceDemoData.DemoProviderName;
}
