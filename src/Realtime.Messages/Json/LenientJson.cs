using System.Globalization;
using System.Text.Json;

namespace Realtime.Messages.Json;

/// <summary>
/// Lenient readers for bus and client input (PROTOCOL 2): field names case-insensitive,
/// enums by name or number, 64-bit integers as string or number.
/// </summary>
public static class LenientJson
{
    public static bool TryGet(this JsonElement element, string name, out JsonElement value)
    {
        if (element.ValueKind == JsonValueKind.Object)
        {
            if (element.TryGetProperty(name, out value))
                return true;
            foreach (var property in element.EnumerateObject())
            {
                if (string.Equals(property.Name, name, StringComparison.OrdinalIgnoreCase))
                {
                    value = property.Value;
                    return true;
                }
            }
        }
        value = default;
        return false;
    }

    public static JsonElement? Object(this JsonElement element, string name) =>
        element.TryGet(name, out var value) && value.ValueKind == JsonValueKind.Object ? value : null;

    public static string String(this JsonElement element, string name) =>
        element.TryGet(name, out var value) ? AsString(value) : "";

    public static string AsString(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString() ?? "",
        JsonValueKind.Number => value.GetRawText(),
        JsonValueKind.True => "true",
        JsonValueKind.False => "false",
        _ => "",
    };

    public static long Int64(this JsonElement element, string name)
    {
        if (!element.TryGet(name, out var value))
            return 0;
        return value.ValueKind switch
        {
            JsonValueKind.Number when value.TryGetInt64(out var n) => n,
            JsonValueKind.Number => (long)value.GetDouble(),
            JsonValueKind.String when long.TryParse(value.GetString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var s) => s,
            JsonValueKind.Null or JsonValueKind.Undefined => 0,
            JsonValueKind.String when string.IsNullOrEmpty(value.GetString()) => 0,
            _ => throw new FormatException($"'{name}' is not an integer"),
        };
    }

    public static int Int32(this JsonElement element, string name) => checked((int)element.Int64(name));

    public static bool Bool(this JsonElement element, string name) =>
        element.TryGet(name, out var value) && value.ValueKind switch
        {
            JsonValueKind.True => true,
            JsonValueKind.String => bool.TryParse(value.GetString(), out var b) && b,
            _ => false,
        };

    /// <summary>Reads an enum by name (case-insensitive) or by number; a missing field is the zero value.</summary>
    public static TEnum Enum<TEnum>(this JsonElement element, string name) where TEnum : struct, Enum
    {
        if (!element.TryGet(name, out var value) || value.ValueKind == JsonValueKind.Null)
            return default;
        if (value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var number) && System.Enum.IsDefined(typeof(TEnum), number))
            return (TEnum)System.Enum.ToObject(typeof(TEnum), number);
        if (value.ValueKind == JsonValueKind.String)
        {
            var text = value.GetString() ?? "";
            if (text.Length == 0)
                return default;
            if (!int.TryParse(text, out _) && System.Enum.TryParse<TEnum>(text, ignoreCase: true, out var parsed))
                return parsed;
            if (int.TryParse(text, out var n) && System.Enum.IsDefined(typeof(TEnum), n))
                return (TEnum)System.Enum.ToObject(typeof(TEnum), n);
        }
        throw new FormatException($"'{name}' is not a valid {typeof(TEnum).Name}");
    }

    /// <summary>A string-to-string map; non-string values keep their raw JSON text.</summary>
    public static IReadOnlyDictionary<string, string> StringMap(this JsonElement element, string name)
    {
        if (!element.TryGet(name, out var value) || value.ValueKind != JsonValueKind.Object)
            return EmptyMap;
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var property in value.EnumerateObject())
            map[property.Name] = property.Value.ValueKind == JsonValueKind.String ? property.Value.GetString() ?? "" : property.Value.GetRawText();
        return map;
    }

    /// <summary>
    /// A MetaStore map (PROTOCOL 2): every value is a JSON-encoded string. Non-string values keep their raw JSON
    /// text; a string value that is not itself valid JSON is taken as plain text and JSON-encoded.
    /// </summary>
    public static IReadOnlyDictionary<string, string> JsonValueMap(this JsonElement element, string name)
    {
        var map = element.StringMap(name);
        if (map.Count == 0 || map.Values.All(IsJson))
            return map;
        return map.ToDictionary(e => e.Key, e => IsJson(e.Value) ? e.Value : JsonSerializer.Serialize(e.Value), StringComparer.Ordinal);
    }

    public static bool IsJson(string text)
    {
        if (text.Length == 0)
            return false;
        var reader = new Utf8JsonReader(System.Text.Encoding.UTF8.GetBytes(text));
        try
        {
            while (reader.Read())
            {
            }
            return reader.BytesConsumed > 0;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    public static readonly IReadOnlyDictionary<string, string> EmptyMap = new Dictionary<string, string>();
}
