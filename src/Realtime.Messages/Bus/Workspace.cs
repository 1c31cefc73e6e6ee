using System.Text.Json;
using Realtime.Messages.Json;

namespace Realtime.Messages.Bus;

public sealed record Workspace(string UUID, string Slug, string Label, IReadOnlyList<RootNode> RootNodes)
{
    public static Workspace Parse(JsonElement json)
    {
        var roots = new List<RootNode>();
        if (json.TryGet("RootNodes", out var rootsJson) && rootsJson.ValueKind == JsonValueKind.Object)
        {
            foreach (var root in rootsJson.EnumerateObject())
            {
                var node = root.Value;
                var uuid = node.String("Uuid");
                if (uuid.Length == 0)
                    uuid = root.Name;
                roots.Add(new RootNode(uuid, node.String("Path").TrimEnd('/'), RootKey(node, uuid)));
            }
        }
        return new Workspace(json.String("UUID"), json.String("Slug"), json.String("Label"), roots);
    }

    private static string RootKey(JsonElement node, string uuid)
    {
        var meta = node.StringMap("MetaStore");
        if (meta.TryGetValue("name", out var encoded))
        {
            try
            {
                if (JsonSerializer.Deserialize<string>(encoded) is { Length: > 0 } name)
                    return name;
            }
            catch (JsonException)
            {
                // Not JSON-encoded as it should be: use it as is rather than lose the name.
                if (encoded.Length > 0)
                    return encoded;
            }
        }
        return uuid;
    }
}
