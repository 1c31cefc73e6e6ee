using System.Text;
using System.Text.Json;
using Realtime.Messages.Bus;
using Realtime.Messages.Protocol;
using Xunit;

namespace Realtime.Tests.Messages;

/// <summary>PROTOCOL 2 output conventions: names by Cells, enums by name, zero values omitted, int64 as strings.</summary>
public sealed class EventFramesTests
{
    private static readonly IReadOnlyDictionary<string, string> NoMeta = new Dictionary<string, string>();

    private static Node Node(string uuid = "", string path = "", NodeType type = NodeType.UNKNOWN, long size = 0, long mtime = 0, int mode = 0, string etag = "", IReadOnlyDictionary<string, string>? meta = null) =>
        new(uuid, path, type, size, mtime, mode, etag, meta ?? NoMeta);

    private static string Text(byte[] frame) => Encoding.UTF8.GetString(frame);

    public static TheoryData<string, Node, string> Nodes => new()
    {
        { "empty node has no keys", Node(), "{}" },
        { "unknown type omitted", Node("u", "p"), """{"Uuid":"u","Path":"p"}""" },
        { "leaf by name", Node("u", "p", NodeType.LEAF), """{"Uuid":"u","Path":"p","Type":"LEAF"}""" },
        { "collection by name", Node("u", "p", NodeType.COLLECTION), """{"Uuid":"u","Path":"p","Type":"COLLECTION"}""" },
        { "size and mtime as strings", Node("u", "p", NodeType.LEAF, 9007199254740993, 1700000000), """{"Uuid":"u","Path":"p","Type":"LEAF","Size":"9007199254740993","MTime":"1700000000"}""" },
        { "mode as number", Node("u", mode: 511), """{"Uuid":"u","Mode":511}""" },
        { "etag", Node("u", etag: "abc"), """{"Uuid":"u","Etag":"abc"}""" },
        { "zero size and mtime omitted", Node("u", size: 0, mtime: 0, etag: ""), """{"Uuid":"u"}""" },
        { "metastore values written as strings", Node("u", meta: new Dictionary<string, string> { ["name"] = "\"a.txt\"", ["n"] = "3" }), """{"Uuid":"u","MetaStore":{"name":"\"a.txt\"","n":"3"}}""" },
    };

    [Theory]
    [MemberData(nameof(Nodes))]
    public void Node_is_written_exactly(string because, Node node, string expected)
    {
        Assert.NotEmpty(because);
        JsonAssert.Equal("{\"Type\":\"UPDATE_META\",\"Target\":" + expected + "}", Text(EventFrames.NodeEvent(NodeEventType.UPDATE_META, null, node)));
    }

    public static TheoryData<NodeEventType, string> EventTypes => new()
    {
        { NodeEventType.CREATE, """{"Target":{"Uuid":"u"}}""" },
        { NodeEventType.UPDATE_PATH, """{"Type":"UPDATE_PATH","Target":{"Uuid":"u"}}""" },
        { NodeEventType.UPDATE_CONTENT, """{"Type":"UPDATE_CONTENT","Target":{"Uuid":"u"}}""" },
        { NodeEventType.UPDATE_META, """{"Type":"UPDATE_META","Target":{"Uuid":"u"}}""" },
        { NodeEventType.DELETE, """{"Type":"DELETE","Target":{"Uuid":"u"}}""" },
        { NodeEventType.UPDATE_USER_META, """{"Type":"UPDATE_USER_META","Target":{"Uuid":"u"}}""" },
    };

    [Theory]
    [MemberData(nameof(EventTypes))]
    public void Node_event_type_is_written_by_name_and_CREATE_has_no_Type(NodeEventType type, string expected)
    {
        Assert.Equal(expected, Text(EventFrames.NodeEvent(type, null, Node("u"))));
    }

    [Fact]
    public void Node_event_writes_Source_before_Target()
    {
        Assert.Equal("""{"Type":"UPDATE_PATH","Source":{"Uuid":"s"},"Target":{"Uuid":"t"}}""",
            Text(EventFrames.NodeEvent(NodeEventType.UPDATE_PATH, Node("s"), Node("t"))));
    }

    [Fact]
    public void Subscribed_and_error_frames_are_exact()
    {
        Assert.Equal("""{"@type":"subscribed","user":"alice","workspaces":["ws-1","ws-2"],"exp":1700000000}""",
            Text(EventFrames.Subscribed("alice", ["ws-1", "ws-2"], 1700000000)));
        Assert.Equal("""{"@type":"error","jwt":"","error":"token expired"}""", Text(EventFrames.Error("token expired")));
    }

    private static TaskChangeEvent ParseTask(string json)
    {
        using var document = JsonDocument.Parse(json);
        return TaskChangeEvent.Parse(document.RootElement);
    }

    [Fact]
    public void Task_frame_is_exact_with_zero_values_omitted_and_the_job_forwarded()
    {
        var change = ParseTask("""
            {"TaskUpdated":{"ID":"t1","JobID":"j1","Status":"Running","StatusMessage":"50%","TriggerOwner":"alice",
                            "StartTime":"100","EndTime":0,"CanStop":true,"CanPause":false,"HasProgress":true,"Progress":0.5},
             "Job":{"ID":"j1","Label":"Copy"}}
            """);
        Assert.Equal("""{"TaskUpdated":{"ID":"t1","JobID":"j1","Status":"Running","StatusMessage":"50%","TriggerOwner":"alice","StartTime":100,"CanStop":true,"HasProgress":true,"Progress":0.5},"Job":{"ID":"j1","Label":"Copy"}}""",
            Text(EventFrames.Task(change)));
    }

    [Fact]
    public void Task_frame_of_an_empty_task_has_no_keys_and_no_Job()
    {
        Assert.Equal("""{"TaskUpdated":{}}""", Text(EventFrames.Task(ParseTask("""{"TaskUpdated":{"Status":0}}"""))));
    }

    private static IdmChangeEvent ParseIdm(string json)
    {
        using var document = JsonDocument.Parse(json);
        return IdmChangeEvent.Parse(document.RootElement);
    }

    [Fact]
    public void Idm_frame_reduces_the_user_to_public_fields()
    {
        var change = ParseIdm("""
            {"Type":"UPDATE","User":{"Uuid":"u-1","Login":"alice","Password":"secret","GroupPath":"/team","IsGroup":false,
                                     "Policies":[{"Subject":"user:alice","Action":"WRITE","Effect":"allow"}],
                                     "Roles":[{"Uuid":"role-team"}],"PoliciesContextEditable":true,
                                     "Attributes":{"displayName":"Alice","avatar":"a.png","email":"alice@example.com","hidden":"x"}}}
            """);
        var frame = Text(EventFrames.Idm(change));
        JsonAssert.Equal("""{"@type":"idm","Type":"UPDATE","User":{"Uuid":"u-1","Login":"alice","GroupPath":"/team","Attributes":{"displayName":"Alice","avatar":"a.png"}}}""", frame);
        Assert.DoesNotContain("secret", frame, StringComparison.Ordinal);
        Assert.DoesNotContain("Polic", frame, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("CREATE", """{"@type":"idm","User":{"Login":"bob","IsGroup":true}}""")]
    [InlineData("LOGOUT", """{"@type":"idm","Type":"LOGOUT","User":{"Login":"bob","IsGroup":true}}""")]
    [InlineData("DELETE", """{"@type":"idm","Type":"DELETE","User":{"Login":"bob","IsGroup":true}}""")]
    public void Idm_frame_writes_the_type_by_name_and_omits_CREATE(string type, string expected)
    {
        Assert.Equal(expected, Text(EventFrames.Idm(ParseIdm($$$"""{"Type":"{{{type}}}","User":{"Login":"bob","IsGroup":true}}"""))));
    }

    [Fact]
    public void Idm_frame_forwards_role_workspace_acl_and_attributes_as_received()
    {
        var change = ParseIdm("""
            {"Type":"UPDATE","Role":{"Uuid":"r","Label":"Team"},"Workspace":{"UUID":"ws","Slug":"s"},
             "Acl":{"RoleID":"r","NodeID":"n","Action":{"Name":"read","Value":"1"}},"Attributes":{"k":"v"}}
            """);
        Assert.Equal("""{"@type":"idm","Type":"UPDATE","Role":{"Uuid":"r","Label":"Team"},"Workspace":{"UUID":"ws","Slug":"s"},"Acl":{"RoleID":"r","NodeID":"n","Action":{"Name":"read","Value":"1"}},"Attributes":{"k":"v"}}""",
            Text(EventFrames.Idm(change)));
    }

    /// <summary>Idm events as Cells sends them, with policies at several depths and a workspace's root nodes, and their frames.</summary>
    public static readonly TheoryData<string, string> IdmEventsWithPolicies = new()
    {
        {
            """{"Type":"UPDATE","Role":{"Uuid":"role-a","Label":"Team","Policies":[{"Subject":"*","Action":"READ"}],"ForceOverride":true,"Attached":{"Policies":[]}}}""",
            """{"@type":"idm","Type":"UPDATE","Role":{"Uuid":"role-a","Label":"Team","ForceOverride":true,"Attached":{}}}"""
        },
        {
            """{"Type":"UPDATE","Workspace":{"UUID":"ws-a","Slug":"alpha","Label":"A","RootNodes":{"n-a":{"Uuid":"n-a","Path":"ds/a","Policies":[]}},"Policies":[{"Action":"READ"}],"Attributes":"{}"}}""",
            """{"@type":"idm","Type":"UPDATE","Workspace":{"UUID":"ws-a","Slug":"alpha","Label":"A","Attributes":"{}"}}"""
        },
        {
            """{"Type":"CREATE","Acl":{"ID":"a9","RoleID":"role-a","WorkspaceID":"ws-a","NodeID":"n-a","Action":{"Name":"read","Value":"1"},"Node":{"Uuid":"n-a","policies":[{"x":1}]}}}""",
            """{"@type":"idm","Acl":{"ID":"a9","RoleID":"role-a","WorkspaceID":"ws-a","NodeID":"n-a","Action":{"Name":"read","Value":"1"},"Node":{"Uuid":"n-a"}}}"""
        },
        {
            """{"Type":"UPDATE","User":{"Login":"alice","Policies":[]},"Attributes":{"k":"v","nested":[{"Policies":[1]},{"deep":{"Policies":{}}}]}}""",
            """{"@type":"idm","Type":"UPDATE","User":{"Login":"alice"},"Attributes":{"k":"v","nested":[{},{"deep":{}}]}}"""
        },
        {
            """{"Type":"DELETE","Workspace":{"UUID":"ws-a","Slug":"alpha","Scope":"ADMIN","RootNodes":{}}}""",
            """{"@type":"idm","Type":"DELETE","Workspace":{"UUID":"ws-a","Slug":"alpha","Scope":"ADMIN"}}"""
        },
    };

    [Theory]
    [MemberData(nameof(IdmEventsWithPolicies))]
    public void Idm_frames_carry_no_Policies_at_any_depth_and_no_workspace_RootNodes(string idmEvent, string expectedFrame)
    {
        var frame = Text(EventFrames.Idm(ParseIdm(idmEvent)));
        Assert.Empty(JsonScan.HiddenIdmProperties(frame));
        Assert.Equal(expectedFrame, frame);
    }

    [Theory]
    [InlineData("USER", """{"@type":"activity","OwnerType":"USER","OwnerId":"alice","BoxName":"inbox","Activity":{"type":"Create"}}""")]
    [InlineData("NODE", """{"@type":"activity","OwnerId":"alice","BoxName":"inbox","Activity":{"type":"Create"}}""")]
    public void Activity_frame_is_exact(string ownerType, string expected)
    {
        using var document = JsonDocument.Parse($$$"""{"OwnerType":"{{{ownerType}}}","OwnerId":"alice","BoxName":"inbox","Activity":{"type":"Create"}}""");
        var change = ActivityEvent.Parse(document.RootElement);
        Assert.Equal(expected, Text(EventFrames.Activity(change, change.Activity)));
    }
}
