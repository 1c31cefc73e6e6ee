using System.Diagnostics;
using Akka.Actor;
using Akka.Cluster.Sharding;
using Microsoft.Extensions.DependencyInjection;
using Realtime.App.Hosting;
using Realtime.Messages.Chat;
using Realtime.Tests.Infrastructure;
using Xunit.Abstractions;
using static Realtime.Tests.Integration.ChatTestClient;
using static Realtime.Tests.Integration.ChatTestDirectory;

namespace Realtime.Tests.Integration;

/// <summary>Chat across nodes on a shared PostgreSQL journal: shared rooms, and a room that survives its node's crash.</summary>
[Collection("multi-node")]
public sealed class ChatClusterTests(PostgresFixture postgres, ITestOutputHelper output)
{
    private static readonly string RoomEntity = RoomIdentity.EntityId(ChatRoomType.WORKSPACE, Workspace);
    private static readonly string Room = Uuid(ChatRoomType.WORKSPACE, Workspace);

    [Fact]
    public async Task Two_users_on_different_nodes_chat_in_one_room()
    {
        await using var cluster = await StartAsync(2, nameof(Two_users_on_different_nodes_chat_in_one_room));
        await using var alice = await ConnectAsync(cluster.Nodes[0], "alice", Team);
        await using var bob = await ConnectAsync(cluster.Nodes[1], "bob", Team);
        await alice.JoinedAsync(ChatRoomType.WORKSPACE, Workspace);
        await bob.JoinedAsync(ChatRoomType.WORKSPACE, Workspace);

        // Posts from two nodes have no order between them until the room stored the first: wait for its echo.
        await alice.PostAsync(Room, "hello from node 1");
        var first = await alice.MessagesAsync(1);
        await bob.PostAsync(Room, "hello from node 2");

        foreach (var messages in new[] { first.Concat(await alice.MessagesAsync(1)).ToList(), await bob.MessagesAsync(2) })
        {
            Assert.Equal(["hello from node 1", "hello from node 2"], messages.Select(Text));
            Assert.Equal(["alice", "bob"], messages.Select(m => m.GetProperty("Author").GetString()));
        }
    }

    [Fact]
    public async Task A_room_whose_node_crashes_recovers_on_a_survivor_with_every_acknowledged_message_and_its_members_without_rejoining()
    {
        await using var cluster = await StartAsync(3, nameof(A_room_whose_node_crashes_recovers_on_a_survivor_with_every_acknowledged_message_and_its_members_without_rejoining));
        // Create the room, then find where sharding put it and talk to it from the two other nodes.
        await using (var creator = await ConnectAsync(cluster.Nodes[0], "carol", Team))
            await creator.JoinedAsync(ChatRoomType.WORKSPACE, Workspace);
        var host = await HostOfAsync(cluster);
        var survivors = cluster.Nodes.Where(n => n != host).ToList();
        await using var alice = await ConnectAsync(survivors[0], "alice", Team);
        await using var bob = await ConnectAsync(survivors[1], "bob", Team);
        await alice.JoinedAsync(ChatRoomType.WORKSPACE, Workspace);
        await bob.JoinedAsync(ChatRoomType.WORKSPACE, Workspace);

        var acknowledged = new List<string>();
        for (var i = 0; i < 20; i++)
            await alice.PostAsync(Room, $"before-{i}");
        acknowledged.AddRange((await alice.MessagesAsync(20)).Select(Text));

        await host.CrashAsync();
        var clock = Stopwatch.StartNew();
        // Post until the room answers again. Nobody joins or beats again: the sessions rejoin the recovered room.
        string? echoed = null;
        for (var attempt = 0; echoed is null; attempt++)
        {
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(60), "the room did not come back within 60 s");
            await alice.PostAsync(Room, $"after-{attempt}");
            echoed = await FirstEchoAsync(alice, TimeSpan.FromMilliseconds(500));
        }
        output.WriteLine($"room posting again {clock.Elapsed.TotalSeconds:F1} s after the crash of its node");

        await alice.HistoryAsync(ChatRoomType.WORKSPACE, Workspace, 0, 200);
        var history = await ReadHistoryAsync(alice);
        Assert.Equal(acknowledged, history.Where(t => t.StartsWith("before-", StringComparison.Ordinal)));
        Assert.Contains(echoed, history);

        // bob got every message once: the 20 before, what was posted while the room was away (his session's
        // rejoin caught him up), the live one.
        await alice.PostAsync(Room, "seen by bob");
        var atBob = await TextsUntilAsync(bob, "seen by bob");
        Assert.Equal(acknowledged, atBob.Take(20));
        Assert.Contains(echoed, atBob);
        Assert.Equal(atBob.Count, atBob.Distinct().Count());
    }

    private async Task<TestCluster> StartAsync(int size, string test)
    {
        var database = await postgres.CreateDatabaseAsync(test);
        return await TestCluster.StartAsync(size, new Dictionary<string, string?>
        {
            ["Realtime:Journal:Provider"] = "postgresql",
            ["Realtime:Journal:ConnectionString"] = database,
            ["Realtime:Cluster:SbrStableAfter"] = "00:00:02",
            ["Realtime:Sockets:MaxInboundPerSecond"] = "1000",
            ["Realtime:Sockets:InboundBurst"] = "1000",
        }, Json);
    }

    private static async Task<TestGateway> HostOfAsync(TestCluster cluster)
    {
        foreach (var node in cluster.Nodes)
        {
            var region = ClusterSharding.Get(node.Services.GetRequiredService<ActorSystem>()).ShardRegion(ChatHostingExtensions.ChatRoomTypeName);
            var state = await region.Ask<CurrentShardRegionState>(GetShardRegionState.Instance, TimeSpan.FromSeconds(5));
            if (state.Shards.Any(s => s.EntityIds.Contains(RoomEntity)))
                return node;
        }
        throw new InvalidOperationException("no node hosts the room");
    }

    // The text of the first bare message within the wait, skipping presence updates and errors of lost posts.
    private static async Task<string?> FirstEchoAsync(ChatTestClient client, TimeSpan wait)
    {
        var deadline = DateTime.UtcNow + wait;
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                var frame = await client.Socket.ReceiveJsonAsync(deadline - DateTime.UtcNow);
                if (TypeOf(frame) == "")
                    return Text(frame);
            }
            catch (OperationCanceledException)
            {
                return null;
            }
        }
        return null;
    }

    private static async Task<List<string>> ReadHistoryAsync(ChatTestClient client)
    {
        // Frames of retried posts may still arrive: skip to the history's ROOM_UPDATE, then read its messages.
        while (TypeOf(await client.ReceiveAsync()) != "ROOM_UPDATE")
        {
        }
        var texts = new List<string>();
        while (true)
        {
            try
            {
                var frame = await client.Socket.ReceiveJsonAsync(TimeSpan.FromSeconds(2));
                if (TypeOf(frame) == "")
                    texts.Add(Text(frame));
                else if (TypeOf(frame) != "ROOM_UPDATE")
                    return texts;
            }
            catch (OperationCanceledException)
            {
                return texts;
            }
        }
    }

    private static async Task<List<string>> TextsUntilAsync(ChatTestClient client, string last)
    {
        var texts = new List<string>();
        while (texts.LastOrDefault() != last)
        {
            var frame = await client.ReceiveAsync();
            if (TypeOf(frame) == "")
                texts.Add(Text(frame));
        }
        return texts;
    }
}
