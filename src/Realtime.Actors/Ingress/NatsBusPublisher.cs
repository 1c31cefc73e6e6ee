using NATS.Client.JetStream;
using Realtime.Messages.Bus;

namespace Realtime.Actors.Ingress;

/// <summary>
/// With NATS configured, HTTP ingest publishes into the JetStream stream so that there is one bus and one order. It
/// answers only once the stream has stored every event; an event with a dedupe id (ingest Idempotency-Key) is
/// stored once within the stream's duplicate window.
/// </summary>
public sealed class NatsBusPublisher(INatsJSContext js) : IBusPublisher
{
    public async Task PublishAsync(IReadOnlyList<IngestedEvent> events, CancellationToken cancellationToken)
    {
        // Every node's router, this one's too, reads the event back from the stream (and parses it there).
        foreach (var (change, _) in events)
        {
            var ack = await js.PublishAsync(change.Topic.Subject(), change.Json,
                opts: change.DedupeId is { } id ? new NatsJSPubOpts { MsgId = id } : null,
                cancellationToken: cancellationToken).ConfigureAwait(false);
            // A duplicate (the same Idempotency-Key within the window) is stored already: that is success too.
            if (ack.Error is { } error)
                throw new NatsJSApiException(error);
        }
    }
}
