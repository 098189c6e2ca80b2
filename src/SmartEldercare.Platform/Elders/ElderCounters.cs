namespace SmartEldercare.Platform.Elders;

/// <summary>What of an elder the consoles count: region, whether active, age and key groups.</summary>
public readonly record struct ElderFigures(string RegionCode, bool Active, DateOnly BirthDate, KeyGroups Groups)
{
    public static ElderFigures Of(Elder elder) => new(elder.RegionCode, elder.Status == ElderStatus.Active, elder.BirthDate, elder.KeyGroups);
}

/// <summary>
/// The console counters an elder contributes to, by name, so that a change travels as a delta with its live update
/// and consoles keep their figures without re-counting the district (217,000 elders) on every push.
/// </summary>
public static class ElderCounters
{
    public const string Active = "elders.active";
    public const string Aged80 = "elders.aged80";
    public const string Aged90 = "elders.aged90";
    public const string Aged100 = "elders.aged100";

    public static string Tag(ElderTag tag) => "elders.tag." + tag;

    /// <summary>+1 for each counter the elder counts in (nothing when not active), on the same age rule as the console's query.</summary>
    public static Dictionary<string, int> Of(ElderFigures elder, DateOnly today)
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        if (!elder.Active)
        {
            return counts;
        }

        counts[Active] = 1;
        foreach (var (years, name) in new[] { (80, Aged80), (90, Aged90), (100, Aged100) })
        {
            if (elder.BirthDate <= today.AddYears(-years))
            {
                counts[name] = 1;
            }
        }

        foreach (var tag in Enum.GetValues<ElderTag>())
        {
            if (tag == ElderTag.VeryOld ? counts.ContainsKey(Aged80) : elder.Groups.HasFlag(ElderTags.ToGroup(tag)))
            {
                counts[Tag(tag)] = 1;
            }
        }

        return counts;
    }

    /// <summary>
    /// The deltas a change makes, per region: one entry when the elder stayed in (or entered, or left) one village,
    /// two when the elder moved (minus in the old village, plus in the new). Counters that did not move are left out.
    /// </summary>
    public static IReadOnlyList<(string RegionCode, IReadOnlyDictionary<string, int> Deltas)> Between(ElderFigures? before, ElderFigures? after, DateOnly today)
    {
        var was = before is { } b ? Of(b, today) : [];
        var now = after is { } a ? Of(a, today) : [];
        if (before is { } old && after is { } @new && old.RegionCode != @new.RegionCode)
        {
            return [(old.RegionCode, Negate(was)), (@new.RegionCode, now)];
        }

        var region = (after ?? before)?.RegionCode ?? throw new ArgumentException("A change needs a before or an after.", nameof(after));
        var deltas = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var name in was.Keys.Union(now.Keys))
        {
            var delta = now.GetValueOrDefault(name) - was.GetValueOrDefault(name);
            if (delta != 0)
            {
                deltas[name] = delta;
            }
        }

        return [(region, deltas)];
    }

    private static Dictionary<string, int> Negate(Dictionary<string, int> counts) =>
        counts.ToDictionary(c => c.Key, c => -c.Value, StringComparer.Ordinal);
}
