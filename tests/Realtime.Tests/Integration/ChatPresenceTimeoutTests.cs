using Realtime.Messages.Chat;
using static Realtime.Tests.Integration.ChatTestClient;
using static Realtime.Tests.Integration.ChatTestDirectory;

namespace Realtime.Tests.Integration;

/// <summary>Presence by heartbeat (PROTOCOL 6): a socket that stops sending JOIN+PING leaves the list after PresenceTimeout.</summary>
[Collection("gateway")]
public sealed class ChatPresenceTimeoutTests
{
    [Fact]
    public async Task A_silent_user_leaves_the_presence_list_while_a_heartbeating_one_stays()
    {
        await using var gateway = await TestGateway.StartAsync(Settings(("Realtime:Chat:PresenceTimeout", "00:00:01")), Json);
        await using var alice = await ConnectAsync(gateway, "alice", Team);
        await using var bob = await ConnectAsync(gateway, "bob", Team);
        await alice.JoinedAsync(ChatRoomType.GLOBAL, "lobby");
        await bob.JoinedAsync(ChatRoomType.GLOBAL, "lobby");
        Assert.Equal(["alice", "bob"], Users(await alice.ExpectAsync("ROOM_UPDATE")).Order());

        // alice keeps beating; bob goes silent and is dropped after about a second.
        var started = DateTime.UtcNow;
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        var beats = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                await alice.HeartbeatAsync(ChatRoomType.GLOBAL, "lobby");
                await Task.Delay(200);
            }
        });
        var update = await alice.ExpectAsync("ROOM_UPDATE");
        Assert.Equal(["alice"], Users(update));
        Assert.InRange(DateTime.UtcNow - started, TimeSpan.FromSeconds(0.5), TimeSpan.FromSeconds(5));

        // Out of the list is not out of the room: bob still gets what alice posts, and the list update of it.
        await alice.PostAsync(Uuid(ChatRoomType.GLOBAL, "lobby"), "still there, bob?");
        Assert.Equal("still there, bob?", Text((await bob.MessagesAsync(1))[0]));
        Assert.Equal("still there, bob?", Text((await alice.MessagesAsync(1))[0]));

        // bob's next heartbeat brings him back (a room that lost a socket is rejoined by its heartbeats).
        await bob.HeartbeatAsync(ChatRoomType.GLOBAL, "lobby");
        Assert.Equal(["alice", "bob"], Users(await alice.ExpectAsync("ROOM_UPDATE")).Order());
        await stop.CancelAsync();
        await beats;
    }
}
