namespace Realtime.Messages.Bus;

/// <summary>
/// One validated event on its way to the routers. Only the raw JSON crosses nodes: each router parses it
/// again, which keeps the wire format the bus format and the serializer trivial. <see cref="Position"/> is given
/// by whoever put the event on the bus (the ingesting node or the JetStream stream); <see cref="DedupeId"/> comes
/// from an ingest <c>Idempotency-Key</c>.
/// </summary>
public sealed record BusEvent(BusTopic Topic, byte[] Json, StreamPosition? Position = null, string? DedupeId = null);
