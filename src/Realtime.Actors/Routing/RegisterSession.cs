using Akka.Actor;
using Realtime.Actors.Auth;
using Realtime.Actors.Sessions;

namespace Realtime.Actors.Routing;

/// <summary>
/// Registers (or re-registers, replacing identity atomically) a session with its node's router. The router
/// replies <see cref="SessionRegistered"/> and from then on writes frames straight into <see cref="Sink"/>.
/// <see cref="Version"/> 2 opts in to PROTOCOL 7; <see cref="Recover"/> is the cursor to resume after.
/// </summary>
public sealed record RegisterSession(IActorRef Session, TokenClaims Identity, IFrameSink Sink, int Version = 1, string? Recover = null);
