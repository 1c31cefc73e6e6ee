using System.Text;
using Akka.Actor;
using Akka.TestKit.Xunit2;
using Xunit;
using Realtime.Actors.Access;
using Realtime.Actors.Auth;
using Realtime.Actors.Routing;
using Realtime.Messages.Bus;
using Realtime.Tests.Access;

namespace Realtime.Tests.Routing;

/// <summary>
/// A TopicRouter over the standard test directory, with sessions that record their frames. It has several partitions
/// (3 unless told), so the sessions of a test are spread over them as in production.
/// </summary>
public abstract class RouterTestKit : TestKit
{
    private const int DefaultPartitions = 3;
    private int _partitions;

    /// <summary>Coalescing disabled (CoalesceQuiet = 0).</summary>
    protected static readonly RouterSettings NoCoalescing = new(TimeSpan.Zero, TimeSpan.FromSeconds(3), 20);

    protected RoutingCounters Counters { get; } = new();

    protected IActorRef Router { get; private set; } = ActorRefs.Nobody;

    protected IActorRef StartRouter(RouterSettings? settings = null, AccessDirectory? directory = null, int partitions = DefaultPartitions)
    {
        _partitions = partitions;
        Router = Sys.ActorOf(TopicRouter.Props(directory ?? TestDirectory.Standard(), (settings ?? NoCoalescing) with { Partitions = partitions }, Counters,
            new TokenRevocations(TimeSpan.FromHours(1), 100, TimeProvider.System)));
        return Router;
    }

    /// <summary>Registers a session and returns its sink (the <c>subscribed</c> frame already received).</summary>
    protected RecordingFrameSink Session(string login, string profile = "standard", string[]? roles = null, string? sub = null) =>
        Session(login, profile, roles, sub, out _);

    protected RecordingFrameSink Session(string login, string profile, string[]? roles, string? sub, out IActorRef actor)
    {
        actor = CreateTestProbe().Ref;
        var sink = new RecordingFrameSink();
        Router.Tell(new RegisterSession(actor, new TokenClaims(sub ?? "sub-" + login, login, profile, roles ?? [], DateTimeOffset.UtcNow.AddHours(1)), sink));
        ExpectMsg<SessionRegistered>();
        return sink;
    }

    /// <summary>Sends one bus event and waits until the router has handled it.</summary>
    protected void Publish(BusTopic topic, string json)
    {
        Send(topic, json);
        Barrier();
    }

    /// <summary>Sends one bus event without waiting (several sent this way reach the router back to back).</summary>
    protected void Send(BusTopic topic, string json) => Router.Tell(new BusEvent(topic, Encoding.UTF8.GetBytes(json)));

    /// <summary>
    /// The router and its partitions handle their mailboxes in order: once the router answered, it has told its partitions
    /// everything sent before; once each partition answered, everything is routed.
    /// </summary>
    protected void Barrier()
    {
        Router.Tell(new ResolveAccess([], null));
        ExpectMsg<AccessAnswer>();
        for (var i = 0; i < _partitions; i++)
            Sys.ActorSelection(Router.Path / TopicRouter.PartitionName(i)).Tell(new Identify(i));
        var answered = Enumerable.Range(0, _partitions).Select(_ => ExpectMsg<ActorIdentity>()).ToList();
        Assert.All(answered, a => Assert.NotNull(a.Subject));
    }
}
