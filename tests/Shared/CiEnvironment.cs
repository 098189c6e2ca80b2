namespace SmartEldercare.Testing;

/// <summary>Whether the run is CI's: <c>CI</c> is <c>true</c> or <c>1</c> (any case), as <c>tests/run.sh</c> reads it.</summary>
internal static class CiEnvironment
{
    public static bool IsCi => Environment.GetEnvironmentVariable("CI") is { } value
        && (value.Equals("true", StringComparison.OrdinalIgnoreCase) || value == "1");
}
