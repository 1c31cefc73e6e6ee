using Realtime.Messages.Bus;

namespace Realtime.Actors.Access;

/// <summary>
/// Flattens the ACLs of a user's roles (PROTOCOL 4.1): per node, the last role in token order that mentions
/// the node decides its actions. Only <c>read</c>, <c>write</c> and <c>deny</c> count.
/// </summary>
public static class AccessResolver
{
    public static IReadOnlyDictionary<string, NodeRights> Flatten(IEnumerable<Acl> acls, IReadOnlyList<string> roles) =>
        Flatten(ByRole(acls), roles);

    /// <summary>The same, over ACLs already grouped by role (an <see cref="AccessSnapshot"/> groups them once).</summary>
    public static IReadOnlyDictionary<string, NodeRights> Flatten(ILookup<string, Acl> byRole, IReadOnlyList<string> roles)
    {
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

    public static UserAccess Resolve(AccessDirectory directory, IReadOnlyList<string> roles) =>
        Resolve(ByRole(directory.Acls), directory.PathOf, directory.Workspaces, roles);

    /// <param name="pathOf">The internal path of a node an ACL is on (null when unknown).</param>
    public static UserAccess Resolve(ILookup<string, Acl> aclsByRole, Func<string, string?> pathOf, IEnumerable<Workspace> directoryWorkspaces, IReadOnlyList<string> roles)
    {
        var rights = Flatten(aclsByRole, roles);
        var denyPaths = new List<string>();
        var writablePaths = new List<string>();
        var deniedNodes = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (node, right) in rights)
        {
            if (right.HasFlag(NodeRights.Deny))
                deniedNodes.Add(node);
            if (pathOf(node) is not { } path)
                continue;
            if (right.HasFlag(NodeRights.Deny))
                denyPaths.Add(path);
            else if (right.HasFlag(NodeRights.Write))
                writablePaths.Add(path);
        }

        var workspaces = new Dictionary<string, WorkspaceAccess>(StringComparer.Ordinal);
        foreach (var workspace in directoryWorkspaces)
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

    public static ILookup<string, Acl> ByRole(IEnumerable<Acl> acls) => acls.ToLookup(a => a.RoleID, StringComparer.Ordinal);

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
