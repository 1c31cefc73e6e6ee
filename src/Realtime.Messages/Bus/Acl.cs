using System.Text.Json;
using Realtime.Messages.Json;

namespace Realtime.Messages.Bus;

/// <summary>An ACL of the access directory (PROTOCOL 4.1): one action of one role on one node.</summary>
public sealed record Acl(string ID, string RoleID, string WorkspaceID, string NodeID, AclAction Action)
{
    public static Acl Parse(JsonElement json)
    {
        var action = json.Object("Action");
        return new Acl(
            json.String("ID"),
            json.String("RoleID"),
            json.String("WorkspaceID"),
            json.String("NodeID"),
            new AclAction(action?.String("Name") ?? "", action?.String("Value") ?? ""));
    }
}
