using Realtime.Messages.Bus;

namespace Realtime.Actors.Access;

/// <summary>
/// Flattens the ACLs of a user's roles (PROTOCOL 4.1): per node, the last role in token order that mentions
/// the node decides its actions. Only <c>read</c>, <c>write</c> and <c>deny</c> count.
/// </summary>
public static class AccessResolver
{
    public static IReadOnlyDictionary<string, NodeRights> Flatten(IEnumerable<Acl> acls, IReadOnlyList<string> roles)
    {
        var byRole = acls.ToLookup(a => a.RoleID, StringComparer.Ordinal);
        var flattened = new Dictionary<string, NodeRights>(StringComparer.Ordinal);
        foreach (var role in roles)
        {
            var mentioned = new Dictionary<string, NodeRights>(StringComparer.Ordinal);
            foreach (var acl in byRole[role])
            {
                var right = RightOf(acl.Action.Name);
                if (right == NodeRights.None || acl.NodeID.Length == 0)
                    continue;
                mentioned[acl.NodeID] = mentioned.GetValueOrDefault(acl.NodeID) | right;
            }
            foreach (var (node, rights) in mentioned)
                flattened[node] = rights;
        }
        return flattened;
    }

    public static UserAccess Resolve(AccessDirectory directory, IReadOnlyList<string> roles)
    {
        var rights = Flatten(directory.Acls, roles);
        var denyPaths = new List<string>();
        var writablePaths = new List<string>();
        var deniedNodes = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (node, right) in rights)
        {
            if (right.HasFlag(NodeRights.Deny))
                deniedNodes.Add(node);
            if (directory.PathOf(node) is not { } path)
                continue;
            if (right.HasFlag(NodeRights.Deny))
                denyPaths.Add(path);
            else if (right.HasFlag(NodeRights.Write))
                writablePaths.Add(path);
        }

        var workspaces = new Dictionary<string, WorkspaceAccess>(StringComparer.Ordinal);
        foreach (var workspace in directory.Workspaces)
        {
            var visible = workspace.RootNodes.Where(r => Grants(rights.GetValueOrDefault(r.Uuid))).ToArray();
            if (visible.Length == 0)
                continue;
            workspaces[workspace.UUID] = new WorkspaceAccess(
                workspace,
                visible,
                denyPaths.Where(p => visible.Any(r => PathRules.IsInside(p, r.Path))).ToArray(),
                writablePaths.Where(p => visible.Any(r => PathRules.IsInside(p, r.Path) || PathRules.IsInside(r.Path, p))).ToArray(),
                deniedNodes);
        }
        return new UserAccess(workspaces);
    }

    private static bool Grants(NodeRights rights) =>
        (rights & (NodeRights.Read | NodeRights.Write)) != 0 && !rights.HasFlag(NodeRights.Deny);

    private static NodeRights RightOf(string action) => action switch
    {
        "read" => NodeRights.Read,
        "write" => NodeRights.Write,
        "deny" => NodeRights.Deny,
        _ => NodeRights.None,
    };
}
