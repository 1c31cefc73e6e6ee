using System.Diagnostics;
using Akka.Actor;
using Realtime.Actors.Chat;
using Realtime.App.Hosting;
using Realtime.Messages.Chat;
using Xunit.Abstractions;
using static Realtime.Tests.Chat.ChatScenarios;

namespace Realtime.Tests.Chat;

/// <summary>
/// Measures persisted posts per second (post sent → MessagePublished received, i.e. after the journal
/// write) for one hot room and for 100 rooms. Prints numbers; asserts only that every post arrived.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class ChatThroughputTests(ITestOutputHelper output)
{
    private const int Posts = 10_000;

    [Fact]
    public async Task Measure_persisted_posts_per_second_on_sqlite()
    {
        var journal = TestJournals.TempSqlite(out var path);
        try
        {
            await Measure("sqlite", journal);
        }
        finally
        {
            TestJournals.DeleteSqlite(path);
        }
    }

    [Fact]
    public async Task Measure_persisted_posts_per_second_on_postgresql() => await Measure("postgresql", TestJournals.Postgres());

    private async Task Measure(string name, ChatJournalSettings journal)
    {
        await using var node = await ChatTestNode.StartAsync(journal, new ChatRoomSettings());
        foreach (var rooms in new[] { 1, 100 })
        {
            var session = node.Probe();
            var entityIds = Enumerable.Range(0, rooms).Select(_ => NewRoom()).ToArray();
            foreach (var room in entityIds)
                Join(node.Region, room, "bench", session);

            var watch = Stopwatch.StartNew();
            for (var i = 0; i < Posts; i++)
                node.Region.Tell(new PostMessage(entityIds[i % rooms], "bench", null, $"post {i}", session.Ref), ActorRefs.NoSender);
            var received = session.ReceiveN(Posts, TimeSpan.FromSeconds(120));
            watch.Stop();

            Assert.All(received, m => Assert.IsType<MessagePublished>(m));
            output.WriteLine($"{name}: {rooms} room(s), {Posts} posts in {watch.Elapsed.TotalSeconds:F2} s = {Posts / watch.Elapsed.TotalSeconds:F0} persisted posts/s");
        }
    }
}
