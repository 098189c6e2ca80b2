using System.Text.RegularExpressions;

namespace SmartEldercare.Platform.Common;

public static partial class PhoneNumber
{
    /// <summary>Mainland mobile (11 digits starting 13–19) or landline with area code (e.g. 022-27391234).</summary>
    public static bool IsValid(string? value) => value is not null && Pattern().IsMatch(value);

    public static string Normalize(string? value) => (value ?? string.Empty).Trim().Replace(" ", string.Empty, StringComparison.Ordinal);

    [GeneratedRegex(@"^(1[3-9]\d{9}|0\d{2,3}-?\d{7,8})$")]
    private static partial Regex Pattern();
}
