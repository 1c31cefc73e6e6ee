using System.Text.Json;
using NATS.Client.Core;
using Realtime.Messages.Bus;
using Realtime.Tests.Infrastructure;
using static Realtime.Tests.Integration.RecoveryEvents;

namespace Realtime.Tests.Integration;

/// <summary>
/// PROTOCOL 7.1 across nodes and restarts: a cursor from one node is honoured by another, with JetStream and without
/// NATS, and a node that restarts while events are published catches up from the stream.
/// </summary>
[Collection("multi-node")]
public sealed class ClusterRecoveryTests(NatsServerFixture nats)
{
    [Fact]
    public async Task A_cursor_from_one_node_resumes_on_another_without_nats()
    {
        await using var cluster = await TestCluster.StartAsync(3);
        await AwayOnOneNodeBackOnAnother(cluster, (topic, body) => cluster.Nodes[2].IngestAsync(topic, body));
    }

    [Fact]
    public async Task A_cursor_from_one_node_resumes_on_another_with_jetstream()
    {
        await nats.ResetStreamAsync();
        await using var cluster = await TestCluster.StartAsync(3, new Dictionary<string, string?> { ["Realtime:Nats:Url"] = nats.Url });
        await using var client = new NatsConnection(NatsOpts.Default with { Url = nats.Url });
        // Published straight on NATS subjects, as the platform does, and through HTTP ingest at another node.
        await AwayOnOneNodeBackOnAnother(cluster, PublishOn(client));
    }

    [Fact]
    public async Task A_node_restarted_while_events_are_published_lets_its_clients_recover_with_no_gap()
    {
        await nats.ResetStreamAsync();
        var settings = new Dictionary<string, string?> { ["Realtime:Nats:Url"] = nats.Url };
        string cursor;
        await using (var gateway = await TestGateway.StartAsync(settings))
        {
            var (socket, _) = await RecoveryClient.SubscribeAsync(gateway, "alice", ["role-a"]);
            await gateway.IngestAsync("tree", Delete("ds/a", "before"));
            cursor = (await socket.ReceiveJsonAsync()).GetProperty("@pos").GetString()!;
            await socket.DisposeAsync();
            await gateway.StopAsync();
        }
        // Published while no gateway runs: they wait in the stream.
        await using var client = new NatsConnection(NatsOpts.Default with { Url = nats.Url });
        var expected = await IngestMixedAsync(PublishOn(client));

        await using var restarted = await TestGateway.StartAsync(settings);
        var (again, subscribed) = await RecoveryClient.SubscribeAsync(restarted, "alice", ["role-a"], cursor);
        await using var __ = again;
        Assert.True(subscribed.GetProperty("recovered").GetBoolean());
        await ExpectFramesAsync(again, expected);
    }

    [Fact]
    public async Task An_ingest_retried_with_the_same_idempotency_key_on_another_node_is_delivered_once_with_jetstream()
    {
        await nats.ResetStreamAsync();
        await using var cluster = await TestCluster.StartAsync(2, new Dictionary<string, string?> { ["Realtime:Nats:Url"] = nats.Url });
        await using var alice = await cluster.Nodes[0].SubscribeAsync("alice", ["role-a"]);
        foreach (var node in cluster.Nodes)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/events/tree") { Content = new StringContent(Delete("ds/a", "once")) };
            request.Headers.Authorization = new("Bearer", TestGateway.IngestKey);
            request.Headers.Add("Idempotency-Key", "same-key");
            Assert.Equal(System.Net.HttpStatusCode.Accepted, (await node.Http.SendAsync(request)).StatusCode);
        }
        await cluster.Nodes[1].IngestAsync("tree", Delete("ds/a", "marker"));
        Assert.Equal("alpha/once", Describe(await alice.ReceiveJsonAsync()));
        Assert.Equal("alpha/marker", Describe(await alice.ReceiveJsonAsync()));
    }

    private static async Task AwayOnOneNodeBackOnAnother(TestCluster cluster, Func<string, string, Task<HttpResponseMessage>> ingest)
    {
        await EveryNodeReadsTheBusAsync(cluster, ingest);
        var (first, _) = await RecoveryClient.SubscribeAsync(cluster.Nodes[0], "alice", ["role-a"]);
        await ingest("tree", Delete("ds/a", "seen"));
        var cursor = (await first.ReceiveJsonAsync()).GetProperty("@pos").GetString()!;
        await first.DisposeAsync();

        var expected = await IngestMixedAsync(ingest);

        var (again, subscribed) = await RecoveryClient.SubscribeAsync(cluster.Nodes[1], "alice", ["role-a"], cursor);
        await using var _ = again;
        Assert.True(subscribed.GetProperty("recovered").GetBoolean(), JsonSerializer.Serialize(subscribed));
        await ExpectFramesAsync(again, expected);
        await ingest("tree", Delete("ds/a", "live"));
        Assert.Equal("alpha/live", Describe(await again.ReceiveJsonAsync()));
    }

    /// <summary>Publishes straight on the bus subject of a topic, as the platform does.</summary>
    private static Func<string, string, Task<HttpResponseMessage>> PublishOn(NatsConnection client) => async (topic, body) =>
    {
        BusTopics.TryParse(topic, out var busTopic);
        await client.PublishAsync(busTopic.Subject(), System.Text.Encoding.UTF8.GetBytes(body));
        return new HttpResponseMessage(System.Net.HttpStatusCode.Accepted);
    };

    /// <summary>Until a bus subscription has spread through the cluster a node misses events: wait until each reads one.</summary>
    private static async Task EveryNodeReadsTheBusAsync(TestCluster cluster, Func<string, string, Task<HttpResponseMessage>> ingest)
    {
        var sockets = new List<TestSocket>();
        foreach (var node in cluster.Nodes)
            sockets.Add(await node.SubscribeAsync("warm-up", ["role-a"]));
        var deadline = DateTime.UtcNow.AddSeconds(20);
        var reached = new bool[sockets.Count];
        for (var attempt = 0; !reached.All(r => r) && DateTime.UtcNow < deadline; attempt++)
        {
            await ingest("tree", Delete("ds/a", $"warm-up-{attempt}"));
            for (var i = 0; i < sockets.Count; i++)
            {
                if (reached[i])
                    continue;
                try
                {
                    await sockets[i].ReceiveJsonAsync(TimeSpan.FromMilliseconds(500));
                    reached[i] = true;
                }
                catch (OperationCanceledException)
                {
                    // not yet
                }
            }
        }
        foreach (var socket in sockets)
            await socket.DisposeAsync();
        Assert.True(reached.All(r => r), "every node reads the bus");
    }
}
