using System.Net;
using NATS.Client.Core;
using Realtime.Tests.Infrastructure;

namespace Realtime.Tests.Integration;

/// <summary>With NATS configured: subjects feed the router, and HTTP ingest goes through NATS (one bus, one order).</summary>
[Collection("nats")]
public sealed class NatsBusTests(NatsServerFixture nats) : IAsyncLifetime
{
    private TestGateway _gateway = null!;

    public async Task InitializeAsync()
    {
        await nats.ResetStreamAsync();
        _gateway = await TestGateway.StartAsync(new Dictionary<string, string?>
        {
            ["Realtime:Nats:Url"] = nats.Url,
        });
    }

    public async Task DisposeAsync() => await _gateway.DisposeAsync();

    [Fact]
    public async Task An_event_published_on_nats_reaches_exactly_the_entitled_sessions()
    {
        await using var alice = await _gateway.SubscribeAsync("alice", ["role-a"]);
        await using var bob = await _gateway.SubscribeAsync("bob", ["role-b"]);
        await using var client = new NatsConnection(NatsOpts.Default with { Url = nats.Url });

        await client.PublishAsync("topic.pydio.tree.nodes.changes", System.Text.Encoding.UTF8.GetBytes(SampleDirectory.CreateIn("ds/b", "from-nats", "n-nats")));
        await client.PublishAsync("topic.pydio.tree.nodes.changes", System.Text.Encoding.UTF8.GetBytes(SampleDirectory.CreateIn("ds/a", "marker", "n-marker")));

        Assert.Equal("beta/from-nats", (await bob.ReceiveJsonAsync()).GetProperty("Target").GetProperty("Path").GetString());
        Assert.Equal("alpha/marker", (await alice.ReceiveJsonAsync()).GetProperty("Target").GetProperty("Path").GetString());
    }

    [Fact]
    public async Task Http_ingest_goes_through_nats_and_arrives_once()
    {
        await using var alice = await _gateway.SubscribeAsync("alice", ["role-a"]);
        await using var client = new NatsConnection(NatsOpts.Default with { Url = nats.Url });
        await using var tap = await client.SubscribeCoreAsync<byte[]>("topic.pydio.tree.nodes.changes");

        var response = await _gateway.IngestAsync("tree", SampleDirectory.CreateIn("ds/a", "via-http", "n-http"));
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);

        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        var seenOnNats = await tap.Msgs.ReadAsync(cts.Token);
        Assert.Contains("via-http", System.Text.Encoding.UTF8.GetString(seenOnNats.Data!));
        Assert.Equal("alpha/via-http", (await alice.ReceiveJsonAsync()).GetProperty("Target").GetProperty("Path").GetString());

        await client.PublishAsync("topic.pydio.tree.nodes.changes", System.Text.Encoding.UTF8.GetBytes(SampleDirectory.CreateIn("ds/a", "marker", "n-marker")));
        Assert.Equal("alpha/marker", (await alice.ReceiveJsonAsync()).GetProperty("Target").GetProperty("Path").GetString());
    }
}
