using Realtime.Actors.Access;
using Realtime.Messages.Bus;
using Xunit;
using static Realtime.Tests.Access.TestDirectory;

namespace Realtime.Tests.Access;

/// <summary>PROTOCOL 4.1: ACL flattening in role order, workspace accessibility, deny sub-trees, ignored ACLs.</summary>
public sealed class AccessResolverTests
{
    public static TheoryData<string, Acl[], string[], NodeRights> Flattening => new()
    {
        { "one role read", [Acl("A", "n", "read")], ["A"], NodeRights.Read },
        { "one role read+write", [Acl("A", "n", "read"), Acl("A", "n", "write")], ["A"], NodeRights.Read | NodeRights.Write },
        { "later deny wins", [Acl("A", "n", "read"), Acl("B", "n", "deny")], ["A", "B"], NodeRights.Deny },
        { "later read wins over earlier deny", [Acl("A", "n", "read"), Acl("B", "n", "deny")], ["B", "A"], NodeRights.Read },
        { "later role replaces, not merges", [Acl("A", "n", "read"), Acl("A", "n", "write"), Acl("B", "n", "read")], ["A", "B"], NodeRights.Read },
        { "a role not mentioning the node keeps the earlier", [Acl("A", "n", "write"), Acl("B", "other", "deny")], ["A", "B"], NodeRights.Write },
        { "a role not in the token is ignored", [Acl("A", "n", "read"), Acl("Z", "n", "deny")], ["A"], NodeRights.Read },
        { "parameter: is not a mention", [Acl("A", "n", "deny"), Acl("B", "n", "parameter:core.conf:x")], ["A", "B"], NodeRights.Deny },
        { "action: is not a mention", [Acl("A", "n", "read"), Acl("B", "n", "action:core.conf:upload")], ["A", "B"], NodeRights.Read },
        { "only parameter:/action: gives nothing", [Acl("A", "n", "parameter:x"), Acl("A", "n", "action:y")], ["A"], NodeRights.None },
        { "unknown action gives nothing", [Acl("A", "n", "policy")], ["A"], NodeRights.None },
        { "three roles, last mentioning decides", [Acl("A", "n", "deny"), Acl("B", "n", "write"), Acl("C", "x", "read")], ["A", "B", "C"], NodeRights.Write },
        { "same role twice in the token", [Acl("A", "n", "read"), Acl("B", "n", "deny")], ["A", "B", "A"], NodeRights.Read },
        { "no roles", [Acl("A", "n", "read")], [], NodeRights.None },
    };

    [Theory]
    [MemberData(nameof(Flattening))]
    public void Flatten_lets_the_last_role_mentioning_a_node_decide(string because, Acl[] acls, string[] roles, NodeRights expected)
    {
        var rights = AccessResolver.Flatten(acls, roles);
        Assert.True(expected == rights.GetValueOrDefault("n"), $"{because}: got {rights.GetValueOrDefault("n")}");
    }

    public static TheoryData<string, Acl[], bool> RootAccess => new()
    {
        { "read", [Acl("A", "root", "read")], true },
        { "write only", [Acl("A", "root", "write")], true },
        { "read and write", [Acl("A", "root", "read"), Acl("A", "root", "write")], true },
        { "read and deny in one role", [Acl("A", "root", "read"), Acl("A", "root", "deny")], false },
        { "deny only", [Acl("A", "root", "deny")], false },
        { "nothing", [], false },
        { "read on another node only", [Acl("A", "other", "read")], false },
        { "parameter: only", [Acl("A", "root", "parameter:core.conf:x")], false },
        { "action: only", [Acl("A", "root", "action:upload")], false },
        { "read by a role the user lacks", [Acl("Z", "root", "read")], false },
        { "read overridden by a later deny role", [Acl("A", "root", "read"), Acl("B", "root", "deny")], false },
    };

    [Theory]
    [MemberData(nameof(RootAccess))]
    public void Workspace_is_accessible_with_read_or_write_and_no_deny_on_a_root(string because, Acl[] acls, bool accessible)
    {
        var directory = Build([Workspace("ws-1", "w", Root("root", "ds/w"))], acls);
        var access = AccessResolver.Resolve(directory, ["A", "B"]);
        Assert.True(accessible == access.Workspaces.ContainsKey("ws-1"), because);
    }

    [Fact]
    public void One_granting_root_of_several_makes_the_workspace_accessible_with_that_root_only()
    {
        var directory = Build(
            [Workspace("ws-1", "w", Root("r1", "ds/one"), Root("r2", "ds/two"), Root("r3", "ds/three"))],
            [Acl("A", "r1", "deny"), Acl("A", "r2", "read"), Acl("A", "r3", "parameter:x")]);
        var access = AccessResolver.Resolve(directory, ["A"]).Workspaces["ws-1"];
        Assert.Equal(["r2"], access.VisibleRoots.Select(r => r.Uuid));
    }

    [Fact]
    public void Deny_on_a_sub_folder_becomes_a_deny_path_of_the_workspace()
    {
        var directory = Build([Workspace("ws-1", "w", Root("root", "ds/w"))],
            [Acl("A", "root", "read"), Acl("A", "sub", "deny"), Acl("A", "elsewhere", "deny")],
            ("sub", "ds/w/sub"), ("elsewhere", "ds/other/x"));
        var access = AccessResolver.Resolve(directory, ["A"]).Workspaces["ws-1"];
        Assert.Equal(["ds/w/sub"], access.DenyPaths);
    }

    [Fact]
    public void A_later_role_granting_read_lifts_an_earlier_deny_on_a_sub_folder()
    {
        var directory = Build([Workspace("ws-1", "w", Root("root", "ds/w"))],
            [Acl("A", "root", "read"), Acl("A", "sub", "deny"), Acl("B", "sub", "read")], ("sub", "ds/w/sub"));
        Assert.Empty(AccessResolver.Resolve(directory, ["A", "B"]).Workspaces["ws-1"].DenyPaths);
        Assert.Equal(["ds/w/sub"], AccessResolver.Resolve(directory, ["B", "A"]).Workspaces["ws-1"].DenyPaths);
    }

    [Fact]
    public void Standard_directory_gives_each_role_its_workspaces()
    {
        var directory = Standard();
        Assert.Equal(["ws-multi", "ws-overlap", "ws-proj"], AccessResolver.Resolve(directory, ["role-team"]).Workspaces.Keys.Order());
        Assert.Equal(["ws-proj2"], AccessResolver.Resolve(directory, ["role-other"]).Workspaces.Keys);
        Assert.Empty(AccessResolver.Resolve(directory, []).Workspaces);
        Assert.Equal(["ds/proj/secret"], AccessResolver.Resolve(directory, ["role-team"]).Workspaces["ws-proj"].DenyPaths);
    }

    [Fact]
    public void Write_is_granted_on_a_writable_root_and_below_only()
    {
        var directory = Build([Workspace("ws-1", "w", Root("root", "ds/w"))],
            [Acl("A", "root", "read"), Acl("A", "sub", "write")], ("sub", "ds/w/sub"));
        var access = AccessResolver.Resolve(directory, ["A"]).Workspaces["ws-1"];
        Assert.True(NodeVisibility.CanWrite(access, "ds/w/sub"));
        Assert.True(NodeVisibility.CanWrite(access, "ds/w/sub/x"));
        Assert.False(NodeVisibility.CanWrite(access, "ds/w/other"));
        Assert.False(NodeVisibility.CanWrite(access, "ds/w/subway"));
    }
}
