using System.Globalization;
using System.Text.Json;

namespace Realtime.Messages.Json;

/// <summary>
/// Lenient readers for bus and client input (PROTOCOL 2): field names case-insensitive,
/// enums by name or number, 64-bit integers as string or number.
/// </summary>
public static class LenientJson
{
    /// <summary>
    /// Parses one JSON value from UTF-8 bytes; null, with the reason, when they are not UTF-8 or not JSON. The bytes are
    /// checked first because JSON strings are checked for UTF-8 only when read: a bad byte would throw later, deep in
    /// a handler.
    /// </summary>
    public static JsonDocument? TryParse(ReadOnlySpan<byte> utf8, out string problem)
    {
        if (!System.Text.Unicode.Utf8.IsValid(utf8))
        {
            problem = "not valid UTF-8";
            return null;
        }
        try
        {
            var reader = new Utf8JsonReader(utf8);
            problem = "";
            return JsonDocument.ParseValue(ref reader);
        }
        catch (JsonException e)
        {
            problem = $"not valid JSON: {e.Message}";
            return null;
        }
    }

    /// <summary>Field names match case-insensitively.</summary>
    public static bool NameIs(this JsonProperty property, string name) =>
        string.Equals(property.Name, name, StringComparison.OrdinalIgnoreCase);

    public static bool TryGet(this JsonElement element, string name, out JsonElement value)
    {
        if (element.ValueKind == JsonValueKind.Object)
        {
            if (element.TryGetProperty(name, out value))
                return true;
            foreach (var property in element.EnumerateObject())
            {
                if (property.NameIs(name))
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

    /// <summary>A 64-bit integer written as a number (a fraction is cut) or as a string of digits.</summary>
    public static bool TryInt64(JsonElement value, out long result)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.Number when value.TryGetInt64(out result):
                return true;
            case JsonValueKind.Number:
                result = (long)value.GetDouble();
                return true;
            case JsonValueKind.String when long.TryParse(value.GetString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out result):
                return true;
            default:
                result = 0;
                return false;
        }
    }

    /// <summary>A missing, null or empty field is 0; anything else that is not an integer is a format error.</summary>
    public static long Int64(this JsonElement element, string name)
    {
        if (!element.TryGet(name, out var value) || IsEmpty(value))
            return 0;
        return TryInt64(value, out var result) ? result : throw new FormatException($"'{name}' is not an integer");
    }

    public static int Int32(this JsonElement element, string name) => checked((int)element.Int64(name));

    public static bool Bool(this JsonElement element, string name) =>
        element.TryGet(name, out var value) && value.ValueKind switch
        {
            JsonValueKind.True => true,
            JsonValueKind.String => bool.TryParse(value.GetString(), out var b) && b,
            _ => false,
        };

    /// <summary>A defined enum value written as its name (any case), its number, or its number in a string.</summary>
    public static bool TryEnum<TEnum>(JsonElement value, out TEnum result) where TEnum : struct, Enum
    {
        result = default;
        int number;
        if (value.ValueKind == JsonValueKind.Number)
        {
            if (!value.TryGetInt32(out number))
                return false;
        }
        else if (value.ValueKind != JsonValueKind.String)
            return false;
        else if (!int.TryParse(value.GetString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out number))
            return System.Enum.TryParse(value.GetString(), ignoreCase: true, out result) && System.Enum.IsDefined(result);
        result = (TEnum)System.Enum.ToObject(typeof(TEnum), number);
        return System.Enum.IsDefined(result);
    }

    /// <summary>Reads an enum by name (case-insensitive) or by number; a missing, null or empty field is the zero value.</summary>
    public static TEnum Enum<TEnum>(this JsonElement element, string name) where TEnum : struct, Enum
    {
        if (!element.TryGet(name, out var value) || IsEmpty(value))
            return default;
        return TryEnum<TEnum>(value, out var result) ? result : throw new FormatException($"'{name}' is not a valid {typeof(TEnum).Name}");
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

    /// <summary>Null, or an empty string: read as the zero value.</summary>
    private static bool IsEmpty(JsonElement value) =>
        value.ValueKind is JsonValueKind.Null or JsonValueKind.Undefined
        || value.ValueKind == JsonValueKind.String && string.IsNullOrEmpty(value.GetString());

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
