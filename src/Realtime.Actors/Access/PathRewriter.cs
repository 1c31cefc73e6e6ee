using Realtime.Messages.Bus;

namespace Realtime.Actors.Access;

/// <summary>
/// Rewrites an internal path into the workspace view (PROTOCOL 4.2): <c>&lt;slug&gt;/&lt;rel&gt;</c>, or
/// <c>&lt;slug&gt;/&lt;rootKey&gt;/&lt;rel&gt;</c> when the workspace has two or more roots.
/// </summary>
public static class PathRewriter
{
    public static string Rewrite(Workspace workspace, RootNode root, string internalPath)
    {
        var path = PathRules.Normalize(internalPath);
        var relative = path.Length > root.Path.Length ? path[(root.Path.Length + 1)..] : "";
        return workspace.RootNodes.Count >= 2
            ? $"{workspace.Slug}/{root.Key}/{relative}"
            : $"{workspace.Slug}/{relative}";
    }

    /// <summary>The node as sent to the browser: rewritten path, <c>EventWorkspaceId</c> set, <c>pydio:</c> keys removed.</summary>
    public static Node ForWorkspace(Workspace workspace, RootNode root, Node node)
    {
        var meta = new Dictionary<string, string>(node.MetaStore.Count + 1, StringComparer.Ordinal);
        foreach (var (key, value) in node.MetaStore)
        {
            if (!key.StartsWith("pydio:", StringComparison.Ordinal))
                meta[key] = value;
        }
        meta["EventWorkspaceId"] = System.Text.Json.JsonSerializer.Serialize(workspace.UUID);
        return node with { Path = Rewrite(workspace, root, node.Path), MetaStore = meta };
    }
}
