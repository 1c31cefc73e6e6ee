using Akka.Actor;
using Akka.Configuration;
using Akka.Dispatch;
using Akka.Dispatch.MessageQueues;

namespace Realtime.Actors.Sessions;

/// <summary>
/// The mailbox of every session actor: a <see cref="SessionMessageQueue"/> per actor, a fraction of the memory of
/// Akka's default mailbox (one per socket, so it counts). Akka finds it by <see cref="ConfigPath"/>, which the
/// shipped <c>hocon/sessions.hocon</c> maps to this type.
/// </summary>
public sealed class SessionMailbox(Settings settings, Config config) : MailboxType(settings, config), IProducesMessageQueue<SessionMessageQueue>
{
    /// <summary>The HOCON block naming this mailbox type, given to <see cref="Props.WithMailbox"/>.</summary>
    public const string ConfigPath = "realtime.session-mailbox";

    public override IMessageQueue Create(IActorRef owner, ActorSystem system) => new SessionMessageQueue();
}
