using System.Globalization;

namespace SmartEldercare.Platform.Common;

/// <summary>Resident identity card numbers by GB 11643-1999: 17 digits and an ISO 7064 MOD 11-2 check character.</summary>
public static class ChinaIdNumber
{
    private static readonly int[] Weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
    private const string CheckCharacters = "10X98765432";

    public static string Normalize(string? value) => (value ?? string.Empty).Trim().ToUpperInvariant();

    public static char CheckCharacter(ReadOnlySpan<char> first17)
    {
        var sum = 0;
        for (var i = 0; i < 17; i++)
        {
            sum += (first17[i] - '0') * Weights[i];
        }

        return CheckCharacters[sum % 11];
    }

    public static bool IsValid(string? value) => TryParse(value, out _, out _);

    public static bool TryParse(string? value, out DateOnly birthDate, out Gender gender)
    {
        birthDate = default;
        gender = Gender.Unknown;
        var id = Normalize(value);
        if (id.Length != 18)
        {
            return false;
        }

        for (var i = 0; i < 17; i++)
        {
            if (!char.IsAsciiDigit(id[i]))
            {
                return false;
            }
        }

        if (CheckCharacter(id.AsSpan(0, 17)) != id[17])
        {
            return false;
        }

        if (!DateOnly.TryParseExact(id.AsSpan(6, 8), "yyyyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.None, out birthDate)
            || birthDate.Year < 1900)
        {
            return false;
        }

        gender = (id[16] - '0') % 2 == 1 ? Gender.Male : Gender.Female;
        return true;
    }

    /// <summary>Builds a valid number from its parts (demo data and tests).</summary>
    public static string Create(string areaCode, DateOnly birthDate, int sequence, Gender gender)
    {
        // The 17th digit carries the gender: odd for men, even for women.
        var seq = (sequence % 500 * 2) + (gender == Gender.Male ? 1 : 0);
        var first17 = string.Create(CultureInfo.InvariantCulture, $"{areaCode}{birthDate:yyyyMMdd}{seq:000}");
        return first17 + CheckCharacter(first17);
    }
}

public enum Gender
{
    Unknown = 0,
    Male = 1,
    Female = 2,
}
