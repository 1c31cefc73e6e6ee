using Akka.Actor;
using Akka.Cluster.Tools.PublishSubscribe;
using Realtime.Messages.Bus;

namespace Realtime.Actors.Ingress;

/// <summary>Without NATS the bus is DistributedPubSub: one publish reaches the router of every node once.</summary>
public sealed class ClusterBusPublisher(IActorRef mediator) : IBusPublisher
{
    public const string Topic = "realtime.bus";

    public Task PublishAsync(IReadOnlyList<BusEvent> events, CancellationToken cancellationToken)
    {
        foreach (var change in events)
            mediator.Tell(new Publish(Topic, change));
        return Task.CompletedTask;
    }
}
