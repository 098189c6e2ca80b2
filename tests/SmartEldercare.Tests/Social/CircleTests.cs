using Bunit;
using FluentValidation;
using Microsoft.EntityFrameworkCore;
using SmartEldercare.Platform.Common;
using SmartEldercare.Platform.Regions;
using SmartEldercare.Social.Circle;
using SmartEldercare.Social.Components;
using SmartEldercare.Social.Features.Circle;
using SmartEldercare.Tests.Components;
using SmartEldercare.Tests.Infrastructure;

namespace SmartEldercare.Tests.Social;

public sealed class CircleTests
{
    private const double Lat = 39.10;
    private const double Lon = 117.10;

    private static ServiceResource At(ResourceType type, double dLat, double dLon, string name = "x") =>
        new() { Name = name, Type = type, RegionCode = RegionCatalog.YinglunMingyuanCode, Latitude = Lat + dLat, Longitude = Lon + dLon };

    [Fact]
    public void Haversine_distances_match_known_values()
    {
        Assert.Equal(500.4, Geo.Meters(Lat, Lon, Lat + 0.0045, Lon), 1);            // 0.0045° of latitude
        Assert.Equal(690, Geo.Meters(Lat, Lon, Lat, Lon + 0.008), 0);               // 0.008° of longitude at 39.1° N
        Assert.Equal(0, Geo.Meters(Lat, Lon, Lat, Lon));
    }

    [Fact]
    public void A_community_reaches_the_types_within_the_distance_and_misses_the_others()
    {
        var point = new CommunityPoint { RegionCode = RegionCatalog.YinglunMingyuanCode, Latitude = Lat, Longitude = Lon };
        var resources = new[]
        {
            At(ResourceType.Clinic, 0.0045, 0, "卫生站"),          // ≈ 500 m
            At(ResourceType.Clinic, 0.0010, 0, "更近的卫生站"),      // ≈ 111 m: the nearest one is reported
            At(ResourceType.DayCareCentre, 0, 0.008),              // ≈ 690 m
            At(ResourceType.Canteen, 0.0095, 0),                   // ≈ 1056 m: outside 1 km
        };

        var circle = CircleCoverage.Compute([point], resources, 1000).Single();
        Assert.Equal([ResourceType.DayCareCentre, ResourceType.Clinic], circle.Reachable.Order());
        Assert.Equal([ResourceType.Institution, ResourceType.Canteen, ResourceType.ServiceProvider, ResourceType.ActivityVenue], circle.Missing);
        Assert.Equal(("更近的卫生站", 111d), circle.Nearest.Where(n => n.Type == ResourceType.Clinic).Select(n => (n.Name, n.Meters)).Single());
        Assert.Equal(1056d, circle.Nearest.Single(n => n.Type == ResourceType.Canteen).Meters);

        // A wider circle (Social:CircleMeters) takes the canteen in.
        Assert.Contains(ResourceType.Canteen, CircleCoverage.Compute([point], resources, 1100).Single().Reachable);
    }

    [Fact]
    public async Task The_street_sees_its_communities_circles_and_gaps_and_another_street_does_not()
    {
        await using var world = await SocialWorld.CreateAsync();
        Assert.True((await world.As(TestUsers.Street, m => m.Send(new SetCommunityPoint.Command(RegionCatalog.YinglunMingyuanCode, Lat, Lon)))).IsSuccess);
        Assert.True((await world.As(TestUsers.Street, m => m.Send(new SetCommunityPoint.Command(TestUsers.YangliuqingVillage2, Lat + 0.02, Lon)))).IsSuccess);
        foreach (var type in Enum.GetValues<ResourceType>())
        {
            var saved = await world.As(TestUsers.Street, m => m.Send(new SaveResource.Command
            {
                Name = type.ToString(), Type = type, RegionCode = RegionCatalog.YinglunMingyuanCode, Latitude = Lat + 0.002, Longitude = Lon,
            }));
            Assert.True(saved.IsSuccess, saved.Message);
        }

        var view = await world.As(TestUsers.Street, m => m.Send(new GetCircle.Query()));
        Assert.Equal(RegionCatalog.YangliuqingCode, view.StreetCode);
        Assert.Empty(view.Communities.Single(c => c.RegionCode == RegionCatalog.YinglunMingyuanCode).Missing);
        Assert.Equal(6, view.Communities.Single(c => c.RegionCode == TestUsers.YangliuqingVillage2).Missing.Count); // ≈ 2 km away
        Assert.Equal(6, view.Resources.Count);

        var gaps = await world.As(TestUsers.Street, m => m.Send(new ListCircleGaps.Query()));
        Assert.DoesNotContain(gaps, g => g.RegionCode == RegionCatalog.YinglunMingyuanCode);
        Assert.Contains(gaps, g => g.RegionCode == TestUsers.YangliuqingVillage2 && g.Located);
        Assert.Contains(gaps, g => g.RegionCode == "120111100003" && !g.Located);
        Assert.All(gaps, g => Assert.StartsWith(RegionCatalog.YangliuqingCode, g.RegionCode, StringComparison.Ordinal));

        // Zhongbei neither sees Yangliuqing's street nor places anything there.
        var theirs = await world.As(TestUsers.Street2, m => m.Send(new GetCircle.Query(RegionCatalog.YangliuqingCode)));
        Assert.Equal(RegionCatalog.ZhongbeiCode, theirs.StreetCode);
        Assert.Equal(ResultStatus.Invalid, (await world.As(TestUsers.Street2, m => m.Send(new SetCommunityPoint.Command(RegionCatalog.YinglunMingyuanCode, Lat, Lon)))).Status);
        Assert.Empty(await world.As(TestUsers.Street2, m => m.Send(new ListResources.Query())));
        var village = await world.As(TestUsers.Village, m => m.Send(new GetCircle.Query()));
        Assert.Equal([RegionCatalog.YinglunMingyuanCode], village.Communities.Select(c => c.RegionCode));
    }

    [Fact]
    public async Task Coordinates_outside_the_district_are_refused_with_a_clear_message_and_nothing_is_written()
    {
        await using var world = await SocialWorld.CreateAsync();
        var refused = await Assert.ThrowsAsync<ValidationException>(async () => await world.As(TestUsers.District, m => m.Send(new SaveResource.Command
        {
            Name = "北京的卫生站", Type = ResourceType.Clinic, RegionCode = RegionCatalog.YinglunMingyuanCode, Latitude = 39.90, Longitude = 116.40,
        })));
        Assert.Equal("坐标不在本区范围内（纬度 38.93–39.2，经度 116.95–117.3）。", refused.Errors.First().ErrorMessage);
        await Assert.ThrowsAsync<ValidationException>(async () => await world.As(TestUsers.District, m => m.Send(new SetCommunityPoint.Command(RegionCatalog.YinglunMingyuanCode, 0, 0))));
        Assert.Equal(0, await world.App.Db(db => db.Set<ServiceResource>().CountAsync()));
        Assert.Equal(0, await world.App.Db(db => db.Set<CommunityPoint>().CountAsync()));
    }

    [Fact]
    public async Task The_plot_draws_every_located_community_and_marks_those_with_gaps()
    {
        await using var ctx = await ComponentTestContext.CreateAsync(TestUsers.Street);
        var full = Enum.GetValues<ResourceType>();
        var view = new CircleView(1000, RegionCatalog.YangliuqingCode, [], [
            new CommunityRow(RegionCatalog.YinglunMingyuanCode, "英伦名苑社区", RegionCatalog.YangliuqingCode, "杨柳青镇", Lat, Lon, [], full, []),
            new CommunityRow(TestUsers.YangliuqingVillage2, "柳霞园社区", RegionCatalog.YangliuqingCode, "杨柳青镇", Lat + 0.02, Lon, [], [], full),
            new CommunityRow("120111100003", "御河湾社区", RegionCatalog.YangliuqingCode, "杨柳青镇", null, null, [], [], full),
        ], [new ResourceRow(Guid.NewGuid(), "卫生站", ResourceType.Clinic, RegionCatalog.YinglunMingyuanCode, "英伦名苑社区", Lat + 0.001, Lon, null, null, null)]);

        var plot = ctx.Render<CirclePlot>(p => p.Add(c => c.View, view));
        var communities = plot.FindAll("[data-testid=plot-community]");
        Assert.Equal(["false", "true"], communities.Select(c => c.GetAttribute("data-gap")));
        Assert.Single(plot.FindAll("[data-testid=plot-resource]"));
        Assert.Contains("柳霞园社区 (6)", plot.Markup, StringComparison.Ordinal);
    }
}
