using System.Text;
using System.Text.Json;
using Realtime.Actors.Access;
using Realtime.Actors.Routing;
using Realtime.Messages.Bus;
using Realtime.Tests.Access;
using Realtime.Tests.Messages;
using Xunit;

namespace Realtime.Tests.Routing;

/// <summary>PROTOCOL 4.2 per workspace: READ dropped, dot-files, UPDATE_PATH in/out/both, DELETE with Source only.</summary>
public sealed class NodeEventRulesTests
{
    private static readonly WorkspaceAccess Projects = AccessResolver.Resolve(TestDirectory.Standard(), ["role-team"]).Workspaces["ws-proj"];

    private static NodeChangeEvent Parse(string json)
    {
        using var document = JsonDocument.Parse(json);
        return NodeChangeEvent.Parse(document.RootElement);
    }

    private static string? Frame(string eventJson)
    {
        var change = Parse(eventJson);
        return NodeEventRules.Decide(change, Projects) is { } key
            ? Encoding.UTF8.GetString(NodeEventRules.Encode(change, Projects.Workspace, key))
            : null;
    }

    private const string Ws = "\"MetaStore\":{\"EventWorkspaceId\":\"\\\"ws-proj\\\"\"}";

    public static TheoryData<string, string, string?> Cases => new()
    {
        { "READ dropped", """{"Type":"READ","Target":{"Uuid":"t","Path":"ds/proj/a"}}""", null },
        { "CREATE has no Type", """{"Type":"CREATE","Target":{"Uuid":"t","Path":"ds/proj/a","Type":"LEAF"}}""",
            $$$"""{"Target":{"Uuid":"t","Path":"projects/a","Type":"LEAF",{{{Ws}}}}}""" },
        { "UPDATE_CONTENT", """{"Type":"UPDATE_CONTENT","Target":{"Uuid":"t","Path":"ds/proj/a","Size":12,"MTime":"99","Etag":"e"}}""",
            $$$"""{"Type":"UPDATE_CONTENT","Target":{"Uuid":"t","Path":"projects/a","Size":"12","MTime":"99","Etag":"e",{{{Ws}}}}}""" },
        { "UPDATE_META", """{"Type":4,"Target":{"Uuid":"t","Path":"ds/proj/a"}}""",
            $$$"""{"Type":"UPDATE_META","Target":{"Uuid":"t","Path":"projects/a",{{{Ws}}}}}""" },
        { "dot-file target never sent", """{"Type":"CREATE","Target":{"Uuid":"t","Path":"ds/proj/d/.DS_Store"}}""", null },
        { "dot-file delete never sent", """{"Type":"DELETE","Source":{"Uuid":"t","Path":"ds/proj/.tmp"}}""", null },
        { "DELETE carries only Source", """{"Type":"DELETE","Source":{"Uuid":"t","Path":"ds/proj/a"},"Target":{"Uuid":"t","Path":"ds/proj/a"}}""",
            $$$"""{"Type":"DELETE","Source":{"Uuid":"t","Path":"projects/a",{{{Ws}}}}}""" },
        { "DELETE decided by Source", """{"Type":"DELETE","Source":{"Uuid":"t","Path":"ds/other/a"},"Target":{"Uuid":"t","Path":"ds/proj/a"}}""", null },
        { "DELETE of a dot-file Source even with a visible Target", """{"Type":"DELETE","Source":{"Uuid":"t","Path":"ds/proj/.a"},"Target":{"Uuid":"t","Path":"ds/proj/a"}}""", null },
        { "DELETE with only Target uses it as Source", """{"Type":"DELETE","Target":{"Uuid":"t","Path":"ds/proj/a"}}""",
            $$$"""{"Type":"DELETE","Source":{"Uuid":"t","Path":"projects/a",{{{Ws}}}}}""" },
        { "UPDATE_PATH both inside", """{"Type":"UPDATE_PATH","Source":{"Uuid":"t","Path":"ds/proj/a"},"Target":{"Uuid":"t","Path":"ds/proj/b"}}""",
            $$$"""{"Type":"UPDATE_PATH","Source":{"Uuid":"t","Path":"projects/a",{{{Ws}}}},"Target":{"Uuid":"t","Path":"projects/b",{{{Ws}}}}}""" },
        { "UPDATE_PATH moved in becomes CREATE with Target only", """{"Type":"UPDATE_PATH","Source":{"Uuid":"t","Path":"ds/project2/a"},"Target":{"Uuid":"t","Path":"ds/proj/a"}}""",
            $$$"""{"Target":{"Uuid":"t","Path":"projects/a",{{{Ws}}}}}""" },
        { "UPDATE_PATH moved out becomes DELETE with Source only", """{"Type":"UPDATE_PATH","Source":{"Uuid":"t","Path":"ds/proj/a"},"Target":{"Uuid":"t","Path":"ds/project2/a"}}""",
            $$$"""{"Type":"DELETE","Source":{"Uuid":"t","Path":"projects/a",{{{Ws}}}}}""" },
        { "UPDATE_PATH into a denied folder becomes DELETE", """{"Type":"UPDATE_PATH","Source":{"Uuid":"t","Path":"ds/proj/a"},"Target":{"Uuid":"t","Path":"ds/proj/secret/a"}}""",
            $$$"""{"Type":"DELETE","Source":{"Uuid":"t","Path":"projects/a",{{{Ws}}}}}""" },
        { "UPDATE_PATH out of a denied folder becomes CREATE", """{"Type":"UPDATE_PATH","Source":{"Uuid":"t","Path":"ds/proj/secret/a"},"Target":{"Uuid":"t","Path":"ds/proj/a"}}""",
            $$$"""{"Target":{"Uuid":"t","Path":"projects/a",{{{Ws}}}}}""" },
        { "UPDATE_PATH rename from a dot-file becomes CREATE", """{"Type":"UPDATE_PATH","Source":{"Uuid":"t","Path":"ds/proj/.upload"},"Target":{"Uuid":"t","Path":"ds/proj/a"}}""",
            $$$"""{"Target":{"Uuid":"t","Path":"projects/a",{{{Ws}}}}}""" },
        { "UPDATE_PATH both outside", """{"Type":"UPDATE_PATH","Source":{"Uuid":"t","Path":"ds/x/a"},"Target":{"Uuid":"t","Path":"ds/x/b"}}""", null },
        { "segment boundary", """{"Type":"CREATE","Target":{"Uuid":"t","Path":"ds/project2/x"}}""", null },
        { "denied sub-folder", """{"Type":"CREATE","Target":{"Uuid":"t","Path":"ds/proj/secret/x"}}""", null },
        { "denied folder itself", """{"Type":"UPDATE_META","Target":{"Uuid":"n-secret","Path":"ds/proj/secret"}}""", null },
        { "root itself", """{"Type":"UPDATE_META","Target":{"Uuid":"n-proj","Path":"ds/proj","Type":"COLLECTION"}}""",
            $$$"""{"Type":"UPDATE_META","Target":{"Uuid":"n-proj","Path":"projects/","Type":"COLLECTION",{{{Ws}}}}}""" },
        { "pydio: meta stripped, other meta kept", """{"Type":"UPDATE_META","Target":{"Uuid":"t","Path":"ds/proj/a","MetaStore":{"pydio:meta-data-source-path":"\"a\"","name":"\"a\"","usermeta-tag":"\"x\""}}}""",
            """{"Type":"UPDATE_META","Target":{"Uuid":"t","Path":"projects/a","MetaStore":{"name":"\"a\"","usermeta-tag":"\"x\"","EventWorkspaceId":"\"ws-proj\""}}}""" },
        { "Silent, Optimistic and Metadata not forwarded", """{"Type":"UPDATE_CONTENT","Silent":true,"Optimistic":true,"Metadata":{"X-Pydio-User":"alice"},"Target":{"Uuid":"t","Path":"ds/proj/a"}}""",
            $$$"""{"Type":"UPDATE_CONTENT","Target":{"Uuid":"t","Path":"projects/a",{{{Ws}}}}}""" },
        { "unknown fields not forwarded", """{"Type":"UPDATE_CONTENT","Extra":1,"Target":{"Uuid":"t","Path":"ds/proj/a","Whatever":"x"}}""",
            $$$"""{"Type":"UPDATE_CONTENT","Target":{"Uuid":"t","Path":"projects/a",{{{Ws}}}}}""" },
        { "UPDATE_USER_META has no Source", """{"Type":"UPDATE_USER_META","Source":{"Uuid":"t","Path":"ds/proj/a","MetaStore":{"pydio:meta-policies":"[]"}},"Target":{"Uuid":"t","Path":"ds/proj/a","MetaStore":{"tags":"\"x\""}}}""",
            """{"Type":"UPDATE_USER_META","Target":{"Uuid":"t","Path":"projects/a","MetaStore":{"tags":"\"x\"","EventWorkspaceId":"\"ws-proj\""}}}""" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Frame_in_one_workspace(string because, string eventJson, string? expected)
    {
        var frame = Frame(eventJson);
        if (expected is null)
            Assert.True(frame is null, $"{because}: expected no frame, got {frame}");
        else
        {
            Assert.True(frame is not null, $"{because}: expected a frame");
            JsonAssert.Equal(expected, frame!);
        }
    }
}
