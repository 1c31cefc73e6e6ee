using Akka.Actor;
using Realtime.Actors.Chat;
using Realtime.Messages.Chat;
using static Realtime.Tests.Chat.ChatScenarios;

namespace Realtime.Tests.Chat;

[Collection(ClusterCollection.Name)]
public sealed class ChatRoomActorTests : IDisposable
{
    private readonly string _dbPath;
    private readonly Realtime.App.Hosting.ChatJournalSettings _journal;

    public ChatRoomActorTests() => _journal = TestJournals.TempSqlite(out _dbPath);

    public void Dispose() => TestJournals.DeleteSqlite(_dbPath);

    [Fact]
    public async Task Two_members_receive_every_post_in_order()
    {
        await using var node = await ChatTestNode.StartAsync(_journal, new ChatRoomSettings());
        var room = NewRoom();
        var alice = node.Probe();
        var bob = node.Probe();
        var first = Join(node.Region, room, "alice", alice);
        Assert.Equal(["alice"], first.Room.Users);
        Assert.Equal(RoomIdentity.RoomUuid(room), first.Room.Uuid);
        Assert.Equal(["alice", "bob"], Join(node.Region, room, "bob", bob).Room.Users);
        Assert.Equal(["alice", "bob"], alice.ExpectMsg<RoomUpdated>(Wait).Room.Users);

        var sent = PostMany(node.Region, room, "alice", alice, 30);
        var atBob = Enumerable.Range(0, 30).Select(_ => bob.ExpectMsg<MessagePublished>(Wait).Message).ToList();

        Assert.Equal(sent, atBob);
        Assert.Equal(Enumerable.Range(0, 30).Select(i => $"m{i}"), atBob.Select(m => m.Message));
        Assert.All(atBob, m => Assert.Equal("alice", m.Author));
        Assert.All(atBob, m => Assert.Equal(first.Room.Uuid, m.RoomUuid));
        Assert.Equal(30, atBob.Select(m => m.Uuid).Distinct().Count());
    }

    [Fact]
    public async Task History_pages_are_complete_and_ordered_before_and_after_a_restart_on_sqlite() =>
        await HistorySurvivesRestart(_journal);

    [Fact]
    public async Task History_clamps_the_limit_and_refuses_a_negative_offset()
    {
        await using var node = await ChatTestNode.StartAsync(_journal, new ChatRoomSettings());
        var room = NewRoom();
        var alice = node.Probe();
        Join(node.Region, room, "alice", alice);
        PostMany(node.Region, room, "alice", alice, 3);

        Assert.Equal(GetHistory.MaxLimit, History(node.Region, room, 0, 5000, alice).Limit);
        Assert.Equal(GetHistory.DefaultLimit, History(node.Region, room, 0, 0, alice).Limit);
        node.Region.Tell(new GetHistory(room, -1, 10, alice.Ref));
        Assert.Contains("negative", alice.ExpectMsg<ChatActionRefused>(Wait).Reason);
    }

    [Fact]
    public async Task Author_edits_a_message_and_nobody_else_can()
    {
        await using var node = await ChatTestNode.StartAsync(_journal, new ChatRoomSettings());
        var room = NewRoom();
        var alice = node.Probe();
        var bob = node.Probe();
        Join(node.Region, room, "alice", alice);
        Join(node.Region, room, "bob", bob);
        alice.ExpectMsg<RoomUpdated>(Wait);
        var original = PostMany(node.Region, room, "alice", alice, 1)[0];
        bob.ExpectMsg<MessagePublished>(Wait);

        node.Region.Tell(new PostMessage(room, "alice", original.Uuid, "edited", alice.Ref));
        var edited = alice.ExpectMsg<MessagePublished>(Wait).Message;
        Assert.Equal(original with { Message = "edited" }, edited);
        Assert.Equal(edited, bob.ExpectMsg<MessagePublished>(Wait).Message);

        node.Region.Tell(new PostMessage(room, "bob", original.Uuid, "hijack", bob.Ref));
        Assert.Contains("another author", bob.ExpectMsg<ChatActionRefused>(Wait).Reason);
        alice.ExpectNoMsg(TimeSpan.FromMilliseconds(200));

        Assert.Equal([edited], History(node.Region, room, 0, 40, bob).Messages);
    }

    [Fact]
    public async Task Only_the_author_or_an_admin_deletes_a_message()
    {
        await using var node = await ChatTestNode.StartAsync(_journal, new ChatRoomSettings());
        var room = NewRoom();
        var alice = node.Probe();
        var bob = node.Probe();
        Join(node.Region, room, "alice", alice);
        Join(node.Region, room, "bob", bob);
        alice.ExpectMsg<RoomUpdated>(Wait);
        var posted = PostMany(node.Region, room, "alice", alice, 2);
        bob.ReceiveN(2, Wait);

        node.Region.Tell(new DeleteMessage(room, "bob", false, posted[0].Uuid, bob.Ref));
        Assert.Contains("author or an admin", bob.ExpectMsg<ChatActionRefused>(Wait).Reason);

        node.Region.Tell(new DeleteMessage(room, "bob", true, posted[0].Uuid, bob.Ref));
        Assert.Equal(posted[0], bob.ExpectMsg<MessageRemoved>(Wait).Message);
        Assert.Equal(posted[0], alice.ExpectMsg<MessageRemoved>(Wait).Message);

        node.Region.Tell(new DeleteMessage(room, "alice", false, posted[1].Uuid, alice.Ref));
        Assert.Equal(posted[1].Uuid, alice.ExpectMsg<MessageRemoved>(Wait).Message.Uuid);

        node.Region.Tell(new DeleteMessage(room, "alice", true, posted[1].Uuid, alice.Ref));
        Assert.Contains("unknown message", alice.ExpectMsg<ChatActionRefused>(Wait).Reason);
        Assert.Empty(History(node.Region, room, 0, 40, alice).Messages);
    }

    [Fact]
    public async Task A_login_stays_present_until_its_last_socket_leaves_or_dies()
    {
        await using var node = await ChatTestNode.StartAsync(_journal, new ChatRoomSettings());
        var room = NewRoom();
        var aliceTab1 = node.Probe();
        var aliceTab2 = node.Probe();
        var bob = node.Probe();
        Join(node.Region, room, "bob", bob);
        Join(node.Region, room, "alice", aliceTab1);
        Assert.Equal(["alice", "bob"], bob.ExpectMsg<RoomUpdated>(Wait).Room.Users);
        Assert.Equal(["alice", "bob"], Join(node.Region, room, "alice", aliceTab2).Room.Users);
        bob.ExpectNoMsg(TimeSpan.FromMilliseconds(200)); // presence did not change

        node.Region.Tell(new LeaveRoom(room, "alice", aliceTab1.Ref));
        bob.ExpectNoMsg(TimeSpan.FromMilliseconds(200));
        Assert.Equal(["alice", "bob"], History(node.Region, room, 0, 1, bob).Room.Users);

        node.Region.Tell(new LeaveRoom(room, "alice", aliceTab2.Ref));
        Assert.Equal(["bob"], bob.ExpectMsg<RoomUpdated>(Wait).Room.Users);

        var carol = node.Probe();
        Join(node.Region, room, "carol", carol);
        Assert.Equal(["bob", "carol"], bob.ExpectMsg<RoomUpdated>(Wait).Room.Users);
        node.System.Stop(carol.Ref); // the socket dies without a LEAVE
        Assert.Equal(["bob"], bob.ExpectMsg<RoomUpdated>(Wait).Room.Users);
    }

    [Fact]
    public async Task A_silent_user_leaves_presence_after_the_timeout_while_heartbeats_keep_another()
    {
        var settings = new ChatRoomSettings { PresenceTimeout = TimeSpan.FromSeconds(1) };
        await using var node = await ChatTestNode.StartAsync(_journal, settings);
        var room = NewRoom();
        var alice = node.Probe();
        var bob = node.Probe();
        Join(node.Region, room, "alice", alice);
        Join(node.Region, room, "bob", bob);
        Assert.Equal(["alice", "bob"], alice.ExpectMsg<RoomUpdated>(Wait).Room.Users);

        RoomUpdated? update = null;
        for (var i = 0; i < 12 && update is null; i++)
        {
            RoomIdentity.TryParse(room, out var type, out var roomTypeObject);
            node.Region.Tell(new JoinRoom(room, type, roomTypeObject, "", "alice", alice.Ref, IsHeartbeat: true));
            update = alice.ReceiveOne(TimeSpan.FromMilliseconds(250)) as RoomUpdated;
        }

        Assert.NotNull(update);
        Assert.Equal(["alice"], update.Room.Users);
    }
}
