using Akka.Actor;
using Akka.Cluster.Tools.PublishSubscribe;
using Realtime.Messages.Bus;

namespace Realtime.Actors.Ingress;

/// <summary>
/// Without NATS the bus is DistributedPubSub: one publish reaches the router of every node once. This node is an
/// origin of the stream (PROTOCOL 7, <see cref="MemberOrigin"/>): its events are numbered in the order they are
/// published, which is the order every router receives them in. This node's router is told directly (with the event
/// as ingest parsed it); the mediator carries the event to the routers of the other nodes, and is not bothered while
/// this node is alone in its cluster.
/// </summary>
public sealed class ClusterBusPublisher(IActorRef localRouter, IActorRef mediator, Func<bool> hasPeers, string origin) : IBusPublisher
{
    private readonly object _order = new();
    private readonly string _routerPath = localRouter.Path.ToStringWithoutAddress();
    private long _sequence;

    /// <summary>
    /// Registers this node's router with the mediator, under its path, as the receiver of the other nodes' events
    /// (every node's router has the same path).
    /// </summary>
    public static void RegisterRouter(IActorRef mediator, IActorRef router) => mediator.Tell(new Put(router));

    public Task PublishAsync(IReadOnlyList<IngestedEvent> events, CancellationToken cancellationToken)
    {
        var peers = hasPeers();
        // Numbering and telling under one lock: a later number never overtakes an earlier one.
        lock (_order)
        {
            foreach (var (change, parsed) in events)
            {
                var numbered = change with { Position = new StreamPosition(origin, ++_sequence) };
                localRouter.Tell(new IngestedEvent(numbered, parsed));
                if (peers)
                    mediator.Tell(new SendToAll(_routerPath, numbered, excludeSelf: true));
            }
        }
        return Task.CompletedTask;
    }
}
