using Akka.Actor;
using Akka.Event;
using Realtime.Actors.Sessions;
using Realtime.App.Hosting;

namespace Realtime.Tests.Sessions;

/// <summary>The session mailbox as Akka uses it, configured by the shipped hocon/sessions.hocon.</summary>
public sealed class SessionMailboxTests() : Akka.TestKit.Xunit2.TestKit(ShippedHocon.Load("sessions.hocon"))
{
    /// <summary>Holds its first message until the test opens the gate, then stops itself; reports anything else.</summary>
    private sealed class HoldThenStop : ReceiveActor
    {
        public HoldThenStop(IActorRef probe, ManualResetEventSlim gate)
        {
            Receive<string>(m => m == "hold", _ =>
            {
                probe.Tell("holding");
                gate.Wait(TimeSpan.FromSeconds(10));
                Context.Stop(Self);
            });
            ReceiveAny(m => probe.Tell(m));
        }
    }

    [Fact]
    public void An_actor_asking_for_the_session_mailbox_gets_its_queue_and_receives_in_order()
    {
        var actor = Sys.ActorOf(Props.Create(() => new HoldThenStop(TestActor, new ManualResetEventSlim(true)))
            .WithMailbox(SessionMailbox.ConfigPath));
        for (var i = 0; i < 20; i++)
            actor.Tell(i);

        for (var i = 0; i < 20; i++)
            ExpectMsg(i);
        Assert.IsType<SessionMessageQueue>(ActorCells.QueueOf(actor));
    }

    [Fact]
    public void Messages_left_when_the_actor_stops_go_to_the_dead_letters()
    {
        using var gate = new ManualResetEventSlim(false);
        var actor = Sys.ActorOf(Props.Create(() => new HoldThenStop(TestActor, gate)).WithMailbox(SessionMailbox.ConfigPath));
        Sys.EventStream.Subscribe(TestActor, typeof(DeadLetter));
        actor.Tell("hold");
        ExpectMsg("holding");

        actor.Tell("left-1");
        actor.Tell("left-2");
        var queue = Assert.IsType<SessionMessageQueue>(ActorCells.QueueOf(actor));
        Assert.Equal(2, queue.Count);
        gate.Set();

        Assert.Equal("left-1", ExpectMsg<DeadLetter>(d => Assert.Equal(actor, d.Recipient)).Message);
        Assert.Equal("left-2", ExpectMsg<DeadLetter>(d => Assert.Equal(actor, d.Recipient)).Message);
        Assert.False(queue.HasMessages);
    }
}
