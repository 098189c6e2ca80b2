using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SmartEldercare.Platform.Common;
using SmartEldercare.Platform.Organisations;
using SmartEldercare.Platform.Regions;
using SmartEldercare.Social.Canteens;
using SmartEldercare.Social.Features.Canteens;
using SmartEldercare.Social.Features.Volunteers;
using SmartEldercare.Tests.HomeService;
using SmartEldercare.Tests.Infrastructure;
using SmartEldercare.Welfare.Visits;

namespace SmartEldercare.Tests.Social;

/// <summary>The links to the other scenario modules, through platform contracts: volunteers on welfare visits, delivered meals and home-service orders.</summary>
public sealed class ModuleLinkTests
{
    [Theory]
    [InlineData(TestProvider.Sqlite)]
    [InlineData(TestProvider.PostgreSql)]
    public async Task A_volunteer_is_assigned_to_a_planned_welfare_visit_of_the_scope_once_and_never_to_another_streets(TestProvider provider)
    {
        await using var world = await HomeWorld.CreateAsync(provider);
        var app = world.App;
        var elder = await world.VeryOldElderAsync();
        var far = await world.VeryOldElderAsync(RegionCatalog.XihuayuanCode);
        await app.Services.GetRequiredService<VisitScheduler>().PlanAsync(RegionCatalog.DistrictCode, TestContext.Current.CancellationToken);
        var (mine, theirs) = await app.Db(async db => (
            await db.Set<Visit>().Where(v => v.ElderId == elder && v.Status == VisitStatus.Planned).Select(v => new { v.Id, v.DueDate }).FirstAsync(),
            await db.Set<Visit>().Where(v => v.ElderId == far && v.Status == VisitStatus.Planned).Select(v => v.Id).FirstAsync()));
        var volunteer = await app.As(TestUsers.District, m => m.Send(new RegisterVolunteer.Command { Name = "志愿者 陈静", Phone = "13900002222", RegionCode = RegionCatalog.YinglunMingyuanCode }));
        Assert.True(volunteer.IsSuccess, volunteer.Message);

        var before = await app.As(TestUsers.Village, m => m.Send(new GetVolunteerVisits.Query(volunteer.Value)));
        Assert.Empty(before.Value!.Assigned);
        Assert.Equal(mine.DueDate <= new DateOnly(2026, 11, 28).AddDays(GetVolunteerVisits.DaysAhead), before.Value.Open.Any(v => v.VisitId == mine.Id));
        Assert.DoesNotContain(before.Value.Open, v => v.VisitId == theirs);

        Assert.True((await app.As(TestUsers.Street, m => m.Send(new AssignVolunteerToVisit.Command(volunteer.Value, mine.Id)))).IsSuccess);
        Assert.Equal(ResultStatus.Conflict, (await app.As(TestUsers.Street, m => m.Send(new AssignVolunteerToVisit.Command(volunteer.Value, mine.Id)))).Status);
        Assert.Equal(ResultStatus.NotFound, (await app.As(TestUsers.Street, m => m.Send(new AssignVolunteerToVisit.Command(volunteer.Value, theirs)))).Status);
        Assert.Equal(ResultStatus.NotFound, (await app.As(TestUsers.Street2, m => m.Send(new AssignVolunteerToVisit.Command(volunteer.Value, theirs)))).Status);

        var after = (await app.As(TestUsers.Village, m => m.Send(new GetVolunteerVisits.Query(volunteer.Value)))).Value!;
        var assigned = Assert.Single(after.Assigned);
        Assert.Equal((mine.Id, mine.DueDate), (assigned.VisitId, assigned.DueDate));
        Assert.DoesNotContain(after.Open, v => v.VisitId == mine.Id);
    }

    [Fact]
    public async Task A_delivered_canteen_meal_is_linked_to_the_elders_home_service_meal_delivery_order_of_the_day()
    {
        await using var world = await HomeWorld.CreateAsync();
        var app = world.App;
        var elder = await world.VeryOldElderAsync();
        var order = await world.OrderAsync(elder, "MEAL-LUNCH", hoursFromNow: 1);
        var canteen = await app.Db(async db =>
        {
            var c = new Organisation { Name = "英伦名苑老人家食堂", Type = OrganisationType.Canteen, RegionCode = RegionCatalog.YinglunMingyuanCode, CreatedAtUtc = DateTime.UtcNow };
            db.Organisations.Add(c);
            await db.SaveChangesAsync();
            return c.Id;
        });
        var today = new DateOnly(2026, 11, 28);

        Assert.True((await app.As(TestUsers.Village, m => m.Send(new RecordSubsidisedMeal.Command(canteen, elder, today, MealMode.Delivery)))).IsSuccess);
        Assert.True((await app.As(TestUsers.Village, m => m.Send(new RecordSubsidisedMeal.Command(canteen, elder, today, MealMode.DineIn)))).IsSuccess);

        var statement = (await app.As(TestUsers.Village, m => m.Send(new GetCanteenStatement.Query(canteen, 202611)))).Value!;
        Assert.Equal(order, Assert.Single(statement.Lines, l => l.Mode == MealMode.Delivery).HomeServiceOrderId);
        Assert.Null(Assert.Single(statement.Lines, l => l.Mode == MealMode.DineIn).HomeServiceOrderId);
        Assert.Equal(order, await app.Db(db => db.Set<SubsidisedMeal>().Where(m => m.ElderId == elder && m.Mode == MealMode.Delivery).Select(m => m.HomeServiceOrderId).SingleAsync()));
    }
}
