using System.Collections.Frozen;
using System.Globalization;
using System.Reflection;
using System.Text.Json;
using Microsoft.Extensions.Localization;
using SmartEldercare.Platform.Common;

namespace SmartEldercare.Platform.Localization;

/// <summary>Marker type for <c>IStringLocalizer&lt;Strings&gt;</c>: one shared catalogue of every text a user sees.</summary>
public sealed class Strings;

/// <summary>An assembly contributing an embedded <c>*.strings.json</c> catalogue: { "Key": { "zh-CN": "…", "en": "…" } }.</summary>
public sealed record StringCatalogueSource(Assembly Assembly);

public static class Cultures
{
    public const string Chinese = "zh-CN";
    public const string English = "en";
    public static readonly string[] Supported = [Chinese, English];

    public static string Normalize(CultureInfo culture) =>
        culture.Name.StartsWith("zh", StringComparison.OrdinalIgnoreCase) || culture.Name.Length == 0 ? Chinese : English;
}

/// <summary>
/// Both languages of a text side by side in one JSON file (instead of a .resx pair) so a missing
/// translation is visible at a glance and caught by a test.
/// </summary>
public sealed class StringCatalogue
{
    public StringCatalogue(IEnumerable<StringCatalogueSource> sources)
    {
        var entries = new Dictionary<string, Dictionary<string, string>>(StringComparer.Ordinal);
        foreach (var assembly in sources.Select(s => s.Assembly).Distinct())
        {
            foreach (var name in assembly.GetManifestResourceNames().Where(n => n.EndsWith("strings.json", StringComparison.OrdinalIgnoreCase)))
            {
                using var stream = assembly.GetManifestResourceStream(name)!;
                var file = JsonSerializer.Deserialize<Dictionary<string, Dictionary<string, string>>>(stream)
                    ?? throw new InvalidOperationException($"Empty string catalogue {name}");
                foreach (var (key, texts) in file)
                {
                    if (!entries.TryAdd(key, texts))
                    {
                        throw new InvalidOperationException($"Text key '{key}' is defined twice ({name}).");
                    }
                }
            }
        }

        Entries = entries.ToFrozenDictionary(e => e.Key, e => (IReadOnlyDictionary<string, string>)e.Value.ToFrozenDictionary(), StringComparer.Ordinal);
    }

    public FrozenDictionary<string, IReadOnlyDictionary<string, string>> Entries { get; }

    public string? Find(string key, CultureInfo culture) =>
        Entries.TryGetValue(key, out var texts) && texts.TryGetValue(Cultures.Normalize(culture), out var text) ? text : null;
}

public sealed class JsonStringLocalizer(StringCatalogue catalogue) : IStringLocalizer
{
    public LocalizedString this[string name]
    {
        get
        {
            var text = catalogue.Find(name, CultureInfo.CurrentUICulture);
            return new LocalizedString(name, text ?? name, resourceNotFound: text is null);
        }
    }

    public LocalizedString this[string name, params object[] arguments]
    {
        get
        {
            var template = this[name];
            return new LocalizedString(name, string.Format(CultureInfo.CurrentCulture, template.Value, arguments), template.ResourceNotFound);
        }
    }

    public IEnumerable<LocalizedString> GetAllStrings(bool includeParentCultures) =>
        catalogue.Entries.Keys.Select(k => this[k]);
}

public sealed class JsonStringLocalizer<T>(StringCatalogue catalogue) : IStringLocalizer<T>
{
    private readonly JsonStringLocalizer inner = new(catalogue);

    public LocalizedString this[string name] => inner[name];

    public LocalizedString this[string name, params object[] arguments] => inner[name, arguments];

    public IEnumerable<LocalizedString> GetAllStrings(bool includeParentCultures) => inner.GetAllStrings(includeParentCultures);
}

public sealed class JsonStringLocalizerFactory(StringCatalogue catalogue) : IStringLocalizerFactory
{
    public IStringLocalizer Create(Type resourceSource) => new JsonStringLocalizer(catalogue);

    public IStringLocalizer Create(string baseName, string location) => new JsonStringLocalizer(catalogue);
}

public static class LocalizerExtensions
{
    /// <summary>Turns a result whose messages are text keys (as entities return them) into one with localized messages.</summary>
    public static Result Localized(this Result result, IStringLocalizer l) =>
        result.IsSuccess ? result
        : result.Status == ResultStatus.Invalid ? Result.Invalid([.. result.Errors.Select(e => e with { Message = l[e.Message] })])
        : result.Status == ResultStatus.Conflict ? Result.Conflict(l[result.Message ?? "Common.Conflict"])
        : Result.NotFound(result.Message is null ? null : l[result.Message].Value);

    public static string Enum<TEnum>(this IStringLocalizer l, TEnum value) where TEnum : struct, Enum =>
        l[$"{typeof(TEnum).Name}.{value}"];
}
