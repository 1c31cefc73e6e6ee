using System.Text.Json;

namespace Realtime.Messages.Protocol;

/// <summary>Copies a JSON value, leaving out the object properties of the given names at every depth.</summary>
public static class RedactedJsonWriter
{
    public static void Write(Utf8JsonWriter writer, JsonElement value, IReadOnlySet<string> droppedProperties)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.Object:
                writer.WriteStartObject();
                foreach (var property in value.EnumerateObject())
                {
                    if (droppedProperties.Contains(property.Name))
                        continue;
                    writer.WritePropertyName(property.Name);
                    Write(writer, property.Value, droppedProperties);
                }
                writer.WriteEndObject();
                break;
            case JsonValueKind.Array:
                writer.WriteStartArray();
                foreach (var item in value.EnumerateArray())
                    Write(writer, item, droppedProperties);
                writer.WriteEndArray();
                break;
            default:
                value.WriteTo(writer);
                break;
        }
    }
}
