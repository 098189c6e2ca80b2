namespace SmartEldercare.Platform.Common;

/// <summary>User text inside a SQL LIKE pattern: its wildcards match themselves (escape character <see cref="Escape"/>).</summary>
public static class LikePattern
{
    public const string Escape = "\\";

    public static string Literal(string text) => text
        .Replace("\\", "\\\\", StringComparison.Ordinal)
        .Replace("%", "\\%", StringComparison.Ordinal)
        .Replace("_", "\\_", StringComparison.Ordinal);
}
