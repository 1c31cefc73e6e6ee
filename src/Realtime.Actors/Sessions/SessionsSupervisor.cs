using Akka.Actor;

namespace Realtime.Actors.Sessions;

/// <summary>
/// Parent of every session of this node. A session that throws is stopped, never restarted: its socket is
/// gone with it, and a restarted actor would hold no stream.
/// </summary>
public sealed class SessionsSupervisor : ReceiveActor
{
    public SessionsSupervisor()
    {
        Receive<OpenSession>(m => Sender.Tell(Context.ActorOf(m.Props)));
        Receive<CountSessions>(_ => Sender.Tell(Context.GetChildren().Count()));
    }

    protected override SupervisorStrategy SupervisorStrategy() => new OneForOneStrategy(_ => Directive.Stop);

    /// <summary>Asks how many sessions this node holds (an int).</summary>
    public sealed class CountSessions
    {
        public static readonly CountSessions Instance = new();
    }
}
