using Akka.Actor;
using Akka.Dispatch.MessageQueues;

namespace Realtime.Tests.Sessions;

/// <summary>The running cell behind a local actor (Akka's internal ActorRefWithCell / ActorCell), to look at its mailbox.</summary>
internal static class ActorCells
{
    public static ActorCell Of(IActorRef actor) =>
        Assert.IsType<ActorCell>(Assert.IsAssignableFrom<ActorRefWithCell>(actor).Underlying);

    public static IMessageQueue QueueOf(IActorRef actor) => Assert.IsAssignableFrom<Akka.Dispatch.Mailbox>(Of(actor).Mailbox).MessageQueue;
}
