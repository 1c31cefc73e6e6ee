using System.Text.Json;
using Realtime.Messages.Json;

namespace Realtime.Messages.Bus;

/// <summary>
/// The public part of an IDM user (PROTOCOL 4.4): passwords, policies and other attributes are dropped at
/// parse time so they can never reach a browser.
/// </summary>
public sealed record PublicUser(string Uuid, string Login, string GroupPath, bool IsGroup, IReadOnlyDictionary<string, string> Attributes)
{
    private static readonly string[] PublicAttributes = ["displayName", "avatar"];

    public static PublicUser Parse(JsonElement json)
    {
        var all = json.StringMap("Attributes");
        var kept = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in all)
        {
            if (PublicAttributes.Contains(key, StringComparer.OrdinalIgnoreCase))
                kept[key] = value;
        }
        return new PublicUser(json.String("Uuid"), json.String("Login"), json.String("GroupPath"), json.Bool("IsGroup"), kept);
    }
}
