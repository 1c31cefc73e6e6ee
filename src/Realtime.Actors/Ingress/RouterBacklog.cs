using Akka.Actor;
using Realtime.Actors.Routing;

namespace Realtime.Actors.Ingress;

/// <summary>
/// How many messages wait in the local router's mailbox and, behind it, in its busiest partition's (each event the
/// router handled is one message there): what every intake (HTTP, NATS) checks so that events queue at the producer
/// (or in NATS) instead of in an unbounded mailbox.
/// </summary>
public sealed class RouterBacklog(IActorRef router, int maxMessages)
{
    public int MaxMessages => maxMessages;

    public int Current => router is ActorRefWithCell local ? local.Underlying.NumberOfMessages + BusiestPartition(local.Underlying) : 0;

    // By name, not by enumerating the router's children: this runs for every ingest request, and Akka's children
    // enumeration allocates a LINQ pipeline over an immutable dictionary each time.
    private static int BusiestPartition(ICell router)
    {
        var busiest = 0;
        for (var i = 0; router.GetSingleChild(TopicRouter.PartitionName(i)) is ActorRefWithCell partition; i++)
            busiest = Math.Max(busiest, partition.Underlying.NumberOfMessages);
        return busiest;
    }

    public bool IsFull => Current > maxMessages;

    /// <summary>Waits until the router is below the bound again.</summary>
    public async Task WaitForRoomAsync(CancellationToken cancellationToken)
    {
        while (IsFull)
            await Task.Delay(10, cancellationToken).ConfigureAwait(false);
    }
}
