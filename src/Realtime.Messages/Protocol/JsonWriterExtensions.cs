using System.Globalization;
using System.Text.Json;

namespace Realtime.Messages.Protocol;

/// <summary>The output conventions of PROTOCOL 2 for every browser frame: zero values omitted, int64 as strings.</summary>
public static class JsonWriterExtensions
{
    public static void WriteStringIfNotEmpty(this Utf8JsonWriter writer, string name, string value)
    {
        if (!string.IsNullOrEmpty(value))
            writer.WriteString(name, value);
    }

    public static void WriteInt64StringIfNotZero(this Utf8JsonWriter writer, string name, long value)
    {
        if (value != 0)
            writer.WriteString(name, value.ToString(CultureInfo.InvariantCulture));
    }
}
