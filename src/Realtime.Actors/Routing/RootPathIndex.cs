using Realtime.Messages.Bus;

namespace Realtime.Actors.Routing;

/// <summary>
/// Root path → workspaces, so finding the workspaces that contain a node costs one lookup per path segment,
/// not one check per workspace.
/// </summary>
public sealed class RootPathIndex
{
    private readonly Dictionary<string, List<Workspace>> _byRootPath = new(StringComparer.Ordinal);

    public RootPathIndex(IEnumerable<Workspace> workspaces)
    {
        foreach (var workspace in workspaces)
        {
            foreach (var root in workspace.RootNodes)
            {
                if (!_byRootPath.TryGetValue(root.Path, out var list))
                    _byRootPath[root.Path] = list = [];
                if (!list.Contains(workspace))
                    list.Add(workspace);
            }
        }
    }

    public void Collect(string? internalPath, HashSet<Workspace> into)
    {
        if (string.IsNullOrEmpty(internalPath))
            return;
        foreach (var candidate in Access.PathRules.SelfAndAncestors(Access.PathRules.Normalize(internalPath)))
        {
            if (_byRootPath.TryGetValue(candidate, out var workspaces))
                into.UnionWith(workspaces);
        }
    }
}
