namespace SmartEldercare.Bench;

/// <summary>Latency percentiles in milliseconds (nearest rank), over <see cref="Count"/> samples.</summary>
internal sealed record Percentiles(int Count, double P50, double P95, double P99, double Max)
{
    public static Percentiles Of(IEnumerable<double> samples)
    {
        var sorted = samples.ToArray();
        if (sorted.Length == 0)
        {
            return new Percentiles(0, double.NaN, double.NaN, double.NaN, double.NaN);
        }

        Array.Sort(sorted);
        return new Percentiles(sorted.Length, Stats.Percentile(sorted, 0.50), Stats.Percentile(sorted, 0.95), Stats.Percentile(sorted, 0.99), sorted[^1]);
    }
}

internal static class Stats
{
    /// <summary>Nearest-rank percentile of sorted samples.</summary>
    public static double Percentile(double[] sorted, double fraction) =>
        sorted[Math.Clamp((int)Math.Ceiling(fraction * sorted.Length) - 1, 0, sorted.Length - 1)];
}
