namespace Realtime.Tests.Integration;

/// <summary>
/// The access directory of the chat tests. <c>role-team</c> reads and writes workspace <c>ws-team</c>
/// (<c>ds/team</c>, with the node <c>n-doc</c> in it); <c>role-reader</c> only reads it; <c>role-other</c> sees
/// only <c>ws-other</c>.
/// </summary>
public static class ChatTestDirectory
{
    public const string Workspace = "ws-team";
    public const string Node = "n-doc";
    public const string OtherNode = "n-plan";
    public static readonly string[] Team = ["role-team"];
    public static readonly string[] Reader = ["role-reader"];
    public static readonly string[] Other = ["role-other"];

    public const string Json = """
    {
      "Workspaces": [
        { "UUID": "ws-team", "Slug": "team", "RootNodes": { "n-team": { "Uuid": "n-team", "Path": "ds/team" } } },
        { "UUID": "ws-other", "Slug": "other", "RootNodes": { "n-other": { "Uuid": "n-other", "Path": "ds/other" } } }
      ],
      "Acls": [
        { "ID": "t1", "RoleID": "role-team", "WorkspaceID": "ws-team", "NodeID": "n-team", "Action": { "Name": "read", "Value": "1" } },
        { "ID": "t2", "RoleID": "role-team", "WorkspaceID": "ws-team", "NodeID": "n-team", "Action": { "Name": "write", "Value": "1" } },
        { "ID": "r1", "RoleID": "role-reader", "WorkspaceID": "ws-team", "NodeID": "n-team", "Action": { "Name": "read", "Value": "1" } },
        { "ID": "o1", "RoleID": "role-other", "WorkspaceID": "ws-other", "NodeID": "n-other", "Action": { "Name": "read", "Value": "1" } },
        { "ID": "o2", "RoleID": "role-other", "WorkspaceID": "ws-other", "NodeID": "n-other", "Action": { "Name": "write", "Value": "1" } }
      ],
      "Nodes": [ { "Uuid": "n-doc", "Path": "ds/team/doc.txt" }, { "Uuid": "n-plan", "Path": "ds/team/plan.txt" } ]
    }
    """;

    /// <summary>
    /// Settings of every chat gateway: no inbound or HISTORY rate limit in the way of 250 quick posts and their paging,
    /// old pages from the journal, and every role of this directory may create GLOBAL rooms (each test makes its own).
    /// </summary>
    public static Dictionary<string, string?> Settings(params (string Key, string? Value)[] more)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Realtime:Sockets:MaxInboundPerSecond"] = "2000",
            ["Realtime:Sockets:InboundBurst"] = "2000",
            ["Realtime:Chat:MaxHistoryPerSecond"] = "2000",
            ["Realtime:Chat:HistoryBurst"] = "2000",
            ["Realtime:Chat:GlobalRoomCreatorRoles"] = string.Join(',', [.. Team, .. Reader, .. Other]),
            ["Realtime:Chat:RecentInMemory"] = "50",
            ["Realtime:Chat:SnapshotEvery"] = "64",
        };
        foreach (var (key, value) in more)
            settings[key] = value;
        return settings;
    }
}
