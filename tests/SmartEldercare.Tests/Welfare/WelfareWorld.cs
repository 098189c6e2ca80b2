using System.Security.Claims;
using Microsoft.Extensions.DependencyInjection;
using SmartEldercare.Platform.Elders;
using SmartEldercare.Platform.Features.Elders;
using SmartEldercare.Platform.Privacy;
using SmartEldercare.Platform.Regions;
using SmartEldercare.Tests.Infrastructure;
using SmartEldercare.Welfare;

namespace SmartEldercare.Tests.Welfare;

/// <summary>A fresh database with the demo allowance bands and helpers to register elders of a given birth date.</summary>
internal sealed class WelfareWorld : IAsyncDisposable
{
    private WelfareWorld(SliceFixture app) => App = app;

    public SliceFixture App { get; }

    public DateOnly Today => DateOnly.FromDateTime(App.Clock.GetUtcNow().ToOffset(TimeSpan.FromHours(8)).DateTime);

    public static async Task<WelfareWorld> CreateAsync(TestProvider provider = TestProvider.Sqlite)
    {
        var world = new WelfareWorld(await SliceFixture.CreateAsync(provider));
        world.App.Services.GetRequiredService<PersonalDataProtector>().Protect("warm-up");
        await world.App.Db(async db =>
        {
            await WelfareDemoData.SeedBandsAsync(db, CancellationToken.None);
            return 0;
        });
        return world;
    }

    public async Task<Guid> ElderAsync(DateOnly birth, string region = RegionCatalog.YinglunMingyuanCode, string name = "王秀英")
    {
        var saved = await App.As(TestUsers.District, m => m.Send(NewElder.Command(name: name, region: region, birth: birth)));
        Assert.True(saved.IsSuccess, saved.Message);
        return saved.Value;
    }

    public async Task StatusAsync(Guid elderId, ElderStatus status, DateOnly date)
    {
        var changed = await App.As(TestUsers.District, m => m.Send(new ChangeElderStatus.Command { Id = elderId, Status = status, Date = date }));
        Assert.True(changed.IsSuccess, changed.Message);
    }

    public Task<T> As<T>(ClaimsPrincipal user, Func<Mediator.IMediator, ValueTask<T>> send) => App.As(user, send);

    public ValueTask DisposeAsync() => App.DisposeAsync();
}
