namespace Realtime.Messages.Bus;

/// <summary>
/// Where one bus event stands in the stream (PROTOCOL 7): the sequence number its origin gave it. With JetStream
/// the origin is the stream (one order for every node); without NATS each ingesting node is an origin with its own
/// order, and every node sees each origin's events in that order.
/// </summary>
public readonly record struct StreamPosition(string Origin, long Sequence);
