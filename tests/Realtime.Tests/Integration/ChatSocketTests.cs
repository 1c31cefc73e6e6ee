using System.Net;
using System.Text.Json;
using Realtime.Messages.Chat;
using static Realtime.Tests.Integration.ChatTestClient;
using static Realtime.Tests.Integration.ChatTestDirectory;

namespace Realtime.Tests.Integration;

/// <summary>The chat socket end to end (PROTOCOL 6): real Kestrel, real WebSockets, rooms on the SQLite journal.</summary>
[Collection("gateway")]
public sealed class ChatSocketTests(ChatGatewayFixture fixture) : IClassFixture<ChatGatewayFixture>
{
    private readonly TestGateway _gateway = fixture.Gateway;

    [Fact]
    public async Task Chat_paths_take_the_socket_rules_of_ws_and_acknowledge_subscribe()
    {
        Assert.Equal(HttpStatusCode.BadRequest, (await _gateway.Http.GetAsync("/chat")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await _gateway.Http.GetAsync("/ws/chat")).StatusCode);
        var refused = await Assert.ThrowsAsync<System.Net.WebSockets.WebSocketException>(() =>
            TestSocket.ConnectAsync(_gateway.SocketUri("/chat"), o => o.SetRequestHeader("Origin", "https://evil.example.com")));
        Assert.Contains("403", refused.Message);

        await using var socket = await TestSocket.ConnectAsync(_gateway.SocketUri("/ws/chat"), o => o.SetRequestHeader("Origin", ChatGatewayFixture.AllowedOrigin));
        await socket.SendAsync("""{"@type":"JOIN","Room":{"Type":"GLOBAL","RoomTypeObject":"lobby"}}""");
        Assert.Equal("not subscribed", (await socket.ReceiveJsonAsync()).GetProperty("error").GetString());
        await socket.SubscribeAsync(_gateway.Token("alice", Team, lifetime: TimeSpan.FromMinutes(5)));
        var ack = await socket.ReceiveJsonAsync();
        Assert.Equal("subscribed", ack.GetProperty("@type").GetString());
        Assert.Equal("alice", ack.GetProperty("user").GetString());
        Assert.Equal([Workspace], ack.GetProperty("workspaces").EnumerateArray().Select(w => w.GetString()));
        Assert.InRange(ack.GetProperty("exp").GetInt64(), DateTimeOffset.UtcNow.AddMinutes(4).ToUnixTimeSeconds(), DateTimeOffset.UtcNow.AddMinutes(6).ToUnixTimeSeconds());

        await using var empty = await _gateway.ConnectAsync("/chat");
        await empty.SubscribeAsync("");
        var (frames, code) = await empty.ReceiveUntilCloseAsync();
        Assert.Equal(4001, code);
        Assert.Equal("Empty JWT", JsonDocument.Parse(Assert.Single(frames)).RootElement.GetProperty("error").GetString());
    }

    [Theory]
    [InlineData(ChatRoomType.NODE, Node)]
    [InlineData(ChatRoomType.WORKSPACE, Workspace)]
    public async Task Two_users_get_every_post_in_order_with_author_and_timestamp_set_by_the_server(ChatRoomType type, string roomTypeObject)
    {
        await using var alice = await ConnectAsync(_gateway, "alice", Team);
        await using var bob = await ConnectAsync(_gateway, "bob", Team);
        var room = Uuid(type, roomTypeObject);

        Assert.Equal(["alice"], Users(await alice.JoinedAsync(type, roomTypeObject, "The room")));
        var joined = await bob.JoinedAsync(type, roomTypeObject);
        Assert.Equal(["alice", "bob"], Users(joined).Order());
        Assert.Equal(type.ToString(), joined.GetProperty("Room").GetProperty("Type").GetString());
        Assert.Equal(["alice", "bob"], Users(await alice.ExpectAsync("ROOM_UPDATE")).Order());

        var before = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        for (var i = 0; i < 5; i++)
        {
            await alice.PostAsync(room, $"alice {i}", author: "mallory");
            await bob.PostAsync(room, $"bob {i}");
        }

        var seenByAlice = await alice.MessagesAsync(10);
        var seenByBob = await bob.MessagesAsync(10);
        Assert.Equal(seenByAlice.Select(m => m.GetRawText()), seenByBob.Select(m => m.GetRawText()));
        Assert.Equal(Enumerable.Range(0, 5).Select(i => $"alice {i}"), seenByAlice.Where(m => m.GetProperty("Author").GetString() == "alice").Select(Text));
        Assert.Equal(Enumerable.Range(0, 5).Select(i => $"bob {i}"), seenByAlice.Where(m => m.GetProperty("Author").GetString() == "bob").Select(Text));
        foreach (var message in seenByAlice)
        {
            Assert.Equal(room, message.GetProperty("RoomUuid").GetString());
            Assert.True(Guid.TryParse(message.GetProperty("Uuid").GetString(), out _));
            Assert.InRange(long.Parse(message.GetProperty("Timestamp").GetString()!), before, DateTimeOffset.UtcNow.ToUnixTimeSeconds());
        }
        Assert.Equal(10, seenByAlice.Select(m => m.GetProperty("Uuid").GetString()).Distinct().Count());
    }

    [Fact]
    public async Task History_of_250_posts_pages_every_message_once_in_order_with_may_have_more()
    {
        var conversation = $"alice,bob,{Guid.NewGuid():N}";
        await using var alice = await ConnectAsync(_gateway, "alice", Team);
        await alice.JoinedAsync(ChatRoomType.USER, conversation);
        var room = Uuid(ChatRoomType.USER, conversation);
        for (var i = 0; i < 250; i++)
            await alice.PostAsync(room, $"m{i}");
        var posted = await alice.MessagesAsync(250);
        Assert.Equal(Enumerable.Range(0, 250).Select(i => $"m{i}"), posted.Select(Text));

        // bob has not joined: HISTORY needs only the right to join (he is one of the room's logins).
        await using var bob = await ConnectAsync(_gateway, "bob", Other);
        foreach (var limit in new[] { 40, 7, 200 })
            Assert.Equal(posted.Select(m => m.GetRawText()), (await bob.AllHistoryAsync(ChatRoomType.USER, conversation, limit, 250)).Select(m => m.GetRawText()));

        // Offset past the newest 240: the 10 oldest, no MAY_HAVE_MORE; then the default limit (40).
        await bob.HistoryAsync(ChatRoomType.USER, conversation, 240, 40);
        await bob.ExpectAsync("ROOM_UPDATE");
        for (var i = 0; i < 10; i++)
            Assert.Equal($"m{i}", Text(await bob.ExpectAsync("")));
        await bob.SendAsync(new Dictionary<string, object> { ["@type"] = "HISTORY", ["Room"] = new { Type = "USER", RoomTypeObject = conversation } });
        await bob.ExpectAsync("ROOM_UPDATE");
        for (var i = 210; i < 250; i++)
            Assert.Equal($"m{i}", Text(await bob.ExpectAsync("")));
        Assert.Equal(40, (await bob.ExpectAsync("MAY_HAVE_MORE")).GetProperty("Offset").GetInt32());
    }

    [Fact]
    public async Task Users_without_the_right_cannot_join_read_post_or_delete_and_the_socket_stays_usable()
    {
        var conversation = $"alice,bob,{Guid.NewGuid():N}";
        await using var dave = await ConnectAsync(_gateway, "dave", Other);
        await dave.JoinAsync(ChatRoomType.NODE, OtherNode);
        Assert.Contains("not visible", await dave.ExpectErrorAsync());
        await dave.JoinAsync(ChatRoomType.WORKSPACE, Workspace);
        Assert.Contains("not accessible", await dave.ExpectErrorAsync());
        await dave.JoinAsync(ChatRoomType.USER, conversation);
        await dave.ExpectErrorAsync();
        await dave.HistoryAsync(ChatRoomType.NODE, OtherNode, 0, 10);
        await dave.ExpectErrorAsync();
        await dave.HistoryAsync(ChatRoomType.WORKSPACE, Workspace, 0, 10);
        await dave.ExpectErrorAsync();
        await dave.PostAsync(Uuid(ChatRoomType.WORKSPACE, Workspace), "let me in");
        Assert.Contains("unknown room", await dave.ExpectErrorAsync());
        await dave.JoinAsync(ChatRoomType.NODE, "n-does-not-exist");
        await dave.ExpectErrorAsync();

        // A reader joins a NODE room read-only: his posts are refused, he still gets the others'.
        await using var carol = await ConnectAsync(_gateway, "carol", Reader);
        await carol.JoinedAsync(ChatRoomType.NODE, OtherNode);
        await carol.PostAsync(Uuid(ChatRoomType.NODE, OtherNode), "may I?");
        Assert.Contains("read-only", await carol.ExpectErrorAsync());

        await using var alice = await ConnectAsync(_gateway, "alice", Team);
        await using var bob = await ConnectAsync(_gateway, "bob", Team);
        var room = Uuid(ChatRoomType.USER, conversation);
        await alice.JoinedAsync(ChatRoomType.USER, conversation);
        await bob.JoinedAsync(ChatRoomType.USER, conversation);
        await alice.PostAsync(room, "alice's words");
        var posted = (await alice.MessagesAsync(1))[0];
        Assert.Equal(posted.GetRawText(), (await bob.MessagesAsync(1))[0].GetRawText());
        var uuid = posted.GetProperty("Uuid").GetString()!;

        // bob cannot delete or edit alice's message, not even claiming to be its author.
        await bob.DeleteAsync(room, uuid, author: "alice");
        Assert.Contains("only the author or an admin", await bob.ExpectErrorAsync());
        await bob.PostAsync(room, "rewritten", author: "alice", uuid: uuid);
        Assert.Contains("another author", await bob.ExpectErrorAsync());

        // Frames without Room or Message, empty and oversized texts: error frames, nothing closes.
        foreach (var frame in new[]
                 {
                     """{"@type":"JOIN"}""", """{"@type":"JOIN","Room":{"Type":"NODE"}}""", """{"@type":"POST"}""",
                     """{"@type":"POST","Message":{"Message":"where to?"}}""", """{"@type":"HISTORY"}""",
                     """{"@type":"DELETE_MSG"}""", """{"@type":"DELETE_MSG","Message":{"RoomUuid":"x"}}""", """{"@type":"LEAVE"}""",
                     """{"@type":"LEAVE","Room":{"Type":"NODE","RoomTypeObject":"n-never-joined"}}""",
                     """{"@type":"JOIN","Room":{"Uuid":"not-the-uuid","Type":"GLOBAL","RoomTypeObject":"lobby"}}""",
                 })
        {
            await bob.Socket.SendAsync(frame);
            await bob.ExpectErrorAsync();
        }
        await bob.PostAsync(room, "   ");
        Assert.Equal("empty message", await bob.ExpectErrorAsync());
        await bob.PostAsync(room, new string('x', 8 * 1024 + 1));
        Assert.Contains("too long", await bob.ExpectErrorAsync());

        // Still usable: the author deletes, both members see it; an admin may delete anyone's message.
        await bob.PostAsync(room, new string('é', 4 * 1024));
        var bobs = (await bob.MessagesAsync(1))[0];
        Assert.Equal("bob", bobs.GetProperty("Author").GetString());
        await alice.MessagesAsync(1);
        await alice.DeleteAsync(room, uuid);
        Assert.Equal(uuid, (await alice.ExpectAsync("DELETE_MSG")).GetProperty("Message").GetProperty("Uuid").GetString());
        Assert.Equal(uuid, (await bob.ExpectAsync("DELETE_MSG")).GetProperty("Message").GetProperty("Uuid").GetString());
        await using var admin = await ConnectAsync(_gateway, "root", Other, profile: "admin");
        await admin.Socket.SendAsync(JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["@type"] = "DELETE_MSG",
            ["Room"] = new { Type = "USER", RoomTypeObject = conversation },
            ["Message"] = new { Uuid = bobs.GetProperty("Uuid").GetString() },
        }));
        await admin.ExpectErrorAsync(); // the admin is not one of the conversation's logins: no right to the room
        await using var admin2 = await ConnectAsync(_gateway, "alice", Team, profile: "admin");
        await admin2.JoinedAsync(ChatRoomType.USER, conversation);
        await admin2.DeleteAsync(room, bobs.GetProperty("Uuid").GetString()!);
        Assert.Equal("DELETE_MSG", TypeOf(await bob.NextAsync()));
    }

    [Fact]
    public async Task A_node_learnt_from_a_tree_event_can_be_chatted_about()
    {
        var node = $"n-{Guid.NewGuid():N}";
        await using var alice = await ConnectAsync(_gateway, "alice", Team);
        await alice.JoinAsync(ChatRoomType.NODE, node);
        Assert.Contains("not visible", await alice.ExpectErrorAsync());

        var created = await _gateway.IngestAsync("tree", SampleDirectory.CreateIn("ds/team", "new.txt", node));
        Assert.Equal(HttpStatusCode.Accepted, created.StatusCode);
        for (var attempt = 0; ; attempt++)
        {
            await alice.JoinAsync(ChatRoomType.NODE, node);
            var reply = await alice.ReceiveAsync();
            if (TypeOf(reply) == "ROOM_UPDATE")
                break;
            Assert.True(attempt < 50, $"node never became visible: {reply.GetRawText()}");
            await Task.Delay(100);
        }
        await alice.PostAsync(Uuid(ChatRoomType.NODE, node), "hello");
        Assert.Equal("hello", Text((await alice.MessagesAsync(1))[0]));
    }

    [Fact]
    public async Task Presence_counts_every_socket_of_a_user_and_a_new_identity_leaves_the_old_ones_rooms()
    {
        var lobby = $"lobby-{Guid.NewGuid():N}";
        await using var watcher = await ConnectAsync(_gateway, "bob", Other);
        await watcher.JoinedAsync(ChatRoomType.GLOBAL, lobby);

        var first = await ConnectAsync(_gateway, "alice", Team);
        await first.JoinedAsync(ChatRoomType.GLOBAL, lobby);
        Assert.Equal(["alice", "bob"], Users(await watcher.ExpectAsync("ROOM_UPDATE")).Order());
        var second = await ConnectAsync(_gateway, "alice", Team);
        Assert.Equal(["alice", "bob"], Users(await second.JoinedAsync(ChatRoomType.GLOBAL, lobby)).Order());

        // One of alice's sockets closes: she is still there (the joiner's ROOM_UPDATE shows the list).
        await first.DisposeAsync();
        await using (var probe = await ConnectAsync(_gateway, "carol", Reader))
            Assert.Equal(["alice", "bob", "carol"], Users(await probe.JoinedAsync(ChatRoomType.GLOBAL, lobby)).Order());
        Assert.Equal(["alice", "bob", "carol"], Users(await watcher.ExpectAsync("ROOM_UPDATE")).Order());
        Assert.Equal(["alice", "bob"], Users(await watcher.ExpectAsync("ROOM_UPDATE")).Order());

        // Her last socket switches to another user: alice leaves, dave does not appear until he joins.
        await second.Socket.SubscribeAsync(_gateway.Token("dave", Other));
        var resubscribed = await second.NextAsync();
        Assert.Equal("subscribed", TypeOf(resubscribed));
        Assert.Equal("dave", resubscribed.GetProperty("user").GetString());
        Assert.Equal(["bob"], Users(await watcher.ExpectAsync("ROOM_UPDATE")));
        await second.LeaveAsync(ChatRoomType.GLOBAL, lobby);
        Assert.Contains("not joined", await second.ExpectErrorAsync());
        await second.JoinedAsync(ChatRoomType.GLOBAL, lobby);
        Assert.Equal(["bob", "dave"], Users(await watcher.ExpectAsync("ROOM_UPDATE")).Order());

        await second.LeaveAsync(ChatRoomType.GLOBAL, lobby);
        Assert.Equal(["bob"], Users(await watcher.ExpectAsync("ROOM_UPDATE")));
        await second.DisposeAsync();
    }
}
