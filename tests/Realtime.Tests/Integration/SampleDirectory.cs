namespace Realtime.Tests.Integration;

/// <summary>
/// Two tenants: <c>role-a</c> sees workspace A (<c>ds/a</c>, with <c>ds/a/secret</c> denied), <c>role-b</c> sees
/// workspace B (<c>ds/b</c>).
/// </summary>
public static class SampleDirectory
{
    public const string Json = """
    {
      "Workspaces": [
        { "UUID": "ws-a", "Slug": "alpha", "RootNodes": { "n-a": { "Uuid": "n-a", "Path": "ds/a" } } },
        { "UUID": "ws-b", "Slug": "beta", "RootNodes": { "n-b": { "Uuid": "n-b", "Path": "ds/b" } } }
      ],
      "Acls": [
        { "ID": "a1", "RoleID": "role-a", "WorkspaceID": "ws-a", "NodeID": "n-a", "Action": { "Name": "read", "Value": "1" } },
        { "ID": "a2", "RoleID": "role-a", "WorkspaceID": "ws-a", "NodeID": "n-secret", "Action": { "Name": "deny", "Value": "1" } },
        { "ID": "b1", "RoleID": "role-b", "WorkspaceID": "ws-b", "NodeID": "n-b", "Action": { "Name": "read", "Value": "1" } },
        { "ID": "b2", "RoleID": "role-b", "WorkspaceID": "ws-b", "NodeID": "n-b", "Action": { "Name": "write", "Value": "1" } }
      ],
      "Nodes": [ { "Uuid": "n-secret", "Path": "ds/a/secret" } ]
    }
    """;

    public static string CreateIn(string workspaceRoot, string file, string uuid = "n-file") =>
        $$$"""{"Type":"CREATE","Target":{"Uuid":"{{{uuid}}}","Path":"{{{workspaceRoot}}}/{{{file}}}","Type":"LEAF","Size":"12"}}""";
}
