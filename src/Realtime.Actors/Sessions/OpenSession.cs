using Akka.Actor;

namespace Realtime.Actors.Sessions;

/// <summary>Asks the node's <see cref="SessionsSupervisor"/> to start a session; the reply is its IActorRef.</summary>
public sealed record OpenSession(Props Props);
