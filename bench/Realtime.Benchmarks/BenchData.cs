using System.Text;
using System.Text.Json;
using Realtime.Actors.Access;
using Realtime.Messages.Bus;

namespace Realtime.Benchmarks;

/// <summary>Shared inputs: a directory of W workspaces over one datasource folder, and a typical node event.</summary>
public static class BenchData
{
    public const string SharedRoot = "ds/shared";

    /// <summary>
    /// W workspaces that all mount <see cref="SharedRoot"/> through their own root node <c>n-root-i</c>; role-i reads
    /// ws-i only (ACLs are per node, so a shared root node would grant every workspace); role-0 denies a sub-folder.
    /// </summary>
    public static AccessDirectory Directory(int workspaces)
    {
        var ws = new StringBuilder();
        var acls = new StringBuilder();
        for (var i = 0; i < workspaces; i++)
        {
            if (i > 0)
            {
                ws.Append(',');
                acls.Append(',');
            }
            ws.Append($$"""{ "UUID": "ws-{{i}}", "Slug": "space{{i}}", "RootNodes": { "n-root-{{i}}": { "Uuid": "n-root-{{i}}", "Path": "{{SharedRoot}}" } } }""");
            acls.Append($$"""{ "ID": "r{{i}}", "RoleID": "role-{{i}}", "WorkspaceID": "ws-{{i}}", "NodeID": "n-root-{{i}}", "Action": { "Name": "read", "Value": "1" } }""");
        }
        acls.Append(""",{ "ID": "d0", "RoleID": "role-0", "WorkspaceID": "ws-0", "NodeID": "n-secret", "Action": { "Name": "deny", "Value": "1" } }""");
        var json = $$"""{ "Workspaces": [{{ws}}], "Acls": [{{acls}}], "Nodes": [ { "Uuid": "n-secret", "Path": "{{SharedRoot}}/secret" } ] }""";
        using var document = JsonDocument.Parse(json);
        return AccessDirectory.FromSnapshot(document.RootElement);
    }

    /// <summary>An UPDATE_CONTENT of a file, as the bus carries it (64-bit values as strings, MetaStore values JSON).</summary>
    public static string NodeEventJson(bool lowerCaseNames = false)
    {
        var json = $$$"""
        {"Type":"UPDATE_CONTENT","Target":{"Uuid":"4f7c1a2e-9d1b-4c55-8a0e-6b2d3f4e5a6b","Path":"{{{SharedRoot}}}/docs/reports/2026/q4-report.pdf","Type":"LEAF","Size":"1048576","MTime":"1767225600","Mode":420,"Etag":"d41d8cd98f00b204e9800998ecf8427e","MetaStore":{"name":"\"q4-report.pdf\"","mime":"\"application/pdf\"","pydio:internal":"\"x\"","bench_sent":"1234567890"}},"Silent":false,"Optimistic":false}
        """;
        if (!lowerCaseNames)
            return json;
        foreach (var name in new[] { "Type", "Target", "Uuid", "Path", "Size", "MTime", "Mode", "Etag", "MetaStore", "Silent", "Optimistic" })
            json = json.Replace($"\"{name}\":", $"\"{name.ToLowerInvariant()}\":", StringComparison.Ordinal);
        return json;
    }

    public static NodeChangeEvent NodeEvent()
    {
        using var document = JsonDocument.Parse(NodeEventJson());
        return NodeChangeEvent.Parse(document.RootElement);
    }
}
