using System.Collections.Concurrent;
using System.Security.Cryptography;

namespace SmartEldercare.Dashboard.Features;

/// <summary>
/// Dashboards read while prerendering, kept briefly on this instance for the circuit that follows, which takes its own by
/// the token the page carries (the view itself would be far larger than a circuit's start-up message may be). A token is
/// taken once, only by the user it was kept for, within a minute; otherwise the circuit reads the figures itself.
/// </summary>
public sealed class PrerenderedDashboards(TimeProvider clock)
{
    /// <summary>At most this many are kept (a burst of page loads whose circuits never start must not grow the memory).</summary>
    public const int Capacity = 500;

    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(1);

    private readonly ConcurrentDictionary<string, Entry> views = new(StringComparer.Ordinal);

    public int Count => views.Count;

    /// <returns>The token to carry into the circuit, or null when none could be kept (it then reads again).</returns>
    public string? Keep(Guid user, DashboardView view)
    {
        var now = clock.UtcNow();
        foreach (var (token, entry) in views)
        {
            if (entry.ExpiresUtc <= now)
            {
                views.TryRemove(token, out _);
            }
        }

        if (views.Count >= Capacity)
        {
            return null;
        }

        var key = Convert.ToHexString(RandomNumberGenerator.GetBytes(16));
        views[key] = new Entry(user, view, now + Lifetime);
        return key;
    }

    public DashboardView? Take(string token, Guid user) =>
        views.TryRemove(token, out var entry) && entry.User == user && entry.ExpiresUtc > clock.UtcNow() ? entry.View : null;

    private sealed record Entry(Guid User, DashboardView View, DateTime ExpiresUtc);
}
