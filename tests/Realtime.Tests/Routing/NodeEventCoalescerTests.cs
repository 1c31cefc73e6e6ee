using Realtime.Actors.Routing;
using Realtime.Messages.Bus;
using Xunit;

namespace Realtime.Tests.Routing;

/// <summary>PROTOCOL 4.2 coalescing: merge rules, quiet period, maximum delay, DELETE/UPDATE_PATH flush in order.</summary>
public sealed class NodeEventCoalescerTests
{
    private static readonly DateTime T0 = new(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc);
    private static readonly TimeSpan Quiet = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan MaxDelay = TimeSpan.FromSeconds(3);

    private static NodeChangeEvent Event(NodeEventType type, string uuid, string etag = "", long size = 0, long mtime = 0, NodeType nodeType = NodeType.UNKNOWN, Dictionary<string, string>? meta = null, string path = "ds/a") =>
        new(type, null, new Node(uuid, path, nodeType, size, mtime, 0, etag, meta ?? []), false, false);

    private static NodeChangeEvent Delete(string uuid) =>
        new(NodeEventType.DELETE, new Node(uuid, "ds/a", NodeType.UNKNOWN, 0, 0, 0, "", new Dictionary<string, string>()), null, false, false);

    private static NodeChangeEvent Move(string uuid) =>
        new(NodeEventType.UPDATE_PATH, new Node(uuid, "ds/a", NodeType.UNKNOWN, 0, 0, 0, "", new Dictionary<string, string>()),
            new Node(uuid, "ds/b", NodeType.UNKNOWN, 0, 0, 0, "", new Dictionary<string, string>()), false, false);

    public static TheoryData<NodeEventType[], NodeEventType> MergedTypes => new()
    {
        { [NodeEventType.CREATE, NodeEventType.UPDATE_CONTENT], NodeEventType.CREATE },
        { [NodeEventType.UPDATE_META, NodeEventType.CREATE], NodeEventType.CREATE },
        { [NodeEventType.UPDATE_META, NodeEventType.UPDATE_CONTENT, NodeEventType.UPDATE_META], NodeEventType.UPDATE_CONTENT },
        { [NodeEventType.UPDATE_CONTENT, NodeEventType.UPDATE_META], NodeEventType.UPDATE_CONTENT },
        { [NodeEventType.UPDATE_META, NodeEventType.UPDATE_META], NodeEventType.UPDATE_META },
        { [NodeEventType.UPDATE_CONTENT, NodeEventType.UPDATE_CONTENT, NodeEventType.CREATE], NodeEventType.CREATE },
        { [NodeEventType.UPDATE_CONTENT], NodeEventType.UPDATE_CONTENT },
    };

    [Theory]
    [MemberData(nameof(MergedTypes))]
    public void Merged_type_is_CREATE_if_any_else_UPDATE_CONTENT_if_any(NodeEventType[] types, NodeEventType expected)
    {
        var coalescer = new NodeEventCoalescer(Quiet, MaxDelay);
        foreach (var type in types)
            Assert.Empty(coalescer.Offer(Event(type, "u"), T0));
        var merged = Assert.Single(coalescer.Due(T0 + Quiet));
        Assert.Equal(expected, merged.Type);
    }

    [Fact]
    public void Later_etag_mtime_size_and_type_win_and_meta_is_merged()
    {
        var merged = NodeEventCoalescer.Merge(
            Event(NodeEventType.CREATE, "u", "e1", 1, 10, NodeType.LEAF, new() { ["a"] = "\"1\"", ["b"] = "\"1\"" }),
            Event(NodeEventType.UPDATE_CONTENT, "u", "e2", 2, 20, NodeType.COLLECTION, new() { ["b"] = "\"2\"", ["c"] = "\"2\"" }));
        Assert.Equal(NodeEventType.CREATE, merged.Type);
        var node = merged.Target!;
        Assert.Equal(("e2", 2L, 20L, NodeType.COLLECTION), (node.Etag, node.Size, node.MTime, node.Type));
        Assert.Equal(new Dictionary<string, string> { ["a"] = "\"1\"", ["b"] = "\"2\"", ["c"] = "\"2\"" }, node.MetaStore);
    }

    [Fact]
    public void Later_unset_values_keep_the_earlier_ones()
    {
        var merged = NodeEventCoalescer.Merge(
            Event(NodeEventType.UPDATE_CONTENT, "u", "e1", 5, 50, NodeType.LEAF),
            Event(NodeEventType.UPDATE_META, "u"));
        Assert.Equal(("e1", 5L, 50L, NodeType.LEAF), (merged.Target!.Etag, merged.Target.Size, merged.Target.MTime, merged.Target.Type));
    }

    [Theory]
    [InlineData(0.5, false)]
    [InlineData(0.999, false)]
    [InlineData(1.0, true)]
    [InlineData(1.5, true)]
    public void A_batch_is_due_once_quiet_for_the_quiet_period(double secondsAfterLast, bool due)
    {
        var coalescer = new NodeEventCoalescer(Quiet, MaxDelay);
        coalescer.Offer(Event(NodeEventType.UPDATE_CONTENT, "u"), T0);
        coalescer.Offer(Event(NodeEventType.UPDATE_CONTENT, "u"), T0.AddSeconds(0.5));
        Assert.Equal(due ? 1 : 0, coalescer.Due(T0.AddSeconds(0.5 + secondsAfterLast)).Count);
    }

    [Fact]
    public void A_busy_node_is_flushed_after_the_maximum_delay()
    {
        var coalescer = new NodeEventCoalescer(Quiet, MaxDelay);
        for (var ms = 0; ms < 3000; ms += 500)
        {
            coalescer.Offer(Event(NodeEventType.UPDATE_CONTENT, "u", size: ms + 1), T0.AddMilliseconds(ms));
            Assert.Empty(coalescer.Due(T0.AddMilliseconds(ms)));
        }
        var flushed = Assert.Single(coalescer.Due(T0 + MaxDelay));
        Assert.Equal(2501, flushed.Target!.Size);
        Assert.Equal(0, coalescer.Pending);
    }

    [Fact]
    public void Batches_of_different_nodes_stay_separate_and_flush_oldest_first()
    {
        var coalescer = new NodeEventCoalescer(Quiet, MaxDelay);
        coalescer.Offer(Event(NodeEventType.CREATE, "a"), T0);
        coalescer.Offer(Event(NodeEventType.CREATE, "b"), T0.AddMilliseconds(10));
        coalescer.Offer(Event(NodeEventType.UPDATE_META, "a"), T0.AddMilliseconds(20));
        Assert.Equal(["a", "b"], coalescer.Due(T0.AddSeconds(2)).Select(e => e.Target!.Uuid));
    }

    public static TheoryData<string, Func<string, NodeChangeEvent>, NodeEventType> Flushers => new()
    {
        { "DELETE", Delete, NodeEventType.DELETE },
        { "UPDATE_PATH", Move, NodeEventType.UPDATE_PATH },
    };

    [Theory]
    [MemberData(nameof(Flushers))]
    public void Delete_or_move_flushes_the_pending_batch_of_its_uuid_first(string because, Func<string, NodeChangeEvent> make, NodeEventType type)
    {
        var coalescer = new NodeEventCoalescer(Quiet, MaxDelay);
        coalescer.Offer(Event(NodeEventType.CREATE, "u"), T0);
        coalescer.Offer(Event(NodeEventType.UPDATE_CONTENT, "u"), T0);
        coalescer.Offer(Event(NodeEventType.CREATE, "other"), T0);
        var routed = coalescer.Offer(make("u"), T0);
        Assert.True(routed.Count == 2, because);
        Assert.Equal((NodeEventType.CREATE, "u"), (routed[0].Type, routed[0].Target!.Uuid));
        Assert.Equal(type, routed[1].Type);
        Assert.Equal(1, coalescer.Pending);
    }

    [Fact]
    public void Delete_of_a_node_without_a_pending_batch_passes_straight_through()
    {
        var coalescer = new NodeEventCoalescer(Quiet, MaxDelay);
        coalescer.Offer(Event(NodeEventType.CREATE, "other"), T0);
        var delete = Delete("u");
        Assert.Equal([delete], coalescer.Offer(delete, T0));
    }

    [Fact]
    public void Events_after_a_flush_start_a_new_batch()
    {
        var coalescer = new NodeEventCoalescer(Quiet, MaxDelay);
        coalescer.Offer(Event(NodeEventType.CREATE, "u"), T0);
        coalescer.Offer(Move("u"), T0);
        coalescer.Offer(Event(NodeEventType.UPDATE_META, "u"), T0);
        Assert.Equal(NodeEventType.UPDATE_META, Assert.Single(coalescer.Due(T0 + Quiet)).Type);
    }

    [Fact]
    public void Zero_quiet_disables_coalescing()
    {
        var coalescer = new NodeEventCoalescer(TimeSpan.Zero, MaxDelay);
        var create = Event(NodeEventType.CREATE, "u");
        Assert.False(coalescer.Enabled);
        Assert.Equal([create], coalescer.Offer(create, T0));
        Assert.Equal(0, coalescer.Pending);
    }

    [Fact]
    public void Events_without_a_target_uuid_are_not_held()
    {
        var coalescer = new NodeEventCoalescer(Quiet, MaxDelay);
        var create = Event(NodeEventType.CREATE, "");
        Assert.Equal([create], coalescer.Offer(create, T0));
    }

    [Fact]
    public void Past_its_bound_the_coalescer_sends_the_oldest_node_early_and_stays_at_the_bound()
    {
        var coalescer = new NodeEventCoalescer(Quiet, MaxDelay, maxPending: 3);
        for (var i = 0; i < 3; i++)
            Assert.Empty(coalescer.Offer(Event(NodeEventType.CREATE, $"n-{i}"), T0));
        var early = coalescer.Offer(Event(NodeEventType.CREATE, "n-3"), T0);
        Assert.Equal("n-0", Assert.Single(early).Target!.Uuid);
        Assert.Equal(3, coalescer.Pending);
        Assert.Empty(coalescer.Offer(Event(NodeEventType.UPDATE_META, "n-1"), T0)); // merging does not grow it
        Assert.Equal(["n-1", "n-2", "n-3"], coalescer.Due(T0 + MaxDelay).Select(e => e.Target!.Uuid));
    }
}
