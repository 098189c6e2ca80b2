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

