using System.Globalization;
using System.Reflection;

namespace Realtime.App.Options;

/// <summary>
/// The forms an operator types into an environment variable, read for every setting of the options tree:
/// a duration as plain seconds (<c>Realtime__Sockets__AuthTimeout=5</c>, which the binder would read as days)
/// and a list as one comma-separated value (<c>Realtime__Ingest__Keys=a,b</c>, which the binder ignores).
/// <c>hh:mm:ss</c> and indexed keys (<c>__0</c>, <c>__1</c>) keep working; indexed values are split on commas too.
/// Secrets are never split or trimmed (a comma may be part of one): a single value is one secret.
/// </summary>
public static class EnvironmentFriendlySettings
{
    public static IConfiguration Apply(IConfiguration configuration, Type optionsType, string prefix, IReadOnlySet<string> secretKeys)
    {
        var rewritten = new Dictionary<string, string?>();
        foreach (var (key, type) in Settings(optionsType, prefix))
        {
            if (type == typeof(TimeSpan))
                RewriteSeconds(configuration, key, rewritten);
            else if (secretKeys.Contains(key))
                RewriteSecretList(configuration, key, rewritten);
            else
                RewriteList(configuration, key, rewritten);
        }
        return rewritten.Count == 0
            ? configuration
            : new ConfigurationBuilder().AddConfiguration(configuration).AddInMemoryCollection(rewritten).Build();
    }

    private static void RewriteSeconds(IConfiguration configuration, string key, Dictionary<string, string?> into)
    {
        if (configuration[key] is { } value && double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds))
            into[key] = TimeSpan.FromSeconds(seconds).ToString("c", CultureInfo.InvariantCulture);
    }

    private static void RewriteList(IConfiguration configuration, string key, Dictionary<string, string?> into)
    {
        var section = configuration.GetSection(key);
        var given = section.Value is { Length: > 0 } scalar
            ? [scalar]
            : section.GetChildren().OrderBy(c => int.TryParse(c.Key, out var i) ? i : int.MaxValue).Select(c => c.Value ?? "").ToList();
        var items = given.SelectMany(v => v.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).ToList();
        // A plain value is always rewritten (the binder would drop it); indexed ones only when split or trimmed.
        if (section.Value is not { Length: > 0 } && items.SequenceEqual(given))
            return;
        for (var i = 0; i < items.Count; i++)
            into[$"{key}:{i}"] = items[i];
    }

    private static void RewriteSecretList(IConfiguration configuration, string key, Dictionary<string, string?> into)
    {
        if (configuration[key] is { Length: > 0 } secret)
            into[$"{key}:0"] = secret;
    }

    /// <summary>Configuration keys (under <paramref name="prefix"/>) of every duration and string-list setting.</summary>
    private static IEnumerable<(string Key, Type Type)> Settings(Type type, string prefix)
    {
        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.CanWrite))
        {
            var key = $"{prefix}:{property.Name}";
            var propertyType = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
            if (propertyType == typeof(TimeSpan) || propertyType == typeof(List<string>))
                yield return (key, propertyType);
            else if (propertyType.IsClass && propertyType != typeof(string) && !typeof(System.Collections.IEnumerable).IsAssignableFrom(propertyType))
            {
                foreach (var nested in Settings(propertyType, key))
                    yield return nested;
            }
        }
    }
}
