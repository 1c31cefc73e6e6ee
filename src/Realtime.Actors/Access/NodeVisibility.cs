using Realtime.Messages.Bus;

namespace Realtime.Actors.Access;

/// <summary>Whether a node path is visible to a user in one workspace, and under which root.</summary>
public static class NodeVisibility
{
    /// <summary>The visible root that contains <paramref name="node"/>, or null when the user must not see it.</summary>
    public static RootNode? VisibleRoot(WorkspaceAccess access, Node node)
    {
        if (node.BaseName.StartsWith('.') || access.DeniedNodes.Contains(node.Uuid))
            return null;
        var path = PathRules.Normalize(node.Path);
        foreach (var root in access.VisibleRoots)
        {
            if (PathRules.IsInside(path, root.Path))
                return IsDenied(access, path) ? null : root;
        }
        return null;
    }

    public static bool IsDenied(WorkspaceAccess access, string path)
    {
        foreach (var deny in access.DenyPaths)
        {
            if (PathRules.IsInside(path, deny))
                return true;
        }
        return false;
    }

    /// <summary>Write is granted by a writable root, or by a write ACL on the node or one of its ancestors.</summary>
    public static bool CanWrite(WorkspaceAccess access, string path)
    {
        foreach (var writable in access.WritablePaths)
        {
            if (PathRules.IsInside(path, writable))
                return true;
        }
        return false;
    }
}
