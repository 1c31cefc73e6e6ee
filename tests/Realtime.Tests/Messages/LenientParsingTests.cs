using System.Text.Json;
using Realtime.Messages.Bus;
using Xunit;
using TaskStatus = Realtime.Messages.Bus.TaskStatus;

namespace Realtime.Tests.Messages;

/// <summary>PROTOCOL 2: input is read leniently — enums by name or number, int64 as string or number, field names case-insensitively.</summary>
public sealed class LenientParsingTests
{
    private static NodeChangeEvent ParseNodeEvent(string json)
    {
        using var document = JsonDocument.Parse(json);
        return NodeChangeEvent.Parse(document.RootElement);
    }

    public static TheoryData<string, NodeEventType> NodeEventTypes => new()
    {
        { "\"CREATE\"", NodeEventType.CREATE },
        { "0", NodeEventType.CREATE },
        { "\"READ\"", NodeEventType.READ },
        { "1", NodeEventType.READ },
        { "\"UPDATE_PATH\"", NodeEventType.UPDATE_PATH },
        { "2", NodeEventType.UPDATE_PATH },
        { "\"UPDATE_CONTENT\"", NodeEventType.UPDATE_CONTENT },
        { "3", NodeEventType.UPDATE_CONTENT },
        { "\"3\"", NodeEventType.UPDATE_CONTENT },
        { "\"update_content\"", NodeEventType.UPDATE_CONTENT },
        { "\"UPDATE_META\"", NodeEventType.UPDATE_META },
        { "4", NodeEventType.UPDATE_META },
        { "\"DELETE\"", NodeEventType.DELETE },
        { "5", NodeEventType.DELETE },
        { "\"UPDATE_USER_META\"", NodeEventType.UPDATE_USER_META },
        { "6", NodeEventType.UPDATE_USER_META },
        { "null", NodeEventType.CREATE },
    };

    [Theory]
    [MemberData(nameof(NodeEventTypes))]
    public void Node_event_type_is_read_by_name_or_number(string typeJson, NodeEventType expected)
    {
        var change = ParseNodeEvent($$$"""{"Type":{{{typeJson}}},"Target":{"Uuid":"u","Path":"ds/a"}}""");
        Assert.Equal(expected, change.Type);
    }

    [Fact]
    public void A_missing_node_event_type_is_CREATE()
    {
        Assert.Equal(NodeEventType.CREATE, ParseNodeEvent("""{"Target":{"Uuid":"u","Path":"ds/a"}}""").Type);
    }

    [Theory]
    [InlineData("\"LEAF\"", NodeType.LEAF)]
    [InlineData("1", NodeType.LEAF)]
    [InlineData("\"collection\"", NodeType.COLLECTION)]
    [InlineData("2", NodeType.COLLECTION)]
    [InlineData("\"UNKNOWN\"", NodeType.UNKNOWN)]
    [InlineData("0", NodeType.UNKNOWN)]
    public void Node_type_is_read_by_name_or_number(string typeJson, NodeType expected)
    {
        var change = ParseNodeEvent($$$$"""{"Target":{"Uuid":"u","Path":"ds/a","Type":{{{{typeJson}}}}}}""");
        Assert.Equal(expected, change.Target!.Type);
    }

    [Theory]
    [InlineData("0", 0)]
    [InlineData("7", 7)]
    [InlineData("\"LOGOUT\"", 7)]
    [InlineData("\"logout\"", 7)]
    [InlineData("\"3\"", 3)]
    public void Idm_event_type_is_read_by_name_or_number(string typeJson, int expected)
    {
        using var document = JsonDocument.Parse($$$"""{"Type":{{{typeJson}}},"User":{"Login":"alice"}}""");
        Assert.Equal((IdmEventType)expected, IdmChangeEvent.Parse(document.RootElement).Type);
    }

    [Theory]
    [InlineData("\"USER\"", ActivityOwnerType.USER)]
    [InlineData("1", ActivityOwnerType.USER)]
    [InlineData("\"NODE\"", ActivityOwnerType.NODE)]
    [InlineData("0", ActivityOwnerType.NODE)]
    public void Activity_owner_type_is_read_by_name_or_number(string typeJson, ActivityOwnerType expected)
    {
        using var document = JsonDocument.Parse($$$"""{"OwnerType":{{{typeJson}}},"OwnerId":"alice","BoxName":"inbox","Activity":{}}""");
        Assert.Equal(expected, ActivityEvent.Parse(document.RootElement).OwnerType);
    }

    [Theory]
    [InlineData("\"Running\"", TaskStatus.Running)]
    [InlineData("2", TaskStatus.Running)]
    [InlineData("\"finished\"", TaskStatus.Finished)]
    [InlineData("7", TaskStatus.Error)]
    public void Task_status_is_read_by_name_or_number(string statusJson, TaskStatus expected)
    {
        using var document = JsonDocument.Parse($$$$"""{"TaskUpdated":{"ID":"t","Status":{{{{statusJson}}}}}}""");
        Assert.Equal(expected, TaskChangeEvent.Parse(document.RootElement).TaskUpdated.Status);
    }

    [Theory]
    [InlineData("\"9\"")]
    [InlineData("42")]
    [InlineData("\"NOPE\"")]
    [InlineData("true")]
    public void An_unknown_enum_value_is_refused(string typeJson)
    {
        Assert.Throws<FormatException>(() => ParseNodeEvent($$$"""{"Type":{{{typeJson}}},"Target":{"Uuid":"u","Path":"ds/a"}}"""));
    }

    public static TheoryData<string, long> Int64Values => new()
    {
        { "1234", 1234 },
        { "\"1234\"", 1234 },
        { "\"9007199254740993\"", 9007199254740993 },
        { "9007199254740993", 9007199254740993 },
        { "\"-5\"", -5 },
        { "0", 0 },
        { "\"0\"", 0 },
        { "\"\"", 0 },
        { "null", 0 },
    };

    [Theory]
    [MemberData(nameof(Int64Values))]
    public void Int64_is_read_as_string_or_number(string valueJson, long expected)
    {
        var change = ParseNodeEvent($$$$"""{"Target":{"Uuid":"u","Path":"ds/a","Size":{{{{valueJson}}}},"MTime":{{{{valueJson}}}}}}""");
        Assert.Equal(expected, change.Target!.Size);
        Assert.Equal(expected, change.Target.MTime);
    }

    [Fact]
    public void A_non_integer_int64_is_refused()
    {
        Assert.Throws<FormatException>(() => ParseNodeEvent("""{"Target":{"Uuid":"u","Path":"ds/a","Size":"big"}}"""));
    }

    [Theory]
    [InlineData("Type", "Target", "Uuid", "Path", "Size", "MetaStore", "Silent")]
    [InlineData("type", "target", "uuid", "path", "size", "metastore", "silent")]
    [InlineData("TYPE", "TARGET", "UUID", "PATH", "SIZE", "METASTORE", "SILENT")]
    [InlineData("tYpE", "tarGet", "uUid", "pAth", "sIze", "metaStore", "siLent")]
    public void Field_names_are_case_insensitive(string type, string target, string uuid, string path, string size, string metaStore, string silent)
    {
        var change = ParseNodeEvent($$$$"""{"{{{{type}}}}":"UPDATE_CONTENT","{{{{silent}}}}":true,"{{{{target}}}}":{"{{{{uuid}}}}":"u1","{{{{path}}}}":"ds/a","{{{{size}}}}":"12","{{{{metaStore}}}}":{"k":"\"v\""}}}""");
        Assert.Equal(NodeEventType.UPDATE_CONTENT, change.Type);
        Assert.True(change.Silent);
        Assert.Equal("u1", change.Target!.Uuid);
        Assert.Equal("ds/a", change.Target.Path);
        Assert.Equal(12, change.Target.Size);
        Assert.Equal("\"v\"", change.Target.MetaStore["k"]);
    }

    [Fact]
    public void An_exact_field_name_wins_over_a_case_variant()
    {
        var change = ParseNodeEvent("""{"Target":{"uuid":"lower","Uuid":"exact","Path":"ds/a"}}""");
        Assert.Equal("exact", change.Target!.Uuid);
    }

    [Fact]
    public void Idm_fields_are_case_insensitive()
    {
        using var document = JsonDocument.Parse("""
            {"type":"update","acl":{"id":"9","roleid":"role-x","workspaceid":"ws","nodeid":"n","action":{"name":"read","value":"1"}},
             "user":{"login":"alice","uuid":"u-1"},"role":{"uuid":"role-x"},"workspace":{"uuid":"ws","slug":"s","rootnodes":{"r":{"path":"ds/r/"}}}}
            """);
        var change = IdmChangeEvent.Parse(document.RootElement);
        Assert.Equal(IdmEventType.UPDATE, change.Type);
        Assert.Equal(new Acl("9", "role-x", "ws", "n", new AclAction("read", "1")), change.Acl);
        Assert.Equal("alice", change.User!.Login);
        Assert.Equal("u-1", change.User.Uuid);
        Assert.Equal("role-x", change.RoleUuid);
        Assert.Equal("ws", change.Workspace!.UUID);
        Assert.Equal("s", change.Workspace.Slug);
        var root = Assert.Single(change.Workspace.RootNodes);
        Assert.Equal(new RootNode("r", "ds/r", "r"), root);
    }

    [Theory]
    [InlineData("true", true)]
    [InlineData("\"true\"", true)]
    [InlineData("false", false)]
    [InlineData("\"false\"", false)]
    [InlineData("null", false)]
    public void Booleans_are_read_as_json_or_string(string valueJson, bool expected)
    {
        var change = ParseNodeEvent($$$"""{"Silent":{{{valueJson}}},"Optimistic":{{{valueJson}}},"Target":{"Uuid":"u","Path":"ds/a"}}""");
        Assert.Equal(expected, change.Silent);
        Assert.Equal(expected, change.Optimistic);
    }

    [Fact]
    public void Task_int32_and_int64_fields_accept_strings()
    {
        using var document = JsonDocument.Parse("""{"TaskUpdated":{"ID":"t","StartTime":"100","EndTime":200,"Progress":0.5,"CanStop":"true"}}""");
        var task = TaskChangeEvent.Parse(document.RootElement).TaskUpdated;
        Assert.Equal(100, task.StartTime);
        Assert.Equal(200, task.EndTime);
        Assert.Equal(0.5, task.Progress);
        Assert.True(task.CanStop);
    }

    [Theory]
    [InlineData("tree", BusTopic.Tree)]
    [InlineData("TREE", BusTopic.Tree)]
    [InlineData("topic.pydio.tree.nodes.changes", BusTopic.Tree)]
    [InlineData("meta", BusTopic.Meta)]
    [InlineData("topic.pydio.meta.nodes.changes", BusTopic.Meta)]
    [InlineData("task", BusTopic.Task)]
    [InlineData("topic.pydio.jobconfig.event", BusTopic.Task)]
    [InlineData("idm", BusTopic.Idm)]
    [InlineData("topic.pydio.idm.event", BusTopic.Idm)]
    [InlineData("activity", BusTopic.Activity)]
    [InlineData("topic.pydio.activity.event", BusTopic.Activity)]
    public void Topics_are_accepted_by_short_or_full_name(string name, BusTopic expected)
    {
        Assert.True(BusTopics.TryParse(name, out var topic));
        Assert.Equal(expected, topic);
    }

    [Theory]
    [InlineData("[]")]
    [InlineData("\"x\"")]
    [InlineData("{}")]
    [InlineData("{\"Type\":\"DELETE\"}")]
    [InlineData("{not json")]
    public void A_node_event_without_nodes_or_not_an_object_is_refused(string json)
    {
        Assert.Throws<FormatException>(() => BusEventParser.Parse(BusTopic.Tree, System.Text.Encoding.UTF8.GetBytes(json)));
    }
}
