using Akka.Actor;
using Realtime.Actors.Routing;
using Realtime.Messages.Bus;
using Realtime.Tests.Messages;
using Xunit;

namespace Realtime.Tests.Routing;

/// <summary>PROTOCOL 4.1/4.2 through the TopicRouter: which sessions get which node frames.</summary>
public sealed class TopicRouterNodeEventTests : RouterTestKit
{
    private static string Ws(string uuid) => $$$"""{"EventWorkspaceId":"\"{{{uuid}}}\""}""";

    [Fact]
    public void Subscribed_is_the_first_frame_and_lists_the_accessible_workspaces()
    {
        StartRouter();
        var alice = Session("alice", roles: ["role-team"]);
        var frame = Assert.Single(alice.Frames);
        var json = System.Text.Json.Nodes.JsonNode.Parse(frame)!;
        Assert.Equal("subscribed", (string?)json["@type"]);
        Assert.Equal("alice", (string?)json["user"]);
        Assert.Equal(["ws-multi", "ws-overlap", "ws-proj"], json["workspaces"]!.AsArray().Select(w => (string)w!).Order());
    }

    [Fact]
    public void One_frame_per_visible_workspace_with_the_path_of_that_workspace()
    {
        StartRouter();
        var alice = Session("alice", roles: ["role-team"]);
        var bob = Session("bob", roles: ["role-other"]);
        Publish(BusTopic.Tree, """{"Type":"UPDATE_CONTENT","Target":{"Uuid":"f","Path":"ds/proj/shared/f.txt","Type":"LEAF","Size":3}}""");
        var frames = alice.Events.OrderBy(f => f, StringComparer.Ordinal).ToArray();
        JsonAssert.Equal([
            $$$"""{"Type":"UPDATE_CONTENT","Target":{"Uuid":"f","Path":"projects/shared/f.txt","Type":"LEAF","Size":"3","MetaStore":{{{Ws("ws-proj")}}}}}""",
            $$$"""{"Type":"UPDATE_CONTENT","Target":{"Uuid":"f","Path":"shared/f.txt","Type":"LEAF","Size":"3","MetaStore":{{{Ws("ws-overlap")}}}}}""",
        ], frames);
        Assert.Empty(bob.Events);
    }

    public static TheoryData<string, string, string[]> Visibility => new()
    {
        { "single root", """{"Target":{"Uuid":"x","Path":"ds/proj/a/x.txt"}}""", [$$$"""{"Target":{"Uuid":"x","Path":"projects/a/x.txt","MetaStore":{{{Ws("ws-proj")}}}}}"""] },
        { "root itself", """{"Type":"UPDATE_META","Target":{"Uuid":"n-proj","Path":"ds/proj"}}""", [$$$"""{"Type":"UPDATE_META","Target":{"Uuid":"n-proj","Path":"projects/","MetaStore":{{{Ws("ws-proj")}}}}}"""] },
        { "multi-root named", """{"Target":{"Uuid":"x","Path":"ds/alpha/d/x.txt"}}""", [$$$"""{"Target":{"Uuid":"x","Path":"multi/Alpha/d/x.txt","MetaStore":{{{Ws("ws-multi")}}}}}"""] },
        { "multi-root by uuid", """{"Target":{"Uuid":"x","Path":"ds/beta/x.txt"}}""", [$$$"""{"Target":{"Uuid":"x","Path":"multi/n-b/x.txt","MetaStore":{{{Ws("ws-multi")}}}}}"""] },
        { "segment boundary", """{"Target":{"Uuid":"x","Path":"ds/project2/x"}}""", [] },
        { "denied sub-folder", """{"Target":{"Uuid":"x","Path":"ds/proj/secret/x"}}""", [] },
        { "denied sub-folder itself", """{"Type":"DELETE","Source":{"Uuid":"n-secret","Path":"ds/proj/secret"}}""", [] },
        { "dot-file", """{"Target":{"Uuid":"x","Path":"ds/proj/.hidden"}}""", [] },
        { "READ dropped", """{"Type":"READ","Target":{"Uuid":"x","Path":"ds/proj/a"}}""", [] },
        { "outside every workspace", """{"Target":{"Uuid":"x","Path":"ds/elsewhere/x"}}""", [] },
        { "moved in becomes CREATE", """{"Type":"UPDATE_PATH","Source":{"Uuid":"x","Path":"ds/project2/x"},"Target":{"Uuid":"x","Path":"ds/proj/x"}}""",
            [$$$"""{"Target":{"Uuid":"x","Path":"projects/x","MetaStore":{{{Ws("ws-proj")}}}}}"""] },
        { "moved out becomes DELETE", """{"Type":"UPDATE_PATH","Source":{"Uuid":"x","Path":"ds/proj/x"},"Target":{"Uuid":"x","Path":"ds/project2/x"}}""",
            [$$$"""{"Type":"DELETE","Source":{"Uuid":"x","Path":"projects/x","MetaStore":{{{Ws("ws-proj")}}}}}"""] },
        { "moved between two workspaces of the user", """{"Type":"UPDATE_PATH","Source":{"Uuid":"x","Path":"ds/alpha/x"},"Target":{"Uuid":"x","Path":"ds/proj/x"}}""",
            [$$$"""{"Type":"DELETE","Source":{"Uuid":"x","Path":"multi/Alpha/x","MetaStore":{{{Ws("ws-multi")}}}}}""",
             $$$"""{"Target":{"Uuid":"x","Path":"projects/x","MetaStore":{{{Ws("ws-proj")}}}}}"""] },
        { "DELETE carries only Source", """{"Type":5,"Source":{"Uuid":"x","Path":"ds/proj/x","Size":"4"},"Target":{"Uuid":"x","Path":"ds/proj/x"}}""",
            [$$$"""{"Type":"DELETE","Source":{"Uuid":"x","Path":"projects/x","Size":"4","MetaStore":{{{Ws("ws-proj")}}}}}"""] },
        { "lenient input", """{"type":"3","target":{"uuid":"x","path":"ds/proj/x","type":1,"size":"9007199254740993","mtime":1700000000,"metastore":{"pydio:x":"1","k":"\"v\""}},"silent":false}""",
            ["""{"Type":"UPDATE_CONTENT","Target":{"Uuid":"x","Path":"projects/x","Type":"LEAF","Size":"9007199254740993","MTime":"1700000000","MetaStore":{"k":"\"v\"","EventWorkspaceId":"\"ws-proj\""}}}"""] },
    };

    [Theory]
    [MemberData(nameof(Visibility))]
    public void Node_frames_of_a_team_member(string because, string eventJson, string[] expected)
    {
        StartRouter();
        var alice = Session("alice", roles: ["role-team"]);
        Publish(BusTopic.Tree, eventJson);
        Assert.True(expected.Length == alice.Events.Count, $"{because}: {string.Join(" | ", alice.Events)}");
        JsonAssert.Equal(expected.Order(StringComparer.Ordinal).ToArray(), alice.Events.Order(StringComparer.Ordinal).ToArray());
    }

    [Fact]
    public void Meta_topic_is_routed_like_tree()
    {
        StartRouter();
        var alice = Session("alice", roles: ["role-team"]);
        Publish(BusTopic.Meta, """{"Type":"UPDATE_META","Target":{"Uuid":"x","Path":"ds/proj/x"}}""");
        Assert.Single(alice.Events);
    }

    [Fact]
    public void Admin_profile_does_not_bypass_acls()
    {
        StartRouter();
        var rootless = Session("root", profile: "admin");
        var admin = Session("admin", profile: "admin", roles: ["role-other"]);
        Publish(BusTopic.Tree, """{"Target":{"Uuid":"x","Path":"ds/proj/x"}}""");
        Publish(BusTopic.Tree, """{"Target":{"Uuid":"y","Path":"ds/project2/y"}}""");
        Assert.Empty(rootless.Events);
        var frame = Assert.Single(admin.Events);
        JsonAssert.Equal($$$"""{"Target":{"Uuid":"y","Path":"project2/y","MetaStore":{{{Ws("ws-proj2")}}}}}""", frame);
    }

    [Fact]
    public void Same_frame_bytes_go_to_every_session_of_a_workspace()
    {
        StartRouter();
        var a1 = Session("alice", roles: ["role-team"]);
        var a2 = Session("alice", roles: ["role-team"]);
        var carol = Session("carol", roles: ["role-other", "role-team"]);
        Publish(BusTopic.Tree, """{"Target":{"Uuid":"x","Path":"ds/proj/x"}}""");
        Assert.Equal(Assert.Single(a1.Events), Assert.Single(a2.Events));
        Assert.Equal(a1.Events, carol.Events);
    }

    [Fact]
    public void Role_order_decides_a_deny_in_the_router()
    {
        var directory = Access.TestDirectory.Parse(Access.TestDirectory.StandardJson.Replace(
            "\"Nodes\"", "\"Extra\":[],\"Nodes\"", StringComparison.Ordinal));
        directory.Apply(new IdmChangeEvent(IdmEventType.CREATE, null, null, null, null, null,
            Access.TestDirectory.Acl("role-lift", "n-secret", "read", "ws-proj", "lift"), null, null));
        StartRouter(directory: directory);
        var lifted = Session("lifted", roles: ["role-team", "role-lift"]);
        var denied = Session("denied", roles: ["role-lift", "role-team"]);
        Publish(BusTopic.Tree, """{"Target":{"Uuid":"x","Path":"ds/proj/secret/x"}}""");
        JsonAssert.Equal($$$"""{"Target":{"Uuid":"x","Path":"projects/secret/x","MetaStore":{{{Ws("ws-proj")}}}}}""", Assert.Single(lifted.Events));
        Assert.Empty(denied.Events);
    }

    private static string UserMeta(string policies) =>
        "{\"Type\":\"UPDATE_USER_META\",\"Source\":{\"Uuid\":\"x\",\"Path\":\"ds/proj/x\",\"MetaStore\":{\"pydio:meta-policies\":" + System.Text.Json.JsonSerializer.Serialize(policies) +
        "}},\"Target\":{\"Uuid\":\"x\",\"Path\":\"ds/proj/x\",\"MetaStore\":{\"tags\":\"\\\"t\\\"\"}}}";

    [Theory]
    [InlineData("""[{"Subject":"*","Action":"READ","Effect":"allow"}]""", true, true, true)]
    [InlineData("""[{"Subject":"user:alice","Action":"READ","Effect":"allow"}]""", true, false, false)]
    [InlineData("""[{"Subject":"profile:admin","Action":"READ","Effect":"allow"}]""", false, false, true)]
    [InlineData("""[{"Subject":"role:role-team","Action":"READ","Effect":"allow"}]""", true, true, true)]
    [InlineData("""[{"Subject":"*","Action":"READ","Effect":"allow"},{"Subject":"user:carol","Action":"READ","Effect":"deny"}]""", true, false, true)]
    [InlineData("""[{"Subject":"*","Action":"READ","Effect":"allow"},{"Subject":"profile:admin","Action":"READ","Effect":"deny"}]""", true, true, false)]
    [InlineData("""[]""", false, false, false)]
    public void User_meta_is_delivered_by_policy_without_Source(string policies, bool alice, bool carol, bool admin)
    {
        StartRouter();
        var sinks = new[]
        {
            Session("alice", roles: ["role-team"]),
            Session("carol", roles: ["role-team"]),
            Session("dave", profile: "admin", roles: ["role-team"]),
        };
        Publish(BusTopic.Meta, UserMeta(policies));
        var expected = new[] { alice, carol, admin };
        for (var i = 0; i < sinks.Length; i++)
        {
            if (expected[i])
                JsonAssert.Equal("""{"Type":"UPDATE_USER_META","Target":{"Uuid":"x","Path":"projects/x","MetaStore":{"tags":"\"t\"","EventWorkspaceId":"\"ws-proj\""}}}""", Assert.Single(sinks[i].Events));
            else
                Assert.Empty(sinks[i].Events);
        }
    }

    [Fact]
    public void User_meta_still_needs_the_node_to_be_visible()
    {
        StartRouter();
        var bob = Session("bob", roles: ["role-other"]);
        Publish(BusTopic.Meta, UserMeta("""[{"Subject":"*","Action":"READ","Effect":"allow"}]"""));
        Assert.Empty(bob.Events);
    }

    [Fact]
    public void Silent_events_are_capped_per_node_per_second()
    {
        StartRouter(new RouterSettings(TimeSpan.Zero, TimeSpan.FromSeconds(3), 3));
        var alice = Session("alice", roles: ["role-team"]);
        // Stay inside one wall-clock second.
        while (DateTime.UtcNow.Millisecond > 300)
            Thread.Sleep(20);
        for (var i = 0; i < 6; i++)
            Router.Tell(new BusEvent(BusTopic.Tree, System.Text.Encoding.UTF8.GetBytes("""{"Type":"UPDATE_META","Silent":true,"Target":{"Uuid":"a","Path":"ds/proj/a"}}""")));
        for (var i = 0; i < 2; i++)
            Router.Tell(new BusEvent(BusTopic.Tree, System.Text.Encoding.UTF8.GetBytes("""{"Type":"UPDATE_META","Silent":true,"Target":{"Uuid":"b","Path":"ds/proj/b"}}""")));
        for (var i = 0; i < 4; i++)
            Router.Tell(new BusEvent(BusTopic.Tree, System.Text.Encoding.UTF8.GetBytes("""{"Type":"UPDATE_META","Target":{"Uuid":"a","Path":"ds/proj/a"}}""")));
        Barrier();
        Assert.Equal(3 + 2 + 4, alice.Events.Count);
    }

    [Fact]
    public void A_bad_event_is_dropped_and_routing_goes_on()
    {
        StartRouter();
        var alice = Session("alice", roles: ["role-team"]);
        Publish(BusTopic.Tree, "{not json");
        Publish(BusTopic.Tree, """{"Type":"NOPE","Target":{"Uuid":"x","Path":"ds/proj/x"}}""");
        Publish(BusTopic.Tree, """{"Target":{"Uuid":"x","Path":"ds/proj/x"}}""");
        Assert.Single(alice.Events);
        Assert.Equal(2, Counters.DroppedCount(BusTopic.Tree));
    }
}
