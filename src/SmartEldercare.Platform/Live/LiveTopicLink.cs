using Microsoft.Extensions.DependencyInjection;

namespace SmartEldercare.Platform.Live;

/// <summary>
/// Where a console's feed links an update whose topic starts with <see cref="TopicPrefix"/>: each module registers the
/// links of its own topics, and the longest matching prefix wins.
/// </summary>
/// <param name="TopicPrefix">A topic or the start of one (<c>alarm.</c>, <c>card.flag</c>).</param>
/// <param name="Href">The page of the update's record; null when there is none.</param>
public sealed record LiveTopicLink(string TopicPrefix, Func<LiveUpdate, string?> Href)
{
    /// <summary>The link of <paramref name="update"/> among <paramref name="links"/>, or null.</summary>
    public static string? For(IEnumerable<LiveTopicLink> links, LiveUpdate update) =>
        update.RecordId is null ? null
        : links.Where(l => update.Topic.StartsWith(l.TopicPrefix, StringComparison.Ordinal)).MaxBy(l => l.TopicPrefix.Length)?.Href(update);
}

public static class LiveTopicLinks
{
    public static IServiceCollection AddLiveTopicLink(this IServiceCollection services, string topicPrefix, Func<LiveUpdate, string?> href) =>
        services.AddSingleton(new LiveTopicLink(topicPrefix, href));
}
