using SmartEldercare.Platform.Common;
using SmartEldercare.Platform.Elders;
using SmartEldercare.Platform.Regions;
using SmartEldercare.Tests.Infrastructure;
using SmartEldercare.Welfare;
using SmartEldercare.Welfare.Features.Rosters;

namespace SmartEldercare.Tests.Welfare;

public sealed class RosterTests
{
    [Theory]
    [InlineData("1946-11-28", "2026-11-27", false)] // the day before the 80th birthday
    [InlineData("1946-11-28", "2026-11-28", true)]  // the birthday itself
    [InlineData("1936-02-29", "2026-02-28", false)] // 29 February birth, common year: not yet 90 on 28 February
    [InlineData("1936-02-29", "2026-03-01", true)]  // … but on 1 March
    [InlineData("1928-02-29", "2028-02-29", true)]  // leap year: on the day
    [InlineData("1928-02-29", "2028-02-28", false)]
    public void Age_thresholds_are_reached_on_the_birthday_and_on_1_March_for_a_29_February_birth_in_a_common_year(string birth, string day, bool reached)
    {
        var (b, d) = (DateOnly.Parse(birth, System.Globalization.CultureInfo.InvariantCulture), DateOnly.Parse(day, System.Globalization.CultureInfo.InvariantCulture));
        var age = d.Year - b.Year - (d.Year - b.Year) % 10; // the decade threshold of that year: 80, 90 or 100
        Assert.Equal(reached, VeryOld.IsAtLeast(b, age, d));
        Assert.Equal(reached, ShanghaiTime.AgeOn(b, d) >= age); // the same reading as the platform's age
    }

    [Fact]
    public void The_birthday_of_a_29_February_birth_in_a_common_year_is_1_March()
    {
        Assert.Equal(new DateOnly(2026, 3, 1), VeryOld.BirthdayOf(new DateOnly(1936, 2, 29), 90));
        Assert.Equal(new DateOnly(2028, 2, 29), VeryOld.BirthdayOf(new DateOnly(1928, 2, 29), 100));
    }

    [Theory]
    [InlineData(TestProvider.Sqlite)]
    [InlineData(TestProvider.PostgreSql)]
    public async Task The_roster_on_a_day_holds_who_was_of_age_and_still_registered_that_day(TestProvider provider)
    {
        await using var world = await WelfareWorld.CreateAsync(provider);
        var today = world.Today; // 2026-11-28
        var turnsTomorrow = await world.ElderAsync(today.AddYears(-80).AddDays(1), name: "明天八十");
        var turnsToday = await world.ElderAsync(today.AddYears(-80), name: "今天八十");
        var ninety = await world.ElderAsync(new DateOnly(1936, 2, 29), name: "闰日九十");
        var died = await world.ElderAsync(new DateOnly(1930, 5, 1), name: "已故");
        await world.StatusAsync(died, ElderStatus.Deceased, today.AddDays(-10));
        await world.ElderAsync(new DateOnly(1920, 1, 1), region: RegionCatalog.XihuayuanCode, name: "中北百岁");

        var mine = await world.As(TestUsers.Street, m => m.Send(new GetRoster.Query(80)));
        Assert.Equal([ninety, turnsToday], mine.Items.Select(r => r.ElderId));
        Assert.All(mine.Items, r => Assert.StartsWith("**************", r.IdNumberMasked, StringComparison.Ordinal));

        var before = await world.As(TestUsers.Street, m => m.Send(new GetRoster.Query(80, today.AddDays(-11))));
        Assert.Equal([died, ninety], before.Items.Select(r => r.ElderId)); // alive then; "今天八十" was 79
        var ninetyOnLeapEve = await world.As(TestUsers.Street, m => m.Send(new GetRoster.Query(90, new DateOnly(2026, 2, 28))));
        Assert.DoesNotContain(ninety, ninetyOnLeapEve.Items.Select(r => r.ElderId));
        var ninetyOnMarch1 = await world.As(TestUsers.Street, m => m.Send(new GetRoster.Query(90, new DateOnly(2026, 3, 1))));
        Assert.Contains(ninety, ninetyOnMarch1.Items.Select(r => r.ElderId));
        Assert.DoesNotContain(turnsTomorrow, mine.Items.Select(r => r.ElderId));

        var counts = await world.As(TestUsers.District, m => m.Send(new GetRosterCounts.Query()));
        Assert.Equal((3, 2, 1), (counts.Aged80, counts.Aged90, counts.Aged100));
        Assert.Equal([(RegionCatalog.YangliuqingCode, 2, 1, 0), (RegionCatalog.ZhongbeiCode, 1, 1, 1)], counts.Streets.Select(s => (s.Code, s.Aged80, s.Aged90, s.Aged100)));
        Assert.Equal([(RegionCatalog.YinglunMingyuanCode, 2), (RegionCatalog.XihuayuanCode, 1)], counts.Villages.Select(v => (v.Code, v.Aged80)));

        // Another street's staff see none of it.
        Assert.Equal(0, (await world.As(TestUsers.Street2, m => m.Send(new GetRoster.Query(80, RegionCode: RegionCatalog.YinglunMingyuanCode)))).Total);
    }

    [Fact]
    public async Task The_month_lists_who_turned_80_90_or_100_and_who_died_or_moved_and_upcoming_big_birthdays()
    {
        await using var world = await WelfareWorld.CreateAsync();
        var today = world.Today; // 2026-11-28
        var eighty = await world.ElderAsync(new DateOnly(1946, 11, 3), name: "十一月八十");
        await world.ElderAsync(new DateOnly(1946, 12, 3), name: "十二月八十");
        var hundred = await world.ElderAsync(new DateOnly(1926, 11, 30), name: "后天百岁");
        var ninetySoon = await world.ElderAsync(new DateOnly(1936, 12, 20), name: "将满九十");
        var moved = await world.ElderAsync(new DateOnly(1940, 1, 1), name: "迁出");
        await world.StatusAsync(moved, ElderStatus.MovedOut, new DateOnly(2026, 11, 5));
        var young = await world.ElderAsync(new DateOnly(1950, 1, 1), name: "七十六");
        await world.StatusAsync(young, ElderStatus.Deceased, new DateOnly(2026, 11, 6)); // not on an 80+ roster: no change

        var changes = await world.As(TestUsers.Village, m => m.Send(new GetRosterChanges.Query(202611)));
        Assert.Equal([(eighty, RosterChangeKind.Turned80, new DateOnly(2026, 11, 3)), (moved, RosterChangeKind.MovedOut, new DateOnly(2026, 11, 5)), (hundred, RosterChangeKind.Turned100, new DateOnly(2026, 11, 30))],
            changes.Select(c => (c.ElderId, c.Kind, c.Date)));

        var upcoming = await world.As(TestUsers.Village, m => m.Send(new GetUpcomingBirthdays.Query(30)));
        Assert.Equal([(hundred, 100, new DateOnly(2026, 11, 30)), (ninetySoon, 90, new DateOnly(2026, 12, 20))], upcoming.Select(b => (b.ElderId, b.TurningAge, b.Birthday)));
        Assert.Equal(today.AddDays(2), upcoming[0].Birthday);
    }
}
