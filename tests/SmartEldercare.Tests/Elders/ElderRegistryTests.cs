using FluentValidation;
using Microsoft.EntityFrameworkCore;
using SmartEldercare.Platform.Behaviors;
using SmartEldercare.Platform.Common;
using SmartEldercare.Platform.Elders;
using SmartEldercare.Platform.Features.Elders;
using SmartEldercare.Platform.Regions;
using SmartEldercare.Tests.Infrastructure;

namespace SmartEldercare.Tests.Elders;

/// <summary>The registry's slices through the mediator against a real database; run on SQLite and PostgreSQL.</summary>
public abstract class ElderRegistryTests(TestProvider provider) : IAsyncLifetime
{
    private SliceFixture app = null!;

    public async ValueTask InitializeAsync() => app = await SliceFixture.CreateAsync(provider);

    public async ValueTask DisposeAsync()
    {
        await app.DisposeAsync();
        GC.SuppressFinalize(this);
    }

    private Task<Result<Guid>> Register(SaveElder.Command command, System.Security.Claims.ClaimsPrincipal? user = null) =>
        app.As(user ?? TestUsers.Village, m => m.Send(command));

    [Fact]
    public async Task Registering_a_valid_elder_derives_birth_date_and_gender_from_the_ID_number()
    {
        var command = NewElder.Command(birth: new DateOnly(1940, 2, 29), gender: Gender.Male);
        var result = await Register(command);

        Assert.True(result.IsSuccess, result.Message);
        var elder = await app.Db(db => db.Elders.Include(e => e.EmergencyContacts).SingleAsync(e => e.Id == result.Value));
        Assert.Equal(new DateOnly(1940, 2, 29), elder.BirthDate);
        Assert.Equal(Gender.Male, elder.Gender);
        Assert.Equal(command.IdNumber![^4..], elder.IdNumberTail);
        Assert.Single(elder.EmergencyContacts);
    }

    [Theory]
    [InlineData("120111194403051234")] // wrong check digit
    [InlineData("12011119440305123")]  // 17 characters
    [InlineData("120111194402301235")] // 30 February
    [InlineData("ABCDEFGHIJKLMNOPQR")]
    public async Task An_invalid_ID_number_is_refused_and_nothing_is_written(string idNumber)
    {
        var command = NewElder.Command();
        command.IdNumber = idNumber;

        var error = await Assert.ThrowsAsync<ValidationException>(() => Register(command));

        Assert.Contains(error.Errors, e => e.PropertyName == nameof(SaveElder.Command.IdNumber) && e.ErrorMessage.Contains("身份证号无效", StringComparison.Ordinal));
        Assert.Equal(0, await app.Db(db => db.Elders.CountAsync()));
    }

    [Fact]
    public async Task A_birth_date_contradicting_the_ID_number_is_refused()
    {
        var command = NewElder.Command(birth: new DateOnly(1944, 3, 5));
        command.BirthDate = new DateOnly(1945, 3, 5);

        var error = await Assert.ThrowsAsync<ValidationException>(() => Register(command));

        Assert.Contains(error.Errors, e => e.PropertyName == nameof(SaveElder.Command.BirthDate));
    }

    [Fact]
    public async Task A_duplicate_ID_number_is_refused_with_a_clear_message()
    {
        var first = NewElder.Command();
        Assert.True((await Register(first)).IsSuccess);
        var second = NewElder.Command(name: "李桂兰");
        second.IdNumber = first.IdNumber!.ToLowerInvariant();

        var result = await Register(second);

        Assert.Equal(ResultStatus.Invalid, result.Status);
        Assert.Equal(nameof(SaveElder.Command.IdNumber), Assert.Single(result.Errors).Field);
        Assert.Equal("该身份证号已登记，不能重复建档", result.Errors[0].Message);
        Assert.Equal(1, await app.Db(db => db.Elders.CountAsync()));
    }

    [Fact]
    public async Task A_region_outside_the_users_scope_is_refused()
    {
        var result = await Register(NewElder.Command(region: RegionCatalog.XihuayuanCode));

        Assert.Equal(ResultStatus.Invalid, result.Status);
        Assert.Equal("该区域不在您的管辖范围内", result.Message);
        Assert.Equal(0, await app.Db(db => db.Elders.CountAsync()));
    }

    [Fact]
    public async Task An_unknown_region_is_refused()
    {
        var result = await Register(NewElder.Command(region: "120111100999"));

        Assert.Equal(ResultStatus.Invalid, result.Status);
        Assert.Equal("区域不存在", result.Message);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public async Task An_empty_name_is_refused(string name)
    {
        var error = await Assert.ThrowsAsync<ValidationException>(() => Register(NewElder.Command(name: name)));
        Assert.Contains(error.Errors, e => e.PropertyName == nameof(SaveElder.Command.Name));
    }

    [Fact]
    public async Task A_200_character_name_is_refused()
    {
        var error = await Assert.ThrowsAsync<ValidationException>(() => Register(NewElder.Command(name: new string('张', 200))));
        Assert.Contains(error.Errors, e => e.PropertyName == nameof(SaveElder.Command.Name) && e.ErrorMessage.Contains("50", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("12345")]
    [InlineData("23812345678")]
    [InlineData("1381234567a")]
    public async Task A_malformed_phone_is_refused(string phone)
    {
        var error = await Assert.ThrowsAsync<ValidationException>(() => Register(NewElder.Command(phone: phone)));
        Assert.Contains(error.Errors, e => e.PropertyName == nameof(SaveElder.Command.Phone));
    }

    [Fact]
    public async Task A_provider_worker_may_not_register_elders()
    {
        await Assert.ThrowsAsync<ForbiddenException>(() => Register(NewElder.Command(), TestUsers.Worker));
    }

    [Fact]
    public async Task A_village_user_gets_not_found_for_an_elder_of_another_village()
    {
        var other = await Register(NewElder.Command(region: TestUsers.YangliuqingVillage2), TestUsers.Street);

        var asVillage = await app.As(TestUsers.Village, m => m.Send(new GetElder.Query(other.Value)));
        var asStreet = await app.As(TestUsers.Street, m => m.Send(new GetElder.Query(other.Value)));
        var asStreet2 = await app.As(TestUsers.Street2, m => m.Send(new GetElder.Query(other.Value)));

        Assert.Equal(ResultStatus.NotFound, asVillage.Status);
        Assert.Null(asVillage.Value);
        Assert.True(asStreet.IsSuccess);
        Assert.Equal(ResultStatus.NotFound, asStreet2.Status);
    }

    [Fact]
    public async Task Details_are_masked()
    {
        var command = NewElder.Command(phone: "13812345678");
        var id = (await Register(command)).Value;

        var details = (await app.As(TestUsers.Village, m => m.Send(new GetElder.Query(id)))).Value!;

        Assert.Equal($"120111********{command.IdNumber![^4..]}", details.MaskedIdNumber);
        Assert.Equal("138****5678", details.MaskedPhone);
        Assert.DoesNotContain("英伦名苑3号楼", details.MaskedAddress, StringComparison.Ordinal);
        Assert.Equal("139****5678", Assert.Single(details.EmergencyContacts).MaskedPhone);
    }

    [Fact]
    public async Task Editing_with_empty_personal_fields_keeps_the_stored_values_and_a_new_phone_replaces_the_old()
    {
        var command = NewElder.Command(phone: "13812345678");
        var id = (await Register(command)).Value;
        var details = (await app.As(TestUsers.Village, m => m.Send(new GetElder.Query(id)))).Value!;

        var edit = new SaveElder.Command
        {
            Id = id,
            Version = details.Version,
            Name = "王秀英",
            Phone = "13600001111",
            RegionCode = details.RegionCode,
            CareLevel = 3,
            LowIncome = true,
            EmergencyContacts = [new SaveElder.ContactInput { Id = details.EmergencyContacts[0].Id, Name = "王建国", Relation = "儿子" }],
        };
        var result = await app.As(TestUsers.Village, m => m.Send(edit));

        Assert.True(result.IsSuccess, result.Message);
        var elder = await app.Db(db => db.Elders.Include(e => e.EmergencyContacts).SingleAsync(e => e.Id == id));
        Assert.Equal(command.IdNumber, elder.IdNumber);
        Assert.Equal("13600001111", elder.Phone);
        Assert.Equal("1111", elder.PhoneTail);
        Assert.Equal(command.Address, elder.Address);
        Assert.Equal("13912345678", Assert.Single(elder.EmergencyContacts).Phone);
        Assert.Equal(KeyGroups.Disabled | KeyGroups.LowIncome, elder.KeyGroups);
    }

    [Fact]
    public async Task A_stale_edit_loses_cleanly()
    {
        var id = (await Register(NewElder.Command())).Value;
        var details = (await app.As(TestUsers.Village, m => m.Send(new GetElder.Query(id)))).Value!;
        SaveElder.Command Edit(string name) => new()
        {
            Id = id,
            Version = details.Version,
            Name = name,
            RegionCode = details.RegionCode,
            EmergencyContacts = [new SaveElder.ContactInput { Id = details.EmergencyContacts[0].Id, Name = "王建国", Relation = "儿子" }],
        };

        Assert.True((await app.As(TestUsers.Village, m => m.Send(Edit("王秀英一")))).IsSuccess);
        var second = await app.As(TestUsers.Village, m => m.Send(Edit("王秀英二")));

        Assert.Equal(ResultStatus.Conflict, second.Status);
        Assert.Equal("王秀英一", await app.Db(db => db.Elders.Where(e => e.Id == id).Select(e => e.Name).SingleAsync()));
    }

    [Fact]
    public async Task Status_changes_need_a_date_not_in_the_future()
    {
        var id = (await Register(NewElder.Command())).Value;

        var future = await app.As(TestUsers.Village, m => m.Send(new ChangeElderStatus.Command { Id = id, Status = ElderStatus.Deceased, Date = new DateOnly(2026, 12, 1) }));
        var ok = await app.As(TestUsers.Village, m => m.Send(new ChangeElderStatus.Command { Id = id, Status = ElderStatus.Deceased, Date = new DateOnly(2026, 11, 20) }));

        Assert.Equal(ResultStatus.Invalid, future.Status);
        Assert.Equal("日期不能晚于今天", future.Message);
        Assert.True(ok.IsSuccess);
        var elder = await app.Db(db => db.Elders.SingleAsync(e => e.Id == id));
        Assert.Equal((ElderStatus.Deceased, new DateOnly(2026, 11, 20)), (elder.Status, elder.StatusDate));
        await Assert.ThrowsAsync<ValidationException>(() => app.As(TestUsers.Village, m => m.Send(new ChangeElderStatus.Command { Id = id, Status = ElderStatus.MovedOut })));
    }

    [Fact]
    public async Task Search_pages_and_sorts_inside_the_scope_only()
    {
        string[] names = ["赵一", "钱二", "孙三", "李四", "周五"];
        foreach (var name in names)
        {
            await Register(NewElder.Command(name: name));
        }

        await Register(NewElder.Command(name: "吴六", region: TestUsers.YangliuqingVillage2), TestUsers.Street);
        await Register(NewElder.Command(name: "郑七", region: RegionCatalog.XihuayuanCode), TestUsers.District);

        var page1 = (await app.As(TestUsers.Village, m => m.Send(new SearchElders.Query(Page: 1, PageSize: 2, Sort: ElderSort.Name)))).Value!;
        var page3 = (await app.As(TestUsers.Village, m => m.Send(new SearchElders.Query(Page: 3, PageSize: 2, Sort: ElderSort.Name)))).Value!;
        var street = (await app.As(TestUsers.Street, m => m.Send(new SearchElders.Query(PageSize: 100)))).Value!;
        var district = (await app.As(TestUsers.District, m => m.Send(new SearchElders.Query(PageSize: 100)))).Value!;
        var street2 = (await app.As(TestUsers.Street2, m => m.Send(new SearchElders.Query(PageSize: 100)))).Value!;

        Assert.Equal(5, page1.Total);
        Assert.Equal(2, page1.Items.Count);
        Assert.Single(page3.Items);
        var all = page1.Items.Concat((await app.As(TestUsers.Village, m => m.Send(new SearchElders.Query(Page: 2, PageSize: 2)))).Value!.Items).Concat(page3.Items).Select(i => i.Name).ToList();
        Assert.Equal(names.Order(StringComparer.Ordinal), all.Order(StringComparer.Ordinal));
        Assert.Equal(6, street.Total);
        Assert.Equal(7, district.Total);
        Assert.Equal("郑七", Assert.Single(street2.Items).Name);
        Assert.All(district.Items, i => Assert.Matches(@"^\d{6}\*{8}[\dX]{4}$", i.MaskedIdNumber));
    }

    [Fact]
    public async Task Search_finds_by_name_prefix_and_by_ID_or_phone_tail()
    {
        await Register(NewElder.Command(name: "张秀兰", phone: "13800004321"));
        var zhang2 = NewElder.Command(name: "张桂芝", phone: "13800005555");
        await Register(zhang2);
        await Register(NewElder.Command(name: "李张氏", phone: "13800006666"));

        var byName = (await app.As(TestUsers.Village, m => m.Send(new SearchElders.Query(Text: "张")))).Value!;
        var byPhoneTail = (await app.As(TestUsers.Village, m => m.Send(new SearchElders.Query(Text: "4321")))).Value!;
        var byIdTail = (await app.As(TestUsers.Village, m => m.Send(new SearchElders.Query(Text: zhang2.IdNumber![^4..])))).Value!;
        var byFullId = (await app.As(TestUsers.Village, m => m.Send(new SearchElders.Query(Text: zhang2.IdNumber)))).Value!;
        var wildcard = (await app.As(TestUsers.Village, m => m.Send(new SearchElders.Query(Text: "%")))).Value!;

        Assert.Equal(["张桂芝", "张秀兰"], byName.Items.Select(i => i.Name).Order(StringComparer.Ordinal));
        Assert.Equal("张秀兰", Assert.Single(byPhoneTail.Items).Name);
        Assert.Contains(byIdTail.Items, i => i.Name == "张桂芝");
        Assert.Equal("张桂芝", Assert.Single(byFullId.Items).Name);
        Assert.Empty(wildcard.Items);
    }

    [Fact]
    public async Task Filters_by_tag_age_band_care_level_and_status()
    {
        await Register(NewElder.Command(name: "独居甲", living: LivingSituation.Alone, birth: new DateOnly(1950, 1, 1)));
        await Register(NewElder.Command(name: "高龄乙", birth: new DateOnly(1940, 6, 1), careLevel: 2));
        await Register(NewElder.Command(name: "百岁丙", birth: new DateOnly(1925, 1, 1)));
        var moved = await Register(NewElder.Command(name: "迁出丁", birth: new DateOnly(1960, 1, 1)));
        await app.As(TestUsers.Village, m => m.Send(new ChangeElderStatus.Command { Id = moved.Value, Status = ElderStatus.MovedOut, Date = new DateOnly(2026, 1, 1) }));

        async Task<IEnumerable<string>> Names(SearchElders.Query q) =>
            (await app.As(TestUsers.Village, m => m.Send(q))).Value!.Items.Select(i => i.Name).Order(StringComparer.Ordinal);

        Assert.Equal(["独居甲"], await Names(new SearchElders.Query(Tags: [ElderTag.LivingAlone])));
        Assert.Equal(["百岁丙", "高龄乙"], await Names(new SearchElders.Query(Tags: [ElderTag.VeryOld])));
        Assert.Equal(["高龄乙"], await Names(new SearchElders.Query(Tags: [ElderTag.VeryOld, ElderTag.Disabled])));
        Assert.Equal(["高龄乙"], await Names(new SearchElders.Query(AgeBand: AgeBand.From80To89)));
        Assert.Equal(["百岁丙"], await Names(new SearchElders.Query(AgeBand: AgeBand.From100)));
        Assert.Equal(["高龄乙"], await Names(new SearchElders.Query(CareLevel: 2)));
        Assert.Equal(["迁出丁"], await Names(new SearchElders.Query(Status: ElderStatus.MovedOut)));
        Assert.Equal(3, (await Names(new SearchElders.Query(Status: ElderStatus.Active))).Count());
    }

    [Fact]
    public async Task A_region_filter_outside_the_scope_is_refused()
    {
        var result = await app.As(TestUsers.Village, m => m.Send(new SearchElders.Query(RegionCode: RegionCatalog.ZhongbeiCode)));
        Assert.Equal(ResultStatus.Invalid, result.Status);
    }
}

public sealed class SqliteElderRegistryTests() : ElderRegistryTests(TestProvider.Sqlite);

public sealed class PostgresElderRegistryTests() : ElderRegistryTests(TestProvider.PostgreSql);
