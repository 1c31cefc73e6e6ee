using System.Net;
using Realtime.Messages.Chat;
using static Realtime.Tests.Integration.ChatTestClient;
using static Realtime.Tests.Integration.ChatTestDirectory;

namespace Realtime.Tests.Integration;

/// <summary>An IDM change that takes a workspace away from a user also takes its chat room away, at once.</summary>
[Collection("gateway")]
public sealed class ChatAccessRevocationTests
{
    [Fact]
    public async Task Removing_the_acl_ends_the_membership_of_the_workspace_room()
    {
        await using var gateway = await TestGateway.StartAsync(Settings(), Json);
        await using var alice = await ConnectAsync(gateway, "alice", Team);
        await using var reader = await ConnectAsync(gateway, "rita", Reader);
        await alice.JoinedAsync(ChatRoomType.WORKSPACE, Workspace);
        await reader.JoinedAsync(ChatRoomType.WORKSPACE, Workspace);

        var removal = await gateway.IngestAsync("idm", """{"Type":"DELETE","Acl":{"ID":"r1","RoleID":"role-reader","WorkspaceID":"ws-team","NodeID":"n-team","Action":{"Name":"read"}}}""");
        Assert.Equal(HttpStatusCode.Accepted, removal.StatusCode);

        Assert.Contains("not accessible", await reader.ExpectErrorAsync());
        await alice.PostAsync(Uuid(ChatRoomType.WORKSPACE, Workspace), "after the removal");
        await alice.MessagesAsync(1);
        // rita is out of the room: her next frame answers her own request, not alice's post.
        await reader.JoinAsync(ChatRoomType.GLOBAL, "lobby");
        var next = await reader.ReceiveAsync();
        Assert.Equal("ROOM_UPDATE", TypeOf(next));
        Assert.Equal("lobby", next.GetProperty("Room").GetProperty("RoomTypeObject").GetString());
    }
}
