using System.Globalization;

namespace SmartEldercare.Social.Features.Canteens;

public static class SocialMonth
{
    public static int Of(DateOnly day) => day.Year * 100 + day.Month;

    public static bool IsValid(int month) => month / 100 is >= 2000 and <= 2100 && month % 100 is >= 1 and <= 12;

    public static DateOnly First(int month) => new(month / 100, month % 100, 1);

    public static string Label(int month) => First(month).ToString("yyyy-MM", CultureInfo.InvariantCulture);
}
