using NATS.Client.Core;
using Realtime.Messages.Bus;

namespace Realtime.Actors.Ingress;

/// <summary>With NATS configured, HTTP ingest publishes into NATS so that there is one bus and one order.</summary>
public sealed class NatsBusPublisher(INatsConnection connection) : IBusPublisher
{
    public async Task PublishAsync(IReadOnlyList<BusEvent> events, CancellationToken cancellationToken)
    {
        foreach (var change in events)
            await connection.PublishAsync(change.Topic.Subject(), change.Json, cancellationToken: cancellationToken).ConfigureAwait(false);
        // Flushed before answering 202, so an accepted event is on the bus.
        await connection.PingAsync(cancellationToken).ConfigureAwait(false);
    }
}
