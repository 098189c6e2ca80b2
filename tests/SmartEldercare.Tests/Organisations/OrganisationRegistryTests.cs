using FluentValidation;
using SmartEldercare.Platform.Behaviors;
using SmartEldercare.Platform.Common;
using SmartEldercare.Platform.Features.Organisations;
using SmartEldercare.Platform.Organisations;
using SmartEldercare.Platform.Regions;
using SmartEldercare.Tests.Infrastructure;

namespace SmartEldercare.Tests.Organisations;

public sealed class OrganisationRegistryTests : IAsyncLifetime
{
    private SliceFixture app = null!;

    public async ValueTask InitializeAsync() => app = await SliceFixture.CreateAsync();

    public async ValueTask DisposeAsync()
    {
        await app.DisposeAsync();
        GC.SuppressFinalize(this);
    }

    private static SaveOrganisation.Command Canteen(string region = RegionCatalog.YinglunMingyuanCode, string name = "英伦名苑老人家食堂") => new()
    {
        Name = name,
        Type = OrganisationType.Canteen,
        RegionCode = region,
        Address = "天津市西青区杨柳青镇英伦名苑会所一层",
        ContactName = "周敏",
        ContactPhone = "022-27391234",
        LicenceNumber = "JY11201110001",
    };

    [Fact]
    public async Task A_district_operator_registers_and_edits_an_organisation()
    {
        var created = await app.As(TestUsers.District, m => m.Send(Canteen()));
        Assert.True(created.IsSuccess, created.Message);
        var details = (await app.As(TestUsers.District, m => m.Send(new GetOrganisation.Query(created.Value)))).Value!;

        var edit = Canteen(name: "英伦名苑长者食堂");
        edit.Id = details.Id;
        edit.Version = details.Version;
        var edited = await app.As(TestUsers.District, m => m.Send(edit));
        var stale = await app.As(TestUsers.District, m => m.Send(edit));

        Assert.True(edited.IsSuccess);
        Assert.Equal(ResultStatus.Conflict, stale.Status);
        Assert.Equal("英伦名苑长者食堂", (await app.As(TestUsers.Street, m => m.Send(new GetOrganisation.Query(created.Value)))).Value!.Name);
    }

    [Fact]
    public async Task Organisations_follow_the_scope_rule()
    {
        var inYangliuqing = (await app.As(TestUsers.District, m => m.Send(Canteen()))).Value;
        await app.As(TestUsers.District, m => m.Send(Canteen(RegionCatalog.XihuayuanCode, "溪华苑老人家食堂")));

        var asVillage = await app.As(TestUsers.Village, m => m.Send(new SearchOrganisations.Query()));
        var asStreet2 = await app.As(TestUsers.Street2, m => m.Send(new SearchOrganisations.Query()));
        var hidden = await app.As(TestUsers.Street2, m => m.Send(new GetOrganisation.Query(inYangliuqing)));

        Assert.Equal("英伦名苑老人家食堂", Assert.Single(asVillage.Items).Name);
        Assert.Equal("溪华苑老人家食堂", Assert.Single(asStreet2.Items).Name);
        Assert.Equal(ResultStatus.NotFound, hidden.Status);
    }

    [Fact]
    public async Task Street_staff_may_read_but_not_register_organisations()
    {
        await Assert.ThrowsAsync<ForbiddenException>(() => app.As(TestUsers.Street, m => m.Send(Canteen())));
    }

    [Fact]
    public async Task Bad_organisation_input_is_refused()
    {
        var noName = Canteen(name: " ");
        var badPhone = Canteen();
        badPhone.ContactPhone = "110";

        await Assert.ThrowsAsync<ValidationException>(() => app.As(TestUsers.District, m => m.Send(noName)));
        await Assert.ThrowsAsync<ValidationException>(() => app.As(TestUsers.District, m => m.Send(badPhone)));
        var unknown = await app.As(TestUsers.District, m => m.Send(Canteen(region: "120111999")));
        Assert.Equal(ResultStatus.Invalid, unknown.Status);
    }
}
