using Akka.Actor;

namespace Realtime.Actors.Ingress;

/// <summary>
/// How many messages wait in the local router's mailbox: what every intake (HTTP, NATS) checks so that events
/// queue at the producer (or in NATS) instead of in an unbounded mailbox.
/// </summary>
public sealed class RouterBacklog(IActorRef router, int maxMessages)
{
    public int MaxMessages => maxMessages;

    public int Current => router is ActorRefWithCell local ? local.Underlying.NumberOfMessages : 0;

    public bool IsFull => Current > maxMessages;

    /// <summary>Waits until the router is below the bound again.</summary>
    public async Task WaitForRoomAsync(CancellationToken cancellationToken)
    {
        while (IsFull)
            await Task.Delay(10, cancellationToken).ConfigureAwait(false);
    }
}
