using Realtime.Messages.Bus;

namespace Realtime.Actors.Ingress;

/// <summary>
/// An event that passed ingest validation, with what it parsed to. The bus carries <see cref="Event"/> (its bytes);
/// this node's router is told the whole of it, so it does not parse the event a second time. Never serialized.
/// </summary>
public sealed record IngestedEvent(BusEvent Event, object Parsed);
