using Akka.Actor;

namespace Realtime.Actors.Routing;

/// <summary>Stops delivery to a session (unsubscribe, token expiry, socket closed).</summary>
public sealed record UnregisterSession(IActorRef Session);
