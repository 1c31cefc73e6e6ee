using Akka.Actor;
using Realtime.App.Hosting;
using Realtime.Messages.Chat;
using Realtime.Messages.Serialization;

namespace Realtime.Tests.Serialization;

/// <summary>Chat types through the bindings the app ships (hocon/serialization.hocon).</summary>
public sealed class ChatSerializerTests() : Akka.TestKit.Xunit2.TestKit(ShippedHocon.Load("serialization.hocon"))
{

    private static readonly Type[] ChatTypes = typeof(IChatSerializable).Assembly.GetTypes()
        .Where(t => typeof(IChatSerializable).IsAssignableFrom(t) && t is { IsInterface: false, IsAbstract: false })
        .ToArray();

    [Fact]
    public void Every_chat_type_has_a_manifest_and_a_sample()
    {
        Assert.NotEmpty(ChatTypes);
        var samples = Samples().Select(s => s.GetType()).ToHashSet();
        Assert.All(ChatTypes, t => Assert.Contains(t, ChatSerializer.BoundTypes));
        Assert.All(ChatTypes, t => Assert.Contains(t, samples));
    }

    [Fact]
    public void Manifests_are_frozen()
    {
        // Manifests are in every journal row: this list changes only by adding entries.
        var serializer = new ChatSerializer((ExtendedActorSystem)Sys);
        var expected = new Dictionary<Type, string>
        {
            [typeof(ChatRoom)] = "ro1", [typeof(ChatMessage)] = "cm1", [typeof(JoinRoom)] = "jr1",
            [typeof(LeaveRoom)] = "lr1", [typeof(PostMessage)] = "pm1", [typeof(DeleteMessage)] = "dm1",
            [typeof(GetHistory)] = "gh1", [typeof(RoomUpdated)] = "ru1", [typeof(MessagePublished)] = "mu1",
            [typeof(MessageRemoved)] = "mr1", [typeof(ChatActionRefused)] = "ar1", [typeof(HistoryPage)] = "hp1",
            [typeof(RoomCreated)] = "cr1", [typeof(MessagePosted)] = "mp1", [typeof(MessageEdited)] = "me1",
            [typeof(MessageDeleted)] = "md1", [typeof(ChatRoomSnapshot)] = "rs1", [typeof(CatchUpReplay)] = "cu1",
        };
        foreach (var sample in Samples())
            Assert.Equal(expected[sample.GetType()], serializer.Manifest(sample));
        Assert.Equal(7401, ChatSerializer.SerializerId);
    }

    [Fact]
    public void Every_chat_type_round_trips_through_the_bound_serializer()
    {
        foreach (var sample in Samples())
        {
            var serializer = Sys.Serialization.FindSerializerFor(sample);
            Assert.IsType<ChatSerializer>(serializer);
            var manifest = Akka.Serialization.Serialization.ManifestFor(serializer, sample);
            var bytes = serializer.ToBinary(sample);
            var back = Sys.Serialization.Deserialize(bytes, serializer.Identifier, manifest);

            Assert.IsType(sample.GetType(), back);
            // Records holding lists compare by reference: compare their encodings instead.
            Assert.Equal(bytes, serializer.ToBinary(back));
        }
    }

    [Fact]
    public void Actor_refs_travel_as_paths_and_resolve_to_the_same_actor()
    {
        var join = (JoinRoom)RoundTrip(new JoinRoom("NODE:n-1", ChatRoomType.NODE, "n-1", "L", "alice", TestActor, true));
        Assert.Equal(TestActor, join.Session);
        join.Session.Tell("ping");
        ExpectMsg("ping");
    }

    [Fact]
    public void Values_survive_exactly()
    {
        var page = (HistoryPage)RoundTrip(SamplePage());
        Assert.Equal(SampleRoom().Users, page.Room.Users);
        Assert.Equal(SampleRoom() with { Users = page.Room.Users }, page.Room);
        Assert.Equal([SampleMessage()], page.Messages);
        var snapshot = (ChatRoomSnapshot)RoundTrip(SampleSnapshot());
        Assert.Equal(SampleSnapshot().Entries, snapshot.Entries);
        Assert.Equal(SampleSnapshot().Room, snapshot.Room);
    }

    private object RoundTrip(object message)
    {
        var serializer = Sys.Serialization.FindSerializerFor(message);
        return Sys.Serialization.Deserialize(serializer.ToBinary(message), serializer.Identifier,
            Akka.Serialization.Serialization.ManifestFor(serializer, message));
    }

    private static ChatRoom SampleRoom() =>
        new("4a3c", ChatRoomType.WORKSPACE, "ws-1", "Projects é", ["alice", "bob"], 1_733_000_000);

    private static ChatMessage SampleMessage() =>
        new("m-1", "4a3c", "hello \"world\" ✓", "alice", 1_733_000_001);

    private static HistoryPage SamplePage() => new(SampleRoom(), [SampleMessage()], 40, 40, true);

    private static ChatRoomSnapshot SampleSnapshot() => new(
        new RoomCreated("4a3c", ChatRoomType.NODE, "n-1", "Node", 1_733_000_000),
        1_733_000_009,
        [new ChatSnapshotEntry(2, "m-1", "alice", 1_733_000_001, null, false), new ChatSnapshotEntry(3, "m-2", "bob", 1_733_000_002, "edited", true)]);

    private IEnumerable<object> Samples() =>
    [
        SampleRoom(),
        SampleMessage(),
        new JoinRoom("NODE:n-1", ChatRoomType.NODE, "n-1", "Node", "alice", TestActor, false),
        new JoinRoom("NODE:n-1", ChatRoomType.NODE, "n-1", "Node", "alice", TestActor, false, "m-1"),
        new JoinRoom("GLOBAL:news", ChatRoomType.GLOBAL, "news", "News", "alice", TestActor, false, null, MayCreate: false),
        new LeaveRoom("NODE:n-1", "alice", TestActor),
        new PostMessage("NODE:n-1", "alice", null, "hi", TestActor),
        new PostMessage("NODE:n-1", "alice", "m-1", "edit", TestActor),
        new DeleteMessage("NODE:n-1", "bob", true, "m-1", TestActor),
        new GetHistory("NODE:n-1", 40, 40, TestActor),
        new RoomUpdated(SampleRoom()),
        new MessagePublished(SampleMessage()),
        new MessagePublished(SampleMessage(), IsEdit: true),
        new CatchUpReplay(SampleRoom(), [new CatchUpItem(SampleMessage(), CatchUpItemKind.Posted), new CatchUpItem(SampleMessage(), CatchUpItemKind.Deleted)], new CatchUpTruncated(100, 100, 1_733_000_001)),
        new CatchUpReplay(SampleRoom(), [], null),
        new MessageRemoved(SampleMessage()),
        new ChatActionRefused("NODE:n-1", "nope"),
        SamplePage(),
        new RoomCreated("4a3c", ChatRoomType.GLOBAL, "", "", 1_733_000_000),
        new MessagePosted(SampleMessage()),
        new MessageEdited(SampleMessage(), 1_733_000_005),
        new MessageDeleted("m-1", "bob", 1_733_000_006),
        SampleSnapshot(),
        new ChatRoomSnapshot(null, 0, []),
    ];
}
