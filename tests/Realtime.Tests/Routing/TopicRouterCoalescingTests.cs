using Akka.Actor;
using Realtime.Actors.Routing;
using Realtime.Messages.Bus;
using Realtime.Tests.Messages;
using Xunit;

namespace Realtime.Tests.Routing;

/// <summary>
/// PROTOCOL 4.2 coalescing in the running router (quiet 1 s, max delay 3 s). The periods are long next to what the
/// test does between two events (a few messages), so a busy machine does not split a burst.
/// </summary>
public sealed class TopicRouterCoalescingTests : RouterTestKit
{
    private static readonly RouterSettings Coalescing = new(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(3), 20);

    [Fact]
    public void A_burst_for_one_node_becomes_one_merged_frame_after_the_quiet_period()
    {
        StartRouter(Coalescing);
        var alice = Session("alice", roles: ["role-team"]);
        Send(BusTopic.Tree, """{"Type":"CREATE","Target":{"Uuid":"x","Path":"ds/proj/x","Type":"LEAF","Size":1,"Etag":"e1","MetaStore":{"a":"\"1\""}}}""");
        Send(BusTopic.Tree, """{"Type":"UPDATE_CONTENT","Target":{"Uuid":"x","Path":"ds/proj/x","Size":2,"Etag":"e2","MTime":5}}""");
        Send(BusTopic.Tree, """{"Type":"UPDATE_META","Target":{"Uuid":"x","Path":"ds/proj/x","MetaStore":{"b":"\"2\""}}}""");
        Barrier();
        Assert.Empty(alice.Events);
        AwaitAssert(() => Assert.Single(alice.Events), TimeSpan.FromSeconds(10));
        JsonAssert.Equal("""{"Target":{"Uuid":"x","Path":"projects/x","Type":"LEAF","Size":"2","MTime":"5","Etag":"e2","MetaStore":{"a":"\"1\"","b":"\"2\"","EventWorkspaceId":"\"ws-proj\""}}}""",
            alice.Events[0]);
    }

    [Fact]
    public void Delete_flushes_the_pending_batch_first_and_keeps_the_order()
    {
        StartRouter(Coalescing);
        var alice = Session("alice", roles: ["role-team"]);
        Publish(BusTopic.Tree, """{"Type":"CREATE","Target":{"Uuid":"x","Path":"ds/proj/x"}}""");
        Publish(BusTopic.Tree, """{"Type":"DELETE","Source":{"Uuid":"x","Path":"ds/proj/x"}}""");
        JsonAssert.Equal([
            """{"Target":{"Uuid":"x","Path":"projects/x","MetaStore":{"EventWorkspaceId":"\"ws-proj\""}}}""",
            """{"Type":"DELETE","Source":{"Uuid":"x","Path":"projects/x","MetaStore":{"EventWorkspaceId":"\"ws-proj\""}}}""",
        ], alice.Events);
    }

    [Fact]
    public void Move_flushes_the_pending_batch_first_and_keeps_the_order()
    {
        StartRouter(Coalescing);
        var alice = Session("alice", roles: ["role-team"]);
        Publish(BusTopic.Tree, """{"Type":"UPDATE_CONTENT","Target":{"Uuid":"x","Path":"ds/proj/x","Size":3}}""");
        Publish(BusTopic.Tree, """{"Type":"UPDATE_PATH","Source":{"Uuid":"x","Path":"ds/proj/x"},"Target":{"Uuid":"x","Path":"ds/proj/y"}}""");
        Assert.Equal(2, alice.Events.Count);
        Assert.StartsWith("{\"Type\":\"UPDATE_CONTENT\"", alice.Events[0], StringComparison.Ordinal);
        Assert.StartsWith("{\"Type\":\"UPDATE_PATH\"", alice.Events[1], StringComparison.Ordinal);
    }

    [Fact]
    public void A_node_that_never_goes_quiet_is_flushed_after_the_maximum_delay()
    {
        StartRouter(new RouterSettings(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2), 20));
        var alice = Session("alice", roles: ["role-team"]);
        var start = DateTime.UtcNow;
        while (alice.Events.Count == 0 && DateTime.UtcNow - start < TimeSpan.FromSeconds(5))
        {
            Publish(BusTopic.Tree, """{"Type":"UPDATE_CONTENT","Target":{"Uuid":"x","Path":"ds/proj/x"}}""");
            Thread.Sleep(100);
        }
        var elapsed = DateTime.UtcNow - start;
        Assert.Single(alice.Events);
        Assert.InRange(elapsed, TimeSpan.FromMilliseconds(1900), TimeSpan.FromSeconds(3.5));
    }
}
