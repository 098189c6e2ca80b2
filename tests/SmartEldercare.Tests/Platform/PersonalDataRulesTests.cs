using SmartEldercare.Platform.Common;
using SmartEldercare.Platform.Elders;
using SmartEldercare.Platform.Regions;

namespace SmartEldercare.Tests.Platform;

public sealed class PersonalDataRulesTests
{
    [Theory]
    [InlineData("11010519491231002X", 1949, 12, 31, Gender.Female)]
    [InlineData("110105194912310029", 0, 0, 0, Gender.Unknown)]  // check character should be X
    [InlineData("120111194403051234", 0, 0, 0, Gender.Unknown)]
    public void GB11643_check_character_and_derived_fields(string id, int year, int month, int day, Gender gender)
    {
        var valid = ChinaIdNumber.TryParse(id, out var birth, out var parsedGender);
        Assert.Equal(year != 0, valid);
        if (valid)
        {
            Assert.Equal(new DateOnly(year, month, day), birth);
            Assert.Equal(gender, parsedGender);
        }
    }

    [Fact]
    public void Created_numbers_are_valid_and_carry_the_gender()
    {
        var male = ChinaIdNumber.Create("120111", new DateOnly(1930, 1, 31), 7, Gender.Male);
        var female = ChinaIdNumber.Create("120111", new DateOnly(1930, 1, 31), 7, Gender.Female);
        Assert.True(ChinaIdNumber.TryParse(male, out _, out var g1));
        Assert.True(ChinaIdNumber.TryParse(female, out _, out var g2));
        Assert.Equal((Gender.Male, Gender.Female), (g1, g2));
    }

    [Theory]
    [InlineData("120111194403051234", "120111********1234")]
    [InlineData("", "")]
    public void ID_numbers_are_masked_to_region_and_tail(string id, string masked) => Assert.Equal(masked, Masking.IdNumber(id));

    [Theory]
    [InlineData("13812345678", "138****5678")]
    [InlineData("022-27391234", "022*****1234")]
    public void Phones_are_masked(string phone, string masked) => Assert.Equal(masked, Masking.Phone(phone));

    [Theory]
    [InlineData("13812345678", true)]
    [InlineData("022-27391234", true)]
    [InlineData("02227391234", true)]
    [InlineData("12812345678", false)]
    [InlineData("1381234567", false)]
    [InlineData("+8613812345678", false)]
    public void Phone_format(string phone, bool valid) => Assert.Equal(valid, PhoneNumber.IsValid(phone));

    [Theory]
    [InlineData("120111", "120111100001", true)]
    [InlineData("120111100", "120111100001", true)]
    [InlineData("120111100", "120111101001", false)]
    [InlineData("120111100001", "120111100002", false)]
    [InlineData("~", "120111100001", false)]
    public void Scope_is_a_prefix_match(string scope, string code, bool contained) => Assert.Equal(contained, RegionScope.Contains(scope, code));

    [Fact]
    public void Age_bands_cover_consecutive_birth_dates()
    {
        var today = new DateOnly(2026, 11, 28);
        var (from80, to80) = AgeBands.BirthDateRange(AgeBand.From80To89, today);
        var (from90, to90) = AgeBands.BirthDateRange(AgeBand.From90To99, today);
        Assert.Equal(new DateOnly(1946, 11, 28), to80);
        Assert.Equal(from80.AddDays(-1), to90);
        Assert.Equal(80, ShanghaiTime.AgeOn(to80, today));
        Assert.Equal(89, ShanghaiTime.AgeOn(from80, today));
        Assert.Equal(90, ShanghaiTime.AgeOn(to90, today));
        Assert.Equal(99, ShanghaiTime.AgeOn(from90, today));
    }

    [Fact]
    public void The_district_has_its_ten_streets_and_the_named_communities()
    {
        var streets = RegionCatalog.All.Where(r => r.Level == RegionLevel.Street).Select(r => r.Name).ToList();
        Assert.Equal(10, streets.Count);
        Assert.Contains("杨柳青镇", streets);
        Assert.Equal("杨柳青镇", RegionCatalog.All.Single(r => r.Name == "英伦名苑社区").ParentCode is { } p ? RegionCatalog.All.Single(r => r.Code == p).Name : null);
        Assert.Equal("中北镇", RegionCatalog.All.Single(r => r.Code == RegionCatalog.All.Single(v => v.Name == "溪华苑社区").ParentCode).Name);
        Assert.Equal("张家窝镇", RegionCatalog.All.Single(r => r.Code == RegionCatalog.All.Single(v => v.Name == "知景澜园社区").ParentCode).Name);
        Assert.All(RegionCatalog.All, r => Assert.Equal(r.Level, Region.LevelOf(r.Code)));
        Assert.All(RegionCatalog.All.Where(r => r.ParentCode is not null), r => Assert.StartsWith(r.ParentCode!, r.Code, StringComparison.Ordinal));
    }

    [Fact]
    public void Shanghai_time_is_eight_hours_ahead_of_UTC()
    {
        Assert.Equal("2026-11-28 10:00", ShanghaiTime.Format(new DateTime(2026, 11, 28, 2, 0, 0, DateTimeKind.Utc)));
        var clock = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(new DateTimeOffset(2026, 11, 28, 17, 0, 0, TimeSpan.Zero));
        Assert.Equal(new DateOnly(2026, 11, 29), clock.Today());
    }
}
