using Akka.Actor;
using Realtime.Actors.Auth;
using Realtime.Actors.Routing;

namespace Realtime.Actors.Sessions;

/// <summary>
/// A session of the events socket (<c>/ws</c>): while it has an identity it is registered with the node's
/// router, which writes the <c>subscribed</c> frame and then the events straight into the socket's queue.
/// </summary>
public sealed class EventSessionActor : SessionActor
{
    private readonly IActorRef _router;

    public EventSessionActor(ITokenValidator validator, OutboundQueue outbound, SocketLimits limits, IActorRef router)
        : base(validator, outbound, limits)
    {
        _router = router;
    }

    public static Props Props(ITokenValidator validator, OutboundQueue outbound, SocketLimits limits, IActorRef router) =>
        Akka.Actor.Props.Create(() => new EventSessionActor(validator, outbound, limits, router)).WithMailbox(SessionMailbox.ConfigPath);

    protected override string EmptyJwtError => "empty jwt";

    protected override void OnAuthenticated(TokenClaims identity) =>
        _router.Tell(new RegisterSession(Self, identity, Outbound, Subscription?.Version ?? 1, Subscription?.Recover));

    protected override void OnIdentityLost() => _router.Tell(new UnregisterSession(Self));

    // The router's acknowledgement of a registration needs nothing done.
    protected override bool OnSessionMessage(object message) => message is SessionRegistered;

    protected override void PostStop()
    {
        _router.Tell(new UnregisterSession(Self));
        base.PostStop();
    }
}
