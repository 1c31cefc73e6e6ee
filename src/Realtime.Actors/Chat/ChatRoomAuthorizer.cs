using Realtime.Actors.Access;
using Realtime.Actors.Auth;
using Realtime.Messages.Bus;
using Realtime.Messages.Chat;

namespace Realtime.Actors.Chat;

/// <summary>
/// Who may join a room (PROTOCOL 6). NODE: the node (its path from the router's node index) is visible in
/// one of the user's workspaces, read-only without <c>write</c>. WORKSPACE: the workspace is accessible.
/// USER: the login is one of the comma-separated logins. GLOBAL: anyone authenticated (who may create one is the
/// session's <c>MayCreate</c>, decided apart: only the room knows whether it exists).
/// </summary>
public static class ChatRoomAuthorizer
{
    public static ChatAuthorization Authorize(TokenClaims user, ChatRoomType type, string roomTypeObject, UserAccess access, string? nodePath) =>
        type switch
        {
            ChatRoomType.GLOBAL => ChatAuthorization.Member,
            ChatRoomType.WORKSPACE => access.Workspaces.ContainsKey(roomTypeObject)
                ? ChatAuthorization.Member
                : ChatAuthorization.Refused($"workspace {roomTypeObject} is not accessible"),
            ChatRoomType.USER => UserLogins(roomTypeObject).Contains(user.Login, StringComparer.Ordinal)
                ? ChatAuthorization.Member
                : ChatAuthorization.Refused("this conversation is not yours"),
            ChatRoomType.NODE => ForNode(roomTypeObject, access, nodePath),
            _ => ChatAuthorization.Refused($"unknown room type {type}"),
        };

    /// <summary>The logins of a USER room: comma-separated, trimmed, empty parts ignored.</summary>
    public static IReadOnlyList<string> UserLogins(string roomTypeObject) =>
        roomTypeObject.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    private static ChatAuthorization ForNode(string nodeUuid, UserAccess access, string? nodePath)
    {
        if (nodePath is null)
            return ChatAuthorization.Refused($"node {nodeUuid} is not visible");
        var node = new Node(nodeUuid, nodePath, NodeType.UNKNOWN, 0, 0, 0, "", new Dictionary<string, string>());
        var visible = false;
        foreach (var workspace in access.Workspaces.Values)
        {
            if (NodeVisibility.VisibleRoot(workspace, node) is null)
                continue;
            if (NodeVisibility.CanWrite(workspace, PathRules.Normalize(nodePath)))
                return ChatAuthorization.Member;
            visible = true;
        }
        return visible ? ChatAuthorization.Reader : ChatAuthorization.Refused($"node {nodeUuid} is not visible");
    }
}
