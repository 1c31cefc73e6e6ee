using System.Text.Json;
using Realtime.Messages.Json;

namespace Realtime.Messages.Bus;

/// <summary>Bus payload of the <c>tree</c> and <c>meta</c> topics (PROTOCOL 4.2). Metadata is not forwarded, so not kept.</summary>
public sealed record NodeChangeEvent(NodeEventType Type, Node? Source, Node? Target, bool Silent, bool Optimistic)
{
    public static NodeChangeEvent Parse(JsonElement json)
    {
        if (json.ValueKind != JsonValueKind.Object)
            throw new FormatException("a node event must be a JSON object");
        var source = json.Object("Source") is { } s ? Node.Parse(s) : null;
        var target = json.Object("Target") is { } t ? Node.Parse(t) : null;
        var type = json.Enum<NodeEventType>("Type");
        if (source is null && target is null)
            throw new FormatException("a node event needs a Source or a Target");
        return new NodeChangeEvent(type, source, target, json.Bool("Silent"), json.Bool("Optimistic"));
    }
}
