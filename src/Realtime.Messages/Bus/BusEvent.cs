namespace Realtime.Messages.Bus;

/// <summary>
/// One validated event on its way to the routers. Only the raw JSON crosses nodes: each router parses it
/// again, which keeps the wire format the bus format and the serializer trivial. <see cref="Position"/> is given
/// by whoever put the event on the bus (the ingesting node or the JetStream stream); <see cref="DedupeId"/> comes
/// from an ingest <c>Idempotency-Key</c>. <see cref="AcceptedAt"/> is when this process took the event in (a Stopwatch
/// timestamp, for the delivery-latency histogram); it does not cross nodes, a router stamps what arrives without one.
/// </summary>
public sealed record BusEvent(BusTopic Topic, byte[] Json, StreamPosition? Position = null, string? DedupeId = null, long AcceptedAt = 0);
