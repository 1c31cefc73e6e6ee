using System.Text.Json;
using Realtime.Actors.Access;
using Realtime.Messages.Bus;

namespace Realtime.Tests.Access;

/// <summary>Directories and ACLs for the routing tests, built from the PROTOCOL 4.1 snapshot shape.</summary>
public static class TestDirectory
{
    /// <summary>
    /// ws-proj (projects, ds/proj), ws-proj2 (project2, ds/project2), ws-multi (multi: ds/alpha named "Alpha",
    /// ds/beta unnamed), ws-overlap (shared, ds/proj/shared). role-team: read+write ds/proj, deny ds/proj/secret,
    /// read both multi roots and the shared root. role-other: read ds/project2.
    /// </summary>
    public const string StandardJson = """
    {
      "Workspaces": [
        { "UUID":"ws-proj", "Slug":"projects", "Label":"Projects", "RootNodes": { "n-proj": { "Uuid":"n-proj", "Path":"ds/proj" } } },
        { "UUID":"ws-proj2", "Slug":"project2", "RootNodes": { "n-proj2": { "Uuid":"n-proj2", "Path":"ds/project2" } } },
        { "UUID":"ws-multi", "Slug":"multi", "RootNodes": {
            "n-a": { "Uuid":"n-a", "Path":"ds/alpha", "MetaStore": { "name":"\"Alpha\"" } },
            "n-b": { "Uuid":"n-b", "Path":"ds/beta" } } },
        { "UUID":"ws-overlap", "Slug":"shared", "RootNodes": { "n-shared": { "Uuid":"n-shared", "Path":"ds/proj/shared" } } }
      ],
      "Acls": [
        { "ID":"1", "RoleID":"role-team", "WorkspaceID":"ws-proj", "NodeID":"n-proj", "Action": { "Name":"read", "Value":"1" } },
        { "ID":"2", "RoleID":"role-team", "WorkspaceID":"ws-proj", "NodeID":"n-proj", "Action": { "Name":"write", "Value":"1" } },
        { "ID":"3", "RoleID":"role-team", "WorkspaceID":"ws-proj", "NodeID":"n-secret", "Action": { "Name":"deny", "Value":"1" } },
        { "ID":"4", "RoleID":"role-team", "WorkspaceID":"ws-multi", "NodeID":"n-a", "Action": { "Name":"read", "Value":"1" } },
        { "ID":"5", "RoleID":"role-team", "WorkspaceID":"ws-multi", "NodeID":"n-b", "Action": { "Name":"read", "Value":"1" } },
        { "ID":"6", "RoleID":"role-team", "WorkspaceID":"ws-overlap", "NodeID":"n-shared", "Action": { "Name":"read", "Value":"1" } },
        { "ID":"7", "RoleID":"role-other", "WorkspaceID":"ws-proj2", "NodeID":"n-proj2", "Action": { "Name":"read", "Value":"1" } }
      ],
      "Nodes": [ { "Uuid":"n-secret", "Path":"ds/proj/secret" } ]
    }
    """;

    public static AccessDirectory Standard() => Parse(StandardJson);

    public static AccessDirectory Parse(string json)
    {
        using var document = JsonDocument.Parse(json);
        return AccessDirectory.FromSnapshot(document.RootElement);
    }

    public static Acl Acl(string role, string node, string action, string workspace = "ws-1", string id = "") =>
        new(id, role, workspace, node, new AclAction(action, "1"));

    public static Workspace Workspace(string uuid, string slug, params RootNode[] roots) => new(uuid, slug, slug, roots);

    public static RootNode Root(string uuid, string path, string? key = null) => new(uuid, path, key ?? uuid);

    /// <summary>A directory with the given workspaces, ACLs and extra indexed nodes.</summary>
    public static AccessDirectory Build(IEnumerable<Workspace> workspaces, IEnumerable<Acl> acls, params (string Uuid, string Path)[] nodes)
    {
        var directory = new AccessDirectory();
        foreach (var workspace in workspaces)
            directory.Apply(new IdmChangeEvent(IdmEventType.CREATE, null, null, null, workspace, null, null, null, null));
        foreach (var acl in acls)
            directory.Apply(new IdmChangeEvent(IdmEventType.CREATE, null, null, null, null, null, acl, null, null));
        foreach (var (uuid, path) in nodes)
            directory.IndexNode(uuid, path);
        return directory;
    }
}
