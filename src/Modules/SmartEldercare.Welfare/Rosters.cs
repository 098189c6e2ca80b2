namespace SmartEldercare.Welfare;

/// <summary>
/// Ages of the very old, always computed from the birth date. Someone born on 29 February turns a year older on
/// 1 March in a common year: the Civil Code (art. 201) ends a period with no matching day on the month's last day
/// (28 February), so the new year of age starts the day after — the same reading as <see cref="ShanghaiTime.AgeOn"/>.
/// </summary>
public static class VeryOld
{
    public static readonly int[] Thresholds = [80, 90, 100];

    /// <summary>The latest birth date of someone at least <paramref name="age"/> years old on <paramref name="day"/>.</summary>
    public static DateOnly BornOnOrBefore(int age, DateOnly day) => day.AddYears(-age);

    public static bool IsAtLeast(DateOnly birthDate, int age, DateOnly day) => birthDate <= BornOnOrBefore(age, day);

    /// <summary>The day <paramref name="birthDate"/> turns <paramref name="age"/> (1 March for a 29 February birth in a common year).</summary>
    public static DateOnly BirthdayOf(DateOnly birthDate, int age)
    {
        var year = birthDate.Year + age;
        return birthDate is { Month: 2, Day: 29 } && !DateTime.IsLeapYear(year) ? new DateOnly(year, 3, 1) : new DateOnly(year, birthDate.Month, birthDate.Day);
    }
}

/// <summary>A calendar month as yyyyMM.</summary>
public static class WelfareMonth
{
    public static int Of(DateOnly day) => day.Year * 100 + day.Month;

    public static DateOnly FirstDay(int month) => new(month / 100, month % 100, 1);

    public static DateOnly LastDay(int month) => FirstDay(month).AddMonths(1).AddDays(-1);

    public static int Previous(int month) => Of(FirstDay(month).AddMonths(-1));

    public static bool IsValid(int month) => month / 100 is >= 2020 and <= 2100 && month % 100 is >= 1 and <= 12;

    public static string Label(int month) => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{month / 100:D4}-{month % 100:D2}");
}
