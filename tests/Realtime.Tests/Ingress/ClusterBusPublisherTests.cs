using Akka.Cluster.Tools.PublishSubscribe;
using Akka.TestKit;
using Akka.TestKit.Xunit2;
using Realtime.Actors.Ingress;
using Realtime.Messages.Bus;
using Xunit;

namespace Realtime.Tests.Ingress;

/// <summary>
/// The bus without NATS as one node's publisher sees it: its own router is told each event with what ingest parsed,
/// numbered in publish order; the mediator carries it to the other nodes' routers only while there are other nodes.
/// </summary>
public sealed class ClusterBusPublisherTests : TestKit
{
    private static readonly object Parsed = new();

    [Fact]
    public async Task The_local_router_gets_every_event_parsed_and_numbered_in_order()
    {
        var (router, mediator, publisher) = Publisher(hasPeers: false);

        await publisher.PublishAsync([Event("1"), Event("2")], CancellationToken.None);
        await publisher.PublishAsync([Event("3")], CancellationToken.None);

        for (var sequence = 1; sequence <= 3; sequence++)
        {
            var told = router.ExpectMsg<IngestedEvent>();
            Assert.Equal(new StreamPosition("origin-a", sequence), told.Event.Position);
            Assert.Equal(sequence.ToString(), System.Text.Encoding.UTF8.GetString(told.Event.Json));
            Assert.Same(Parsed, told.Parsed);
        }
        mediator.ExpectNoMsg(TimeSpan.FromMilliseconds(200));
    }

    [Fact]
    public async Task With_other_nodes_the_mediator_sends_each_event_to_every_other_router()
    {
        var (router, mediator, publisher) = Publisher(hasPeers: true);

        await publisher.PublishAsync([Event("1"), Event("2")], CancellationToken.None);

        for (var sequence = 1; sequence <= 2; sequence++)
        {
            var sent = mediator.ExpectMsg<SendToAll>();
            Assert.Equal(router.Ref.Path.ToStringWithoutAddress(), sent.Path);
            Assert.True(sent.ExcludeSelf, "this node's router is told directly, not through the mediator too");
            var carried = Assert.IsType<BusEvent>(sent.Message);
            Assert.Equal(new StreamPosition("origin-a", sequence), carried.Position);
            Assert.Equal(router.ExpectMsg<IngestedEvent>().Event, carried);
        }
    }

    /// <summary>A publisher of origin <c>origin-a</c> whose router and mediator are probes.</summary>
    private (TestProbe Router, TestProbe Mediator, ClusterBusPublisher Publisher) Publisher(bool hasPeers)
    {
        var router = CreateTestProbe("router");
        var mediator = CreateTestProbe();
        return (router, mediator, new ClusterBusPublisher(router, mediator, () => hasPeers, "origin-a"));
    }

    private static IngestedEvent Event(string json) => new(new BusEvent(BusTopic.Tree, System.Text.Encoding.UTF8.GetBytes(json)), Parsed);
}
