using FluentValidation;
using Microsoft.EntityFrameworkCore;
using SmartEldercare.Platform.Common;
using SmartEldercare.Platform.Regions;
using SmartEldercare.Social.Charities;
using SmartEldercare.Social.Features.Charities;
using SmartEldercare.Tests.Infrastructure;

namespace SmartEldercare.Tests.Social;

public sealed class CharityTests
{
    [Fact]
    public async Task Villages_see_their_own_and_the_streets_organisations_and_record_activities_only_for_their_own()
    {
        await using var world = await SocialWorld.CreateAsync();
        var district = (await world.As(TestUsers.District, m => m.Send(new RegisterCharity.Command { Name = "区慈善协会", RegionCode = RegionCatalog.DistrictCode, Offers = "助医助困" }))).Value;
        var mine = (await world.As(TestUsers.Street, m => m.Send(new RegisterCharity.Command { Name = "邻里互助会", RegionCode = RegionCatalog.YinglunMingyuanCode, Offers = "结对帮扶", ContactPhone = "13800001234" }))).Value;
        var theirs = (await world.As(TestUsers.Street, m => m.Send(new RegisterCharity.Command { Name = "柳霞园互助会", RegionCode = TestUsers.YangliuqingVillage2, Offers = "代购" }))).Value;

        Assert.Equal([district, mine], (await world.As(TestUsers.Village, m => m.Send(new ListCharities.Query()))).Select(c => c.Id).Order());
        Assert.Equal(ResultStatus.NotFound, (await world.As(TestUsers.Village, m => m.Send(new GetCharity.Query(theirs)))).Status);

        Assert.True((await world.As(TestUsers.Village, m => m.Send(new RecordCharityActivity.Command { CharityId = mine, Date = new DateOnly(2026, 11, 20), Title = "健康讲座", Beneficiaries = 30 }))).IsSuccess);
        await Assert.ThrowsAsync<ValidationException>(async () => await world.As(TestUsers.Village, m => m.Send(new RecordCharityActivity.Command { CharityId = mine, Date = new DateOnly(2026, 11, 20), Title = "x", Beneficiaries = -1 })));
        Assert.Equal(ResultStatus.NotFound, (await world.As(TestUsers.Village, m => m.Send(new RecordCharityActivity.Command { CharityId = district, Date = new DateOnly(2026, 11, 20), Title = "越权", Beneficiaries = 1 }))).Status);
        Assert.Equal(1, await world.App.Db(db => db.Set<CharityActivity>().CountAsync()));

        var details = (await world.As(TestUsers.Village, m => m.Send(new GetCharity.Query(mine)))).Value!;
        Assert.Equal((1, 30, "138****1234"), (details.Charity.Activities, details.Charity.Beneficiaries, details.Charity.PhoneMasked));
    }
}
