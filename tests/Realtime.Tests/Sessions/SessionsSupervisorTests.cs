using Akka.Actor;
using Akka.TestKit.Xunit2;
using Realtime.Actors.Sessions;

namespace Realtime.Tests.Sessions;

public sealed class SessionsSupervisorTests : TestKit
{
    /// <summary>Stands in for a session: reports the drain to the test and stops, as a real session does once its socket closed.</summary>
    private sealed class DrainableChild : ReceiveActor
    {
        public DrainableChild(IActorRef probe) => Receive<DrainSession>(_ =>
        {
            probe.Tell("drained");
            Context.Stop(Self);
        });
    }

    [Fact]
    public void Drain_closes_sessions_in_batches_and_answers_when_none_is_left()
    {
        var supervisor = Sys.ActorOf(Props.Create<SessionsSupervisor>());
        for (var i = 0; i < 5; i++)
        {
            supervisor.Tell(new OpenSession(Props.Create(() => new DrainableChild(TestActor))));
            ExpectMsg<IActorRef>();
        }

        // The pause is long next to the two answers' way back, so a busy machine does not shorten the quiet check.
        supervisor.Tell(new DrainSessions(2, TimeSpan.FromSeconds(1)));

        ExpectMsg("drained");
        ExpectMsg("drained");
        ExpectNoMsg(TimeSpan.FromMilliseconds(300));
        for (var i = 0; i < 3; i++)
            ExpectMsg("drained", TimeSpan.FromSeconds(5));
        ExpectMsg<SessionsDrained>(TimeSpan.FromSeconds(5));
    }

    [Fact]
    public void A_session_opened_while_draining_is_drained_at_once()
    {
        var supervisor = Sys.ActorOf(Props.Create<SessionsSupervisor>());
        supervisor.Tell(new DrainSessions(10, TimeSpan.FromMilliseconds(100)));
        ExpectMsg<SessionsDrained>();

        supervisor.Tell(new OpenSession(Props.Create(() => new DrainableChild(TestActor))));
        ExpectMsg<IActorRef>();
        ExpectMsg("drained");
    }
}
