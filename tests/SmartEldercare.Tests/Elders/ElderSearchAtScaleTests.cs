using FluentValidation;
using Microsoft.Extensions.DependencyInjection;
using SmartEldercare.Platform.Features.Elders;
using SmartEldercare.Platform.Seeding;
using SmartEldercare.Tests.Infrastructure;

namespace SmartEldercare.Tests.Elders;

public sealed class ElderSearchAtScaleTests
{
    [Fact]
    public async Task Counting_stops_at_the_cap_and_says_so_while_small_results_are_exact()
    {
        await using var app = await SliceFixture.CreateAsync();
        await using (var scope = app.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<DemoData>().SeedEldersAsync(SearchElders.CountCap + 500, seed: 7, TestContext.Current.CancellationToken);
        }

        var all = (await app.As(TestUsers.District, m => m.Send(new SearchElders.Query()))).Value!;
        var village = (await app.As(TestUsers.District, m => m.Send(new SearchElders.Query(RegionCode: TestUsers.YangliuqingVillage2)))).Value!;
        var lastPage = (await app.As(TestUsers.District, m => m.Send(new SearchElders.Query(Page: SearchElders.CountCap / 20, PageSize: 20)))).Value!;

        Assert.Equal((SearchElders.CountCap, true), (all.Total, all.TotalIsLowerBound));
        Assert.False(village.TotalIsLowerBound);
        Assert.InRange(village.Total, 1, SearchElders.CountCap - 1);
        Assert.Equal(20, lastPage.Items.Count);
        await Assert.ThrowsAsync<ValidationException>(() => app.As(TestUsers.District, m => m.Send(new SearchElders.Query(Page: SearchElders.CountCap / 20 + 1, PageSize: 20))));
    }
}
