using Akka.Actor;
using Realtime.Actors.Access;
using Realtime.Actors.Auth;
using Realtime.Actors.Sessions;

namespace Realtime.Actors.Routing;

/// <summary>The router's view of one registered session.</summary>
public sealed class RoutedSession(IActorRef actor, TokenClaims identity, IFrameSink sink, UserAccess access, int version = 1) : INodeEventRecipient
{
    /// <summary>2 when the socket opted in to PROTOCOL 7 (positions on every frame, node events not coalesced).</summary>
    public int Version { get; } = version;

    public IActorRef Actor { get; } = actor;
    public TokenClaims Identity { get; } = identity;
    public IFrameSink Sink { get; } = sink;
    public UserAccess Access { get; set; } = access;

    /// <summary>The policy subjects of PROTOCOL 4.2, computed once per registration.</summary>
    public IReadOnlyList<string> Subjects { get; } =
        UserMetaPolicy.SubjectsOf(identity.Login, identity.Profile, identity.Roles).ToArray();
}
