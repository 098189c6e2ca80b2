using System.Security.Claims;
using Microsoft.Extensions.DependencyInjection;
using SmartEldercare.Platform.Privacy;
using SmartEldercare.Platform.Regions;
using SmartEldercare.Social.Activities;
using SmartEldercare.Social.Features.Activities;
using SmartEldercare.Tests.Infrastructure;

namespace SmartEldercare.Tests.Social;

/// <summary>A fresh database (no demo data) with helpers to register elders and plan classes.</summary>
internal sealed class SocialWorld : IAsyncDisposable
{
    private SocialWorld(SliceFixture app) => App = app;

    public SliceFixture App { get; }

    public static async Task<SocialWorld> CreateAsync(TestProvider provider = TestProvider.Sqlite)
    {
        var world = new SocialWorld(await SliceFixture.CreateAsync(provider));
        world.App.Services.GetRequiredService<PersonalDataProtector>().Protect("warm-up");
        return world;
    }

    public async Task<Guid> ElderAsync(string name = "王秀英", string region = RegionCatalog.YinglunMingyuanCode)
    {
        var saved = await App.As(TestUsers.District, m => m.Send(NewElder.Command(name: name, region: region)));
        Assert.True(saved.IsSuccess, saved.Message);
        return saved.Value;
    }

    /// <summary>A weekly class whose first session started an hour ago (Shanghai 09:00 on the fixture's day).</summary>
    public async Task<Guid> ClassAsync(int capacity, ActivityTrack track = ActivityTrack.SmartphoneBasics, string region = RegionCatalog.YinglunMingyuanCode, int sessions = 2)
    {
        var created = await App.As(TestUsers.District, m => m.Send(new CreateActivity.Command
        {
            Title = "智能手机入门", Track = track, RegionCode = region, VenueName = "社区活动室", Capacity = capacity,
            FirstSession = new DateTime(2026, 11, 28, 9, 0, 0), DurationMinutes = 90, Sessions = sessions,
        }));
        Assert.True(created.IsSuccess, created.Message);
        return created.Value;
    }

    public async Task<Guid> FirstSessionAsync(Guid activityId) =>
        (await App.As(TestUsers.District, m => m.Send(new GetActivity.Query(activityId)))).Value!.Sessions[0].Id;

    public Task<T> As<T>(ClaimsPrincipal user, Func<Mediator.IMediator, ValueTask<T>> send) => App.As(user, send);

    public ValueTask DisposeAsync() => App.DisposeAsync();
}
