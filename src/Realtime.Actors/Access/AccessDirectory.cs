using System.Text.Json;
using Realtime.Messages.Bus;
using Realtime.Messages.Json;

namespace Realtime.Actors.Access;

/// <summary>
/// Workspaces, ACLs and the node index (Uuid → internal path) of PROTOCOL 4.1. Loaded from a snapshot and
/// kept current by IDM and tree events. Single-threaded: owned by the node's router, which hands its
/// partitions an immutable <see cref="AccessSnapshot"/> of it.
/// The index keeps every node of the snapshot and every node an ACL is on (access depends on their paths);
/// other nodes seen in tree events are kept in a bounded most-recent set, so weeks of events do not grow it.
/// </summary>
public sealed class AccessDirectory(int maxRecentNodes = AccessDirectory.DefaultMaxRecentNodes)
{
    public const int DefaultMaxRecentNodes = 50_000;

    private readonly Dictionary<string, Workspace> _workspaces = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Acl> _acls = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _nodes = new(StringComparer.Ordinal);
    private readonly RecentNodePaths _recentNodes = new(maxRecentNodes);
    // NodeID → keys of the ACLs on it, so a tree event can tell cheaply whether a path an ACL depends on moved.
    private readonly Dictionary<string, HashSet<string>> _aclsByNode = new(StringComparer.Ordinal);

    public IEnumerable<Workspace> Workspaces => _workspaces.Values;

    public IEnumerable<Acl> Acls => _acls.Values;

    public Workspace? FindWorkspace(string uuid) => _workspaces.GetValueOrDefault(uuid);

    /// <summary>Nodes in the index: the snapshot's and ACL'd ones, plus the bounded recent ones.</summary>
    public int IndexedNodes => _nodes.Count + _recentNodes.Count;

    /// <summary>The internal path of a node known from the snapshot, a workspace root or a tree event.</summary>
    public string? PathOf(string nodeUuid)
    {
        if ((_nodes.GetValueOrDefault(nodeUuid) ?? _recentNodes.Get(nodeUuid)) is { } path)
            return path;
        foreach (var workspace in _workspaces.Values)
        {
            foreach (var root in workspace.RootNodes)
            {
                if (root.Uuid == nodeUuid)
                    return root.Path;
            }
        }
        return null;
    }

    /// <summary>What access resolution needs of the directory now, frozen (an O(ACLs + workspaces) copy).</summary>
    public AccessSnapshot Snapshot()
    {
        var rootPaths = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var workspace in _workspaces.Values)
        {
            foreach (var root in workspace.RootNodes)
                rootPaths.TryAdd(root.Uuid, root.Path);
        }
        var aclNodePaths = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var node in _aclsByNode.Keys)
        {
            if ((_nodes.GetValueOrDefault(node) ?? _recentNodes.Get(node) ?? rootPaths.GetValueOrDefault(node)) is { } path)
                aclNodePaths[node] = path;
        }
        return new AccessSnapshot(_workspaces.Values.ToArray(), _acls.Values.ToArray(), aclNodePaths);
    }

    /// <summary>Parses a snapshot (PROTOCOL 4.1 shape). Throws <see cref="FormatException"/> on a bad document.</summary>
    public static AccessDirectory FromSnapshot(JsonElement snapshot, int maxRecentNodes = DefaultMaxRecentNodes)
    {
        if (snapshot.ValueKind != JsonValueKind.Object)
            throw new FormatException("the directory snapshot must be a JSON object");
        var directory = new AccessDirectory(maxRecentNodes);
        foreach (var workspace in Items(snapshot, "Workspaces"))
            directory.UpsertWorkspace(Workspace.Parse(workspace));
        foreach (var acl in Items(snapshot, "Acls"))
            directory.AddAcl(Acl.Parse(acl));
        foreach (var node in Items(snapshot, "Nodes"))
            directory.IndexNode(node.String("Uuid"), node.String("Path"));
        return directory;
    }

    /// <summary>Indexes a node for good (snapshot nodes); true when its path is new or changed.</summary>
    public bool IndexNode(string uuid, string path)
    {
        if (uuid.Length == 0 || path.Length == 0)
            return false;
        var normalized = PathRules.Normalize(path);
        _recentNodes.Remove(uuid);
        if (_nodes.TryGetValue(uuid, out var known) && known == normalized)
            return false;
        _nodes[uuid] = normalized;
        return true;
    }

    /// <summary>Indexes a node seen in a tree event: for good when an ACL is on it, else among the recent ones.</summary>
    private bool TrackNode(string uuid, string path)
    {
        if (uuid.Length == 0 || path.Length == 0)
            return false;
        return _nodes.ContainsKey(uuid) || _aclsByNode.ContainsKey(uuid)
            ? IndexNode(uuid, path)
            : _recentNodes.Set(uuid, PathRules.Normalize(path));
    }

    public bool ForgetNode(string uuid) => _nodes.Remove(uuid) | _recentNodes.Remove(uuid);

    /// <summary>
    /// Keeps the node index current from a tree event (chat NODE rooms and deny paths resolve through it).
    /// Returns the roles whose ACLs are on a node whose path changed: their sessions must be re-evaluated.
    /// </summary>
    public IReadOnlyList<string> Track(NodeChangeEvent change)
    {
        string uuid;
        bool changed;
        if (change.Type == NodeEventType.DELETE && change.Source is { } deleted)
            (uuid, changed) = (deleted.Uuid, ForgetNode(deleted.Uuid));
        else if (change.Target is { } target)
            (uuid, changed) = (target.Uuid, TrackNode(target.Uuid, target.Path));
        else
            return [];
        if (!changed || !_aclsByNode.TryGetValue(uuid, out var keys))
            return [];
        return keys.Select(k => _acls[k].RoleID).Distinct().ToArray();
    }

    /// <summary>Applies an IDM change; returns what it touched so the affected sessions can be re-evaluated.</summary>
    public DirectoryChange Apply(IdmChangeEvent change)
    {
        var removing = change.Type == IdmEventType.DELETE;
        if (change.Acl is { } acl && acl.RoleID.Length > 0)
        {
            if (removing)
                RemoveAcls(acl);
            else if (change.Type is IdmEventType.CREATE or IdmEventType.UPDATE)
                AddAcl(acl);
            else
                return DirectoryChange.Nothing;
            return new DirectoryChange([acl.RoleID], null);
        }
        if (change.Workspace is { } workspace && workspace.UUID.Length > 0)
        {
            // Only the roles with rights on the workspace's roots (before or after) can see it change.
            var roles = RolesOnWorkspace(workspace.UUID);
            if (removing)
            {
                _workspaces.Remove(workspace.UUID);
                foreach (var key in _acls.Where(a => a.Value.WorkspaceID == workspace.UUID).Select(a => a.Key).ToList())
                    RemoveAcl(key);
            }
            else if (change.Type is IdmEventType.CREATE or IdmEventType.UPDATE)
            {
                UpsertWorkspace(MergeRoots(workspace));
                roles.UnionWith(RolesOnWorkspace(workspace.UUID));
            }
            else
            {
                return DirectoryChange.Nothing;
            }
            return new DirectoryChange(roles.ToArray(), workspace.UUID);
        }
        if (change.RoleUuid is { Length: > 0 } role && removing)
        {
            foreach (var key in _acls.Where(a => a.Value.RoleID == role).Select(a => a.Key).ToList())
                RemoveAcl(key);
            return new DirectoryChange([role], null);
        }
        return DirectoryChange.Nothing;
    }

    private HashSet<string> RolesOnWorkspace(string workspaceId)
    {
        var roles = new HashSet<string>(StringComparer.Ordinal);
        if (_workspaces.TryGetValue(workspaceId, out var workspace))
        {
            foreach (var root in workspace.RootNodes)
            {
                foreach (var key in _aclsByNode.GetValueOrDefault(root.Uuid) ?? [])
                    roles.Add(_acls[key].RoleID);
            }
        }
        foreach (var acl in _acls.Values)
        {
            if (acl.WorkspaceID == workspaceId)
                roles.Add(acl.RoleID);
        }
        return roles;
    }

    /// <summary>
    /// Takes the workspaces, ACLs and nodes of a fresh snapshot (nodes seen since stay known). Returns every role of
    /// the old and the new ACLs: their sessions may see something else now.
    /// </summary>
    public DirectoryChange ReplaceWith(AccessDirectory snapshot)
    {
        var roles = _acls.Values.Concat(snapshot._acls.Values).Select(a => a.RoleID).ToHashSet(StringComparer.Ordinal);
        _workspaces.Clear();
        foreach (var (uuid, workspace) in snapshot._workspaces)
            _workspaces[uuid] = workspace;
        _acls.Clear();
        _aclsByNode.Clear();
        foreach (var acl in snapshot._acls.Values)
            AddAcl(acl);
        foreach (var (uuid, path) in snapshot._nodes)
            IndexNode(uuid, path);
        return new DirectoryChange(roles.ToArray(), null);
    }

    // An update without RootNodes keeps the roots already known (Cells often sends label-only updates).
    private Workspace MergeRoots(Workspace workspace) =>
        workspace.RootNodes.Count == 0 && _workspaces.TryGetValue(workspace.UUID, out var known)
            ? workspace with { RootNodes = known.RootNodes }
            : workspace;

    private void UpsertWorkspace(Workspace workspace)
    {
        if (workspace.UUID.Length == 0)
            throw new FormatException("a workspace needs a UUID");
        _workspaces[workspace.UUID] = workspace;
    }

    private void AddAcl(Acl acl)
    {
        var key = KeyOf(acl);
        RemoveAcl(key);
        _acls[key] = acl;
        // Access depends on this node's path from now on: keep it out of the recent set's reach.
        if (_recentNodes.Get(acl.NodeID) is { } path)
            IndexNode(acl.NodeID, path);
        if (!_aclsByNode.TryGetValue(acl.NodeID, out var keys))
            _aclsByNode[acl.NodeID] = keys = new HashSet<string>(StringComparer.Ordinal);
        keys.Add(key);
    }

    private void RemoveAcl(string key)
    {
        if (!_acls.Remove(key, out var acl))
            return;
        if (_aclsByNode.TryGetValue(acl.NodeID, out var keys) && keys.Remove(key) && keys.Count == 0)
            _aclsByNode.Remove(acl.NodeID);
    }

    // Cells deletes ACLs by query: every field that is set must match.
    private void RemoveAcls(Acl query)
    {
        if (query.ID.Length > 0 && _acls.ContainsKey(query.ID))
        {
            RemoveAcl(query.ID);
            return;
        }
        var matching = _acls.Where(a =>
                Matches(query.RoleID, a.Value.RoleID) && Matches(query.WorkspaceID, a.Value.WorkspaceID) &&
                Matches(query.NodeID, a.Value.NodeID) && Matches(query.Action.Name, a.Value.Action.Name))
            .Select(a => a.Key)
            .ToList();
        foreach (var key in matching)
            RemoveAcl(key);
    }

    private static bool Matches(string query, string value) => query.Length == 0 || query == value;

    private static string KeyOf(Acl acl) =>
        acl.ID.Length > 0 ? acl.ID : $"{acl.RoleID}|{acl.WorkspaceID}|{acl.NodeID}|{acl.Action.Name}";

    private static IEnumerable<JsonElement> Items(JsonElement snapshot, string name) =>
        snapshot.TryGet(name, out var items) && items.ValueKind == JsonValueKind.Array ? items.EnumerateArray() : [];
}
