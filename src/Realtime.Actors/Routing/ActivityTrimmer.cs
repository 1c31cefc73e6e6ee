using System.Text.Json.Nodes;

namespace Realtime.Actors.Routing;

/// <summary>Cuts <c>object.name</c>, <c>origin.name</c> and <c>target.name</c> of an activity to base names (PROTOCOL 4.5).</summary>
public static class ActivityTrimmer
{
    private static readonly string[] Parts = ["object", "origin", "target"];

    public static JsonObject Trim(JsonObject activity)
    {
        var copy = (JsonObject)activity.DeepClone();
        foreach (var part in Parts)
        {
            if (copy[part] is JsonObject obj && obj["name"] is JsonValue value && value.TryGetValue<string>(out var name))
                obj["name"] = BaseName(name);
        }
        return copy;
    }

    private static string BaseName(string path)
    {
        var trimmed = path.TrimEnd('/');
        var slash = trimmed.LastIndexOf('/');
        return slash < 0 ? trimmed : trimmed[(slash + 1)..];
    }
}
