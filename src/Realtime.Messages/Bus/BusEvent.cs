namespace Realtime.Messages.Bus;

/// <summary>
/// One validated event on its way to the routers. Only the raw JSON crosses nodes: each router parses it
/// again, which keeps the wire format the bus format and the serializer trivial.
/// </summary>
public sealed record BusEvent(BusTopic Topic, byte[] Json);
