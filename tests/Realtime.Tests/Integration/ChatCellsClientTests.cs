using Realtime.Messages.Chat;
using static Realtime.Tests.Integration.ChatTestClient;
using static Realtime.Tests.Integration.ChatTestDirectory;

namespace Realtime.Tests.Integration;

/// <summary>
/// The chat frames in the order and shapes the Pydio Cells web client sends and reads them (PROTOCOL 6, revised):
/// it does not wait between JOIN, HISTORY and POST, and keys its rooms by <c>Type:RoomTypeObject</c> as it sent them.
/// </summary>
[Collection("gateway")]
public sealed class ChatCellsClientTests(ChatGatewayFixture fixture) : IClassFixture<ChatGatewayFixture>
{
    private readonly TestGateway _gateway = fixture.Gateway;

    [Fact]
    public async Task Join_history_and_post_sent_back_to_back_on_a_new_room_are_answered_in_order_and_the_post_is_kept()
    {
        var name = $"new-{Guid.NewGuid():N}";
        var room = Uuid(ChatRoomType.GLOBAL, name);
        await using var alice = await ConnectAsync(_gateway, "alice", Team);

        await alice.JoinAsync(ChatRoomType.GLOBAL, name, "First room");
        await alice.HistoryAsync(ChatRoomType.GLOBAL, name, 0, 40);
        await alice.PostAsync(room, "first words");

        var joined = await alice.ExpectAsync("ROOM_UPDATE");
        Assert.Equal(["alice"], Users(joined));
        var page = await alice.ExpectAsync("ROOM_UPDATE");
        Assert.Equal("First room", page.GetProperty("Room").GetProperty("RoomLabel").GetString());
        var echo = await alice.ExpectAsync("");
        Assert.Equal(("first words", "alice", room), (Text(echo), echo.GetProperty("Author").GetString(), echo.GetProperty("RoomUuid").GetString()));

        await using var bob = await ConnectAsync(_gateway, "bob", Other);
        await bob.HistoryAsync(ChatRoomType.GLOBAL, name, 0, 40);
        await bob.ExpectAsync("ROOM_UPDATE");
        Assert.Equal(echo.GetRawText(), (await bob.ExpectAsync("")).GetRawText());
    }

    [Fact]
    public async Task A_user_room_comes_back_to_each_client_spelt_as_that_client_sent_it()
    {
        var third = $"carol{Guid.NewGuid():N}";
        var asAlice = $"alice,bob,{third}";
        var asBob = $"{third}, bob,alice";
        await using var alice = await ConnectAsync(_gateway, "alice", Team);
        await using var bob = await ConnectAsync(_gateway, "bob", Team);

        var forAlice = await alice.JoinedAsync(ChatRoomType.USER, asAlice);
        Assert.Equal(asAlice, forAlice.GetProperty("Room").GetProperty("RoomTypeObject").GetString());
        await bob.JoinAsync(ChatRoomType.USER, asBob);
        var forBob = await bob.ExpectAsync("ROOM_UPDATE");
        Assert.Equal(forAlice.GetProperty("Room").GetProperty("Uuid").GetString(), forBob.GetProperty("Room").GetProperty("Uuid").GetString());
        Assert.Equal(asBob, forBob.GetProperty("Room").GetProperty("RoomTypeObject").GetString());
        // The presence change reaches alice in her own spelling; a HISTORY page in the spelling of its request.
        var presence = await alice.ExpectAsync("ROOM_UPDATE");
        Assert.Equal(["alice", "bob"], Users(presence).Order());
        Assert.Equal(asAlice, presence.GetProperty("Room").GetProperty("RoomTypeObject").GetString());
        await bob.HistoryAsync(ChatRoomType.USER, asBob, 0, 10);
        Assert.Equal(asBob, (await bob.ExpectAsync("ROOM_UPDATE")).GetProperty("Room").GetProperty("RoomTypeObject").GetString());
    }

    [Fact]
    public async Task Without_a_node_lookup_a_node_never_seen_is_refused_with_an_error_naming_it()
    {
        await using var alice = await ConnectAsync(_gateway, "alice", Team);
        var node = $"n-{Guid.NewGuid():N}";
        await alice.JoinAsync(ChatRoomType.NODE, node);
        Assert.Contains(node, await alice.ExpectErrorAsync());
        await alice.JoinedAsync(ChatRoomType.NODE, Node);
    }

    [Fact]
    public async Task A_global_room_update_carries_its_type()
    {
        await using var alice = await ConnectAsync(_gateway, "alice", Team);
        var room = (await alice.JoinedAsync(ChatRoomType.GLOBAL, $"lobby-{Guid.NewGuid():N}")).GetProperty("Room");
        Assert.Equal("GLOBAL", room.GetProperty("Type").GetString());
    }
}
