using System.Net;
using System.Text;
using NATS.Client.Core;
using Realtime.Tests.Infrastructure;

namespace Realtime.Tests.Integration;

/// <summary>Three nodes: an event that enters by any node reaches the entitled sockets of every node exactly once.</summary>
[Collection("multi-node")]
public sealed class ClusterEventTests(NatsServerFixture nats)
{
    [Fact]
    public async Task Http_ingest_at_one_node_reaches_every_node_exactly_once_without_nats()
    {
        await using var cluster = await TestCluster.StartAsync(3);
        await AssertEveryNodeGetsEachEventOnce(cluster, (body) => cluster.Nodes[0].IngestAsync("tree", body));
    }

    [Fact]
    public async Task Nats_and_http_ingest_reach_every_node_exactly_once_with_nats()
    {
        await nats.ResetStreamAsync();
        await using var cluster = await TestCluster.StartAsync(3, new Dictionary<string, string?> { ["Realtime:Nats:Url"] = nats.Url });
        await using var client = new NatsConnection(NatsOpts.Default with { Url = nats.Url });
        await AssertEveryNodeGetsEachEventOnce(cluster, async body =>
        {
            await client.PublishAsync("topic.pydio.tree.nodes.changes", Encoding.UTF8.GetBytes(body));
            return new HttpResponseMessage(HttpStatusCode.Accepted);
        });
        await AssertEveryNodeGetsEachEventOnce(cluster, body => cluster.Nodes[1].IngestAsync("tree", body));
    }

    private static async Task AssertEveryNodeGetsEachEventOnce(TestCluster cluster, Func<string, Task<HttpResponseMessage>> ingest)
    {
        var entitled = new List<TestSocket>();
        var others = new List<TestSocket>();
        try
        {
            foreach (var node in cluster.Nodes)
            {
                entitled.Add(await node.SubscribeAsync("alice", ["role-a"]));
                others.Add(await node.SubscribeAsync("bob", ["role-b"]));
            }
            await WarmUpAsync(entitled, ingest);

            Assert.Equal(HttpStatusCode.Accepted, (await ingest(SampleDirectory.CreateIn("ds/a", "the-event", "n-event"))).StatusCode);
            Assert.Equal(HttpStatusCode.Accepted, (await ingest(SampleDirectory.CreateIn("ds/a", "the-marker", "n-marker"))).StatusCode);
            Assert.Equal(HttpStatusCode.Accepted, (await ingest(SampleDirectory.CreateIn("ds/b", "bob-marker", "n-bob"))).StatusCode);

            foreach (var socket in entitled)
            {
                var paths = await ReadPathsUntilAsync(socket, "alpha/the-marker");
                Assert.Equal(1, paths.Count(p => p == "alpha/the-event"));
            }
            foreach (var socket in others)
            {
                // bob's first frame is his own marker: none of alice's events leaked to him on any node.
                var paths = await ReadPathsUntilAsync(socket, "beta/bob-marker");
                Assert.Equal(["beta/bob-marker"], paths);
            }
        }
        finally
        {
            foreach (var socket in entitled.Concat(others))
                await socket.DisposeAsync();
        }
    }

    // Pub-sub subscriptions reach the other nodes by gossip: send warm-up events until every socket saw one.
    private static async Task WarmUpAsync(List<TestSocket> sockets, Func<string, Task<HttpResponseMessage>> ingest)
    {
        var seen = new bool[sockets.Count];
        var deadline = DateTime.UtcNow.AddSeconds(30);
        for (var round = 0; !seen.All(s => s); round++)
        {
            Assert.True(DateTime.UtcNow < deadline, "the cluster never delivered to every node");
            await ingest(SampleDirectory.CreateIn("ds/a", $"warmup-{round}", $"n-warm-{round}"));
            for (var i = 0; i < sockets.Count; i++)
            {
                while (!seen[i])
                {
                    try
                    {
                        var frame = await sockets[i].ReceiveJsonAsync(TimeSpan.FromMilliseconds(400));
                        seen[i] = true;
                    }
                    catch (OperationCanceledException)
                    {
                        break;
                    }
                }
            }
        }
        // One last marker flushes the remaining warm-ups out of every socket.
        await ingest(SampleDirectory.CreateIn("ds/a", "warmup-done", "n-warm-done"));
        foreach (var socket in sockets)
            await ReadPathsUntilAsync(socket, "alpha/warmup-done");
    }

    private static async Task<List<string>> ReadPathsUntilAsync(TestSocket socket, string lastPath)
    {
        var paths = new List<string>();
        while (true)
        {
            var frame = await socket.ReceiveJsonAsync();
            var path = frame.GetProperty("Target").GetProperty("Path").GetString()!;
            paths.Add(path);
            if (path == lastPath)
                return paths;
        }
    }
}
