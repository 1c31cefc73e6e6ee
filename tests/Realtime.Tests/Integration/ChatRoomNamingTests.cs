using Realtime.Messages.Chat;
using static Realtime.Tests.Integration.ChatTestClient;
using static Realtime.Tests.Integration.ChatTestDirectory;

namespace Realtime.Tests.Integration;

/// <summary>Room naming and request forms a real client sends, and LOGOUT on the chat socket.</summary>
[Collection("gateway")]
public sealed class ChatRoomNamingTests : IAsyncLifetime
{
    private TestGateway _gateway = null!;

    public async Task InitializeAsync() => _gateway = await TestGateway.StartAsync(Settings(), Json);

    public async Task DisposeAsync() => await _gateway.DisposeAsync();

    [Fact]
    public async Task A_user_room_is_the_same_whatever_the_order_of_its_logins()
    {
        await using var alice = await ConnectAsync(_gateway, "alice", Team);
        await using var bob = await ConnectAsync(_gateway, "bob", Team);
        var forAlice = await alice.JoinedAsync(ChatRoomType.USER, "alice,bob");
        await bob.JoinAsync(ChatRoomType.USER, " bob , alice");
        var forBob = await bob.ExpectAsync("ROOM_UPDATE");

        Assert.Equal(forAlice.GetProperty("Room").GetProperty("Uuid").GetString(), forBob.GetProperty("Room").GetProperty("Uuid").GetString());
        Assert.Equal(["alice", "bob"], Users(forBob).Order());
    }

    [Fact]
    public async Task History_accepts_its_paging_as_an_object_as_well_as_a_string()
    {
        await using var alice = await ConnectAsync(_gateway, "alice", Team);
        await alice.JoinedAsync(ChatRoomType.GLOBAL, "paging");
        for (var i = 0; i < 3; i++)
            await alice.PostAsync(Uuid(ChatRoomType.GLOBAL, "paging"), $"m{i}");
        await alice.MessagesAsync(3);

        await alice.SendAsync(new Dictionary<string, object>
        {
            ["@type"] = "HISTORY",
            ["Room"] = new { Type = "GLOBAL", RoomTypeObject = "paging" },
            ["Message"] = new { Message = new { Offset = 0, Limit = 2 } },
        });

        await alice.ExpectAsync("ROOM_UPDATE");
        Assert.Equal("m1", Text(await alice.ExpectAsync("")));
        Assert.Equal("m2", Text(await alice.ExpectAsync("")));
        var more = await alice.ExpectAsync("MAY_HAVE_MORE");
        Assert.Equal(2, more.GetProperty("Offset").GetInt32());
    }

    [Fact]
    public async Task An_idm_logout_closes_the_users_chat_sockets_with_4001()
    {
        await using var alice = await ConnectAsync(_gateway, "alice", Team);
        await using var bob = await ConnectAsync(_gateway, "bob", Team);

        var response = await _gateway.IngestAsync("idm", """{"Type":"LOGOUT","User":{"Login":"alice"}}""");
        Assert.Equal(System.Net.HttpStatusCode.Accepted, response.StatusCode);

        var (frames, code) = await alice.Socket.ReceiveUntilCloseAsync();
        Assert.Equal(4001, code);
        Assert.Contains(frames, f => f.Contains("logged out", StringComparison.Ordinal));
        // bob's socket is untouched.
        await bob.JoinedAsync(ChatRoomType.GLOBAL, "still-open");
    }
}
