using System.Text.Json;
using Realtime.Actors.Access;
using Realtime.Messages.Bus;
using Xunit;
using static Realtime.Tests.Access.TestDirectory;

namespace Realtime.Tests.Access;

/// <summary>PROTOCOL 4.1: the directory follows IDM events and tree events and reports what must be re-evaluated.</summary>
public sealed class AccessDirectoryTests
{
    private static IdmChangeEvent Idm(string json)
    {
        using var document = JsonDocument.Parse(json);
        return IdmChangeEvent.Parse(document.RootElement);
    }

    private static NodeChangeEvent Tree(string json)
    {
        using var document = JsonDocument.Parse(json);
        return NodeChangeEvent.Parse(document.RootElement);
    }

    [Fact]
    public void Snapshot_loads_workspaces_acls_and_nodes()
    {
        var directory = Standard();
        Assert.Equal(4, directory.Workspaces.Count());
        Assert.Equal(7, directory.Acls.Count());
        Assert.Equal("ds/proj/secret", directory.PathOf("n-secret"));
        Assert.Equal("ds/alpha", directory.PathOf("n-a"));
        Assert.Null(directory.PathOf("unknown"));
    }

    public static TheoryData<string, string, string[], string?> Changes => new()
    {
        { "acl create", """{"Type":"CREATE","Acl":{"ID":"9","RoleID":"r","NodeID":"n","Action":{"Name":"read"}}}""", ["r"], null },
        { "acl update", """{"Type":"UPDATE","Acl":{"ID":"9","RoleID":"r","NodeID":"n","Action":{"Name":"read"}}}""", ["r"], null },
        { "acl delete", """{"Type":"DELETE","Acl":{"RoleID":"role-team","NodeID":"n-proj"}}""", ["role-team"], null },
        { "acl read event", """{"Type":"READ","Acl":{"RoleID":"r","NodeID":"n","Action":{"Name":"read"}}}""", [], null },
        { "workspace update", """{"Type":"UPDATE","Workspace":{"UUID":"ws-proj","Label":"P"}}""", ["role-team"], "ws-proj" },
        { "workspace delete", """{"Type":"DELETE","Workspace":{"UUID":"ws-proj"}}""", ["role-team"], "ws-proj" },
        { "role delete", """{"Type":"DELETE","Role":{"Uuid":"role-team"}}""", ["role-team"], null },
        { "role update", """{"Type":"UPDATE","Role":{"Uuid":"role-team","Label":"x"}}""", [], null },
        { "user event", """{"Type":"UPDATE","User":{"Login":"alice"}}""", [], null },
    };

    [Theory]
    [MemberData(nameof(Changes))]
    public void Apply_reports_what_it_touched(string because, string json, string[] roles, string? workspace)
    {
        var change = Standard().Apply(Idm(json));
        Assert.True(roles.SequenceEqual(change.Roles) && workspace == change.WorkspaceId, $"{because}: {string.Join(",", change.Roles)} / {change.WorkspaceId}");
    }

    [Fact]
    public void Acl_delete_by_query_removes_every_matching_acl()
    {
        var directory = Standard();
        directory.Apply(Idm("""{"Type":"DELETE","Acl":{"RoleID":"role-team","NodeID":"n-proj"}}"""));
        Assert.DoesNotContain(directory.Acls, a => a.RoleID == "role-team" && a.NodeID == "n-proj");
        Assert.Equal(5, directory.Acls.Count());
        directory.Apply(Idm("""{"Type":"DELETE","Acl":{"ID":"7","RoleID":"role-other"}}"""));
        Assert.DoesNotContain(directory.Acls, a => a.ID == "7");
    }

    [Fact]
    public void Workspace_update_without_roots_keeps_the_known_roots()
    {
        var directory = Standard();
        directory.Apply(Idm("""{"Type":"UPDATE","Workspace":{"UUID":"ws-proj","Slug":"renamed"}}"""));
        var workspace = directory.FindWorkspace("ws-proj")!;
        Assert.Equal("renamed", workspace.Slug);
        Assert.Equal("ds/proj", Assert.Single(workspace.RootNodes).Path);
    }

    [Fact]
    public void Workspace_delete_drops_its_acls()
    {
        var directory = Standard();
        directory.Apply(Idm("""{"Type":"DELETE","Workspace":{"UUID":"ws-multi"}}"""));
        Assert.Null(directory.FindWorkspace("ws-multi"));
        Assert.DoesNotContain(directory.Acls, a => a.WorkspaceID == "ws-multi");
        Assert.DoesNotContain("ws-multi", AccessResolver.Resolve(directory, ["role-team"]).Workspaces.Keys);
    }

    public static TheoryData<string, string, string[]> Tracking => new()
    {
        { "new node without acl", """{"Type":"CREATE","Target":{"Uuid":"x","Path":"ds/proj/x"}}""", [] },
        { "node with an acl seen again at the same path", """{"Type":"UPDATE_META","Target":{"Uuid":"n-secret","Path":"ds/proj/secret/"}}""", [] },
        { "node with an acl moved", """{"Type":"UPDATE_PATH","Source":{"Uuid":"n-secret","Path":"ds/proj/secret"},"Target":{"Uuid":"n-secret","Path":"ds/proj/hidden"}}""", ["role-team"] },
        { "node with an acl deleted", """{"Type":"DELETE","Source":{"Uuid":"n-secret","Path":"ds/proj/secret"}}""", ["role-team"] },
        { "unknown node deleted", """{"Type":"DELETE","Source":{"Uuid":"x","Path":"ds/proj/x"}}""", [] },
    };

    [Theory]
    [MemberData(nameof(Tracking))]
    public void Track_reports_the_roles_whose_acl_paths_changed(string because, string json, string[] roles)
    {
        var directory = Standard();
        Assert.True(roles.SequenceEqual(directory.Track(Tree(json))), because);
    }

    [Fact]
    public void Track_follows_moves_and_deletes()
    {
        var directory = Standard();
        directory.Track(Tree("""{"Type":"UPDATE_PATH","Source":{"Uuid":"n-secret","Path":"ds/proj/secret"},"Target":{"Uuid":"n-secret","Path":"ds/proj/hidden"}}"""));
        Assert.Equal(["ds/proj/hidden"], AccessResolver.Resolve(directory, ["role-team"]).Workspaces["ws-proj"].DenyPaths);
        directory.Track(Tree("""{"Type":"DELETE","Source":{"Uuid":"n-secret","Path":"ds/proj/hidden"}}"""));
        Assert.Null(directory.PathOf("n-secret"));
    }

    [Fact]
    public void A_denied_node_is_hidden_by_uuid_even_where_its_path_is_unknown()
    {
        var directory = Build([Workspace("ws-1", "w", Root("root", "ds/w"))], [Acl("A", "root", "read"), Acl("A", "ghost", "deny")]);
        var access = AccessResolver.Resolve(directory, ["A"]).Workspaces["ws-1"];
        Assert.Empty(access.DenyPaths);
        var ghost = new Node("ghost", "ds/w/g", NodeType.COLLECTION, 0, 0, 0, "", new Dictionary<string, string>());
        Assert.Null(NodeVisibility.VisibleRoot(access, ghost));
        Assert.NotNull(NodeVisibility.VisibleRoot(access, ghost with { Uuid = "other" }));
    }
}
