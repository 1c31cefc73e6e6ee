using Akka.Actor;
using Akka.TestKit;
using Realtime.Actors.Chat;
using Realtime.App.Hosting;
using Realtime.Messages.Chat;

namespace Realtime.Tests.Chat;

/// <summary>Steps shared by the chat room tests (and the same scenario run on SQLite and PostgreSQL).</summary>
public static class ChatScenarios
{
    public static readonly TimeSpan Wait = TimeSpan.FromSeconds(15);

    public static string NewRoom(ChatRoomType type = ChatRoomType.NODE) => RoomIdentity.EntityId(type, $"n-{Guid.NewGuid():N}");

    public static RoomUpdated Join(IActorRef region, string entityId, string login, TestProbe session, bool heartbeat = false)
    {
        RoomIdentity.TryParse(entityId, out var type, out var roomTypeObject);
        region.Tell(new JoinRoom(entityId, type, roomTypeObject, "Label " + roomTypeObject, login, session.Ref, heartbeat));
        return session.ExpectMsg<RoomUpdated>(Wait);
    }

    public static HistoryPage History(IActorRef region, string entityId, int offset, int limit, TestProbe requester)
    {
        region.Tell(new GetHistory(entityId, offset, limit, requester.Ref));
        return requester.ExpectMsg<HistoryPage>(Wait);
    }

    /// <summary>Posts <paramref name="count"/> messages without waiting, then waits for every publication.</summary>
    public static IReadOnlyList<ChatMessage> PostMany(IActorRef region, string entityId, string login, TestProbe session, int count, string prefix = "m")
    {
        for (var i = 0; i < count; i++)
            region.Tell(new PostMessage(entityId, login, null, $"{prefix}{i}", session.Ref));
        return Enumerable.Range(0, count).Select(_ => session.ExpectMsg<MessagePublished>(Wait).Message).ToList();
    }

    /// <summary>Pages back from the newest with the given limit and returns everything, oldest first.</summary>
    public static List<ChatMessage> AllHistory(IActorRef region, string entityId, int limit, TestProbe requester)
    {
        var pages = new List<IReadOnlyList<ChatMessage>>();
        for (var offset = 0; ; offset += limit)
        {
            var page = History(region, entityId, offset, limit, requester);
            Assert.Equal(offset, page.Offset);
            Assert.Equal(limit, page.Limit);
            pages.Add(page.Messages);
            if (!page.MayHaveMore)
                break;
            Assert.Equal(limit, page.Messages.Count);
        }

        pages.Reverse();
        return pages.SelectMany(p => p).ToList();
    }

    /// <summary>
    /// 250 posts, paging over them (RecentInMemory 50, so most pages come from the journal), then a
    /// restart on the same journal and the same paging: complete and ordered both times.
    /// </summary>
    public static async Task HistorySurvivesRestart(ChatJournalSettings journal)
    {
        var rooms = new ChatRoomSettings { RecentInMemory = 50, SnapshotEvery = 64 };
        var room = NewRoom();
        IReadOnlyList<ChatMessage> posted;
        await using (var node = await ChatTestNode.StartAsync(journal, rooms))
        {
            var alice = node.Probe();
            Join(node.Region, room, "alice", alice);
            posted = PostMany(node.Region, room, "alice", alice, 250);
            Assert.Equal(Enumerable.Range(0, 250).Select(i => $"m{i}"), posted.Select(m => m.Message));

            AssertPages(node, room, posted);
        }

        await using (var node = await ChatTestNode.StartAsync(journal, rooms))
            AssertPages(node, room, posted);
    }

    private static void AssertPages(ChatTestNode node, string room, IReadOnlyList<ChatMessage> posted)
    {
        var requester = node.Probe();
        foreach (var limit in new[] { 40, 7, 200 })
            Assert.Equal(posted, AllHistory(node.Region, room, limit, requester));

        var newest = History(node.Region, room, 0, 10, requester);
        Assert.Equal(posted.Skip(240), newest.Messages);
        Assert.True(newest.MayHaveMore);
        var oldest = History(node.Region, room, 240, 40, requester);
        Assert.Equal(posted.Take(10), oldest.Messages);
        Assert.False(oldest.MayHaveMore);
        Assert.Empty(History(node.Region, room, 250, 40, requester).Messages);
    }
}
