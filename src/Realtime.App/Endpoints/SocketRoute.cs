using Akka.Actor;
using Realtime.Actors.Sessions;

namespace Realtime.App.Endpoints;

/// <summary>
/// One kind of socket (PROTOCOL 1): the paths that open it, its name in the metrics and how its session actor is
/// made for a new connection's outbound queue.
/// </summary>
public sealed record SocketRoute(string Endpoint, IReadOnlyList<string> Paths, Func<OutboundQueue, Task<Props>> SessionProps);
