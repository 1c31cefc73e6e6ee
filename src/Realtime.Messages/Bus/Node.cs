using System.Text.Json;
using Realtime.Messages.Json;

namespace Realtime.Messages.Bus;

/// <summary>A tree node as carried by the bus. <see cref="Path"/> is the internal <c>&lt;datasource&gt;/&lt;path&gt;</c>.</summary>
public sealed record Node(
    string Uuid,
    string Path,
    NodeType Type,
    long Size,
    long MTime,
    int Mode,
    string Etag,
    IReadOnlyDictionary<string, string> MetaStore)
{
    public static Node Parse(JsonElement json) => new(
        json.String("Uuid"),
        json.String("Path"),
        json.Enum<NodeType>("Type"),
        json.Int64("Size"),
        json.Int64("MTime"),
        json.Int32("Mode"),
        json.String("Etag"),
        json.JsonValueMap("MetaStore"));

    /// <summary>The last path segment, used for the dot-file rule.</summary>
    public string BaseName
    {
        get
        {
            var trimmed = Path.TrimEnd('/');
            var slash = trimmed.LastIndexOf('/');
            return slash < 0 ? trimmed : trimmed[(slash + 1)..];
        }
    }
}
