using System.Globalization;
using System.Reflection;

namespace Realtime.App.Options;

/// <summary>
/// Lets every duration setting also be given as plain seconds (<c>Realtime__Sockets__AuthTimeout=5</c>), which
/// the configuration binder would otherwise read as days. <c>hh:mm:ss</c> keeps working.
/// </summary>
public static class DurationSettings
{
    /// <summary>Configuration keys (under <paramref name="prefix"/>) of every TimeSpan setting of <paramref name="type"/>.</summary>
    public static IEnumerable<string> Keys(Type type, string prefix)
    {
        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.CanWrite))
        {
            var key = $"{prefix}:{property.Name}";
            var propertyType = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
            if (propertyType == typeof(TimeSpan))
                yield return key;
            else if (propertyType.IsClass && propertyType != typeof(string) && !typeof(System.Collections.IEnumerable).IsAssignableFrom(propertyType))
            {
                foreach (var nested in Keys(propertyType, key))
                    yield return nested;
            }
        }
    }

    /// <summary>The configuration with every numeric duration rewritten from seconds to <c>d.hh:mm:ss.fffffff</c>.</summary>
    public static IConfiguration WithSecondsRead(IConfiguration configuration, Type optionsType, string prefix)
    {
        var rewritten = new Dictionary<string, string?>();
        foreach (var key in Keys(optionsType, prefix))
        {
            if (configuration[key] is { } value && double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds))
                rewritten[key] = TimeSpan.FromSeconds(seconds).ToString("c", CultureInfo.InvariantCulture);
        }
        return rewritten.Count == 0
            ? configuration
            : new ConfigurationBuilder().AddConfiguration(configuration).AddInMemoryCollection(rewritten).Build();
    }
}
