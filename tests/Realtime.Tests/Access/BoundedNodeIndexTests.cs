using System.Text.Json;
using Realtime.Actors.Access;
using Realtime.Messages.Bus;
using Xunit;

namespace Realtime.Tests.Access;

/// <summary>The node index stays bounded however many distinct nodes the tree events name, without losing access.</summary>
public sealed class BoundedNodeIndexTests
{
    private static NodeChangeEvent Created(string uuid, string path) =>
        new(NodeEventType.CREATE, null, new Node(uuid, path, NodeType.LEAF, 0, 0, 0, "", new Dictionary<string, string>()), false, false);

    private static AccessDirectory Directory(int maxRecentNodes)
    {
        using var document = JsonDocument.Parse(TestDirectory.StandardJson);
        return AccessDirectory.FromSnapshot(document.RootElement, maxRecentNodes);
    }

    [Fact]
    public void Recent_paths_keep_the_most_recently_seen_up_to_their_capacity()
    {
        var recent = new RecentNodePaths(3);
        recent.Set("a", "p/a");
        recent.Set("b", "p/b");
        recent.Set("c", "p/c");
        Assert.False(recent.Set("a", "p/a")); // seen again: now the most recent
        Assert.True(recent.Set("d", "p/d"));
        Assert.Equal(3, recent.Count);
        Assert.Null(recent.Get("b"));
        Assert.Equal("p/a", recent.Get("a"));
        Assert.True(recent.Set("a", "p/moved"));
        Assert.Equal("p/moved", recent.Get("a"));
    }

    [Fact]
    public void Many_distinct_nodes_leave_the_index_at_its_bound()
    {
        var directory = Directory(maxRecentNodes: 100);
        var before = directory.IndexedNodes;
        for (var i = 0; i < 10_000; i++)
            directory.Track(Created($"n-{i}", $"ds/proj/f{i}"));
        Assert.Equal(before + 100, directory.IndexedNodes);
        Assert.Equal("ds/proj/f9999", directory.PathOf("n-9999"));
        Assert.Null(directory.PathOf("n-0"));
    }

    [Fact]
    public void Nodes_of_the_snapshot_and_nodes_with_an_acl_are_never_forgotten()
    {
        var directory = Directory(maxRecentNodes: 10);
        directory.Track(Created("n-later", "ds/proj/later"));
        directory.Apply(new IdmChangeEvent(IdmEventType.CREATE, null, null, null, null, null,
            TestDirectory.Acl("role-team", "n-later", "deny", "ws-proj", "deny-later"), null, null));
        for (var i = 0; i < 1_000; i++)
            directory.Track(Created($"n-{i}", $"ds/proj/f{i}"));

        Assert.Equal("ds/proj/secret", directory.PathOf("n-secret"));
        Assert.Equal("ds/proj/later", directory.PathOf("n-later"));
        var access = AccessResolver.Resolve(directory, ["role-team"]);
        Assert.Contains("ds/proj/later", access.Workspaces["ws-proj"].DenyPaths);
    }

    [Fact]
    public void A_moved_acl_node_still_reports_its_roles_after_many_other_nodes()
    {
        var directory = Directory(maxRecentNodes: 10);
        for (var i = 0; i < 1_000; i++)
            directory.Track(Created($"n-{i}", $"ds/proj/f{i}"));
        var moved = new NodeChangeEvent(NodeEventType.UPDATE_PATH,
            new Node("n-secret", "ds/proj/secret", NodeType.COLLECTION, 0, 0, 0, "", new Dictionary<string, string>()),
            new Node("n-secret", "ds/proj/hidden", NodeType.COLLECTION, 0, 0, 0, "", new Dictionary<string, string>()), false, false);
        Assert.Equal(["role-team"], directory.Track(moved));
    }
}
