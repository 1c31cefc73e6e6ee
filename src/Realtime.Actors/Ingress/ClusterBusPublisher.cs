using Akka.Actor;
using Akka.Cluster.Tools.PublishSubscribe;
using Realtime.Messages.Bus;

namespace Realtime.Actors.Ingress;

/// <summary>
/// Without NATS the bus is DistributedPubSub: one publish reaches the router of every node once. This node is an
/// origin of the stream (PROTOCOL 7, <see cref="MemberOrigin"/>): its events are numbered in the order they are
/// published, which is the order every router receives them in.
/// </summary>
public sealed class ClusterBusPublisher(IActorRef mediator, string origin) : IBusPublisher
{
    public const string Topic = "realtime.bus";

    private readonly object _order = new();
    private long _sequence;

    public Task PublishAsync(IReadOnlyList<BusEvent> events, CancellationToken cancellationToken)
    {
        // Numbering and telling under one lock: a later number never overtakes an earlier one.
        lock (_order)
        {
            foreach (var change in events)
                mediator.Tell(new Publish(Topic, change with { Position = new StreamPosition(origin, ++_sequence) }));
        }
        return Task.CompletedTask;
    }
}
