using System.Text.Json;
using Realtime.Actors.Access;
using Realtime.Actors.Auth;
using Realtime.Actors.Chat;
using Realtime.Messages.Chat;
using Realtime.Tests.Integration;

namespace Realtime.Tests.Chat;

/// <summary>Who may join which room (PROTOCOL 6), on the chat tests' directory.</summary>
public sealed class ChatRoomAuthorizerTests
{
    private static readonly AccessDirectory Directory = AccessDirectory.FromSnapshot(JsonDocument.Parse(ChatTestDirectory.Json).RootElement);

    private static ChatAuthorization Check(string login, string[] roles, ChatRoomType type, string roomTypeObject)
    {
        var user = new TokenClaims("sub-" + login, login, "standard", roles, DateTimeOffset.UtcNow.AddHours(1));
        var nodePath = type == ChatRoomType.NODE ? Directory.PathOf(roomTypeObject) : null;
        return ChatRoomAuthorizer.Authorize(user, type, roomTypeObject, AccessResolver.Resolve(Directory, roles), nodePath);
    }

    [Fact]
    public void A_node_room_is_writable_with_write_read_only_with_read_and_refused_without_access()
    {
        Assert.Equal(ChatAuthorization.Member, Check("alice", ChatTestDirectory.Team, ChatRoomType.NODE, "n-doc"));
        Assert.Equal(ChatAuthorization.Reader, Check("carol", ChatTestDirectory.Reader, ChatRoomType.NODE, "n-doc"));
        Assert.False(Check("dave", ChatTestDirectory.Other, ChatRoomType.NODE, "n-doc").Allowed);
        Assert.False(Check("alice", ChatTestDirectory.Team, ChatRoomType.NODE, "n-unknown").Allowed);
        // A workspace root is a node too.
        Assert.Equal(ChatAuthorization.Member, Check("alice", ChatTestDirectory.Team, ChatRoomType.NODE, "n-team"));
    }

    [Fact]
    public void Workspace_user_and_global_rooms()
    {
        Assert.True(Check("carol", ChatTestDirectory.Reader, ChatRoomType.WORKSPACE, "ws-team").Allowed);
        Assert.False(Check("dave", ChatTestDirectory.Other, ChatRoomType.WORKSPACE, "ws-team").Allowed);
        Assert.True(Check("bob", [], ChatRoomType.USER, "alice, bob").Allowed);
        Assert.False(Check("bo", [], ChatRoomType.USER, "alice,bob").Allowed);
        Assert.False(Check("alice", [], ChatRoomType.USER, "alicebob").Allowed);
        Assert.True(Check("anyone", [], ChatRoomType.GLOBAL, "lobby").Allowed);
    }
}
