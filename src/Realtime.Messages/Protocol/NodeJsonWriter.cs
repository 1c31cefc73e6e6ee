using System.Globalization;
using System.Text.Json;
using Realtime.Messages.Bus;

namespace Realtime.Messages.Protocol;

/// <summary>Writes a Node in the exact browser shape: zero values omitted, 64-bit values as strings.</summary>
public static class NodeJsonWriter
{
    public static void Write(Utf8JsonWriter writer, Node node)
    {
        writer.WriteStartObject();
        WriteIfNotEmpty(writer, "Uuid", node.Uuid);
        WriteIfNotEmpty(writer, "Path", node.Path);
        if (node.Type != NodeType.UNKNOWN)
            writer.WriteString("Type", node.Type.ToString());
        if (node.Size != 0)
            writer.WriteString("Size", node.Size.ToString(CultureInfo.InvariantCulture));
        if (node.MTime != 0)
            writer.WriteString("MTime", node.MTime.ToString(CultureInfo.InvariantCulture));
        if (node.Mode != 0)
            writer.WriteNumber("Mode", node.Mode);
        WriteIfNotEmpty(writer, "Etag", node.Etag);
        if (node.MetaStore.Count > 0)
        {
            writer.WriteStartObject("MetaStore");
            foreach (var (key, value) in node.MetaStore)
                writer.WriteString(key, value);
            writer.WriteEndObject();
        }
        writer.WriteEndObject();
    }

    public static void WriteIfNotEmpty(Utf8JsonWriter writer, string name, string value)
    {
        if (!string.IsNullOrEmpty(value))
            writer.WriteString(name, value);
    }
}
