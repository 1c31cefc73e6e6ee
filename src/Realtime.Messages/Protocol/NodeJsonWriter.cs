using System.Text.Json;
using Realtime.Messages.Bus;

namespace Realtime.Messages.Protocol;

/// <summary>Writes a Node in the exact browser shape: zero values omitted, 64-bit values as strings.</summary>
public static class NodeJsonWriter
{
    public static void Write(Utf8JsonWriter writer, Node node)
    {
        writer.WriteStartObject();
        writer.WriteStringIfNotEmpty("Uuid", node.Uuid);
        writer.WriteStringIfNotEmpty("Path", node.Path);
        if (node.Type != NodeType.UNKNOWN)
            writer.WriteString("Type", node.Type.ToString());
        writer.WriteInt64StringIfNotZero("Size", node.Size);
        writer.WriteInt64StringIfNotZero("MTime", node.MTime);
        if (node.Mode != 0)
            writer.WriteNumber("Mode", node.Mode);
        writer.WriteStringIfNotEmpty("Etag", node.Etag);
        if (node.MetaStore.Count > 0)
        {
            writer.WriteStartObject("MetaStore");
            foreach (var (key, value) in node.MetaStore)
                writer.WriteString(key, value);
            writer.WriteEndObject();
        }
        writer.WriteEndObject();
    }
}
