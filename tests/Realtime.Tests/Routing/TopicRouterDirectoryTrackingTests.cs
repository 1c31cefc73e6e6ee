using Realtime.Messages.Bus;
using Realtime.Tests.Messages;
using Xunit;

namespace Realtime.Tests.Routing;

/// <summary>
/// PROTOCOL 4.1: a deny ACL hides its node and everything under it, also when the node's path is learnt (or
/// changes) through tree events after the sessions registered.
/// </summary>
public sealed class TopicRouterDirectoryTrackingTests : RouterTestKit
{
    private const string DenyDocs = """{"Type":"CREATE","Acl":{"ID":"d","RoleID":"role-team","WorkspaceID":"ws-proj","NodeID":"n-docs","Action":{"Name":"deny","Value":"1"}}}""";

    [Fact]
    public void A_denied_folder_first_seen_in_a_tree_event_is_hidden_with_its_content()
    {
        StartRouter();
        var alice = Session("alice", roles: ["role-team"]);
        Publish(BusTopic.Idm, DenyDocs); // the node is not in the directory yet
        alice.Clear();
        Publish(BusTopic.Tree, """{"Type":"CREATE","Target":{"Uuid":"n-docs","Path":"ds/proj/docs","Type":"COLLECTION"}}""");
        Publish(BusTopic.Tree, """{"Type":"CREATE","Target":{"Uuid":"x","Path":"ds/proj/docs/x"}}""");
        Publish(BusTopic.Tree, """{"Type":"CREATE","Target":{"Uuid":"y","Path":"ds/proj/y"}}""");
        Assert.Contains("projects/y", Assert.Single(alice.Events), StringComparison.Ordinal);
    }

    [Fact]
    public void A_denied_folder_keeps_hiding_its_content_after_a_move()
    {
        var directory = Access.TestDirectory.Standard();
        directory.IndexNode("n-docs", "ds/proj/docs");
        StartRouter(directory: directory);
        var alice = Session("alice", roles: ["role-team"]);
        Publish(BusTopic.Idm, DenyDocs);
        alice.Clear();
        Publish(BusTopic.Tree, """{"Type":"UPDATE_PATH","Source":{"Uuid":"n-docs","Path":"ds/proj/docs"},"Target":{"Uuid":"n-docs","Path":"ds/proj/archive"}}""");
        Publish(BusTopic.Tree, """{"Type":"CREATE","Target":{"Uuid":"x","Path":"ds/proj/archive/x"}}""");
        Publish(BusTopic.Tree, """{"Type":"CREATE","Target":{"Uuid":"y","Path":"ds/proj/docs/y"}}""");
        // Moving a denied folder is a DELETE for nobody and a CREATE for nobody: it stays hidden.
        Assert.Contains("projects/docs/y", Assert.Single(alice.Events), StringComparison.Ordinal);
    }

    [Fact]
    public void Metastore_values_that_are_not_json_are_sent_json_encoded()
    {
        StartRouter();
        var alice = Session("alice", roles: ["role-team"]);
        Publish(BusTopic.Tree, """{"Type":"UPDATE_META","Target":{"Uuid":"x","Path":"ds/proj/x","MetaStore":{"name":"x","ok":"\"x\"","num":"12","obj":{"a":1},"n":5,"empty":""}}}""");
        var frame = Assert.Single(alice.Events);
        var meta = System.Text.Json.Nodes.JsonNode.Parse(frame)!["Target"]!["MetaStore"]!.AsObject();
        foreach (var (key, value) in meta)
        {
            var text = (string)value!;
            var ex = Record.Exception(() => System.Text.Json.JsonDocument.Parse(text).Dispose());
            Assert.True(ex is null, $"MetaStore[{key}] = {text} is not JSON");
        }
        JsonAssert.Equal("""{"name":"\"x\"","ok":"\"x\"","num":"12","obj":"{\"a\":1}","n":"5","empty":"\"\"","EventWorkspaceId":"\"ws-proj\""}""", meta.ToJsonString());
    }
}
