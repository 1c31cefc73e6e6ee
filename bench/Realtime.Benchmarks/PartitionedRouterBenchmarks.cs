using System.Text;
using Akka.Actor;
using BenchmarkDotNet.Attributes;
using Realtime.Actors.Auth;
using Realtime.Actors.Routing;
using Realtime.Actors.Sessions;
using Realtime.Messages.Bus;

namespace Realtime.Benchmarks;

/// <summary>
/// Routing throughput of the whole <see cref="TopicRouter"/> actor (issue 7: it grows with router parallelism):
/// bus events told to the router, parsed, logged and fanned out into the real <see cref="OutboundQueue"/>s of N
/// sessions (no sockets), until every queue has them. Every event reaches every session; one op is one delivery
/// (events/s = 1 / (Mean × Sessions)). Baseline: one partition. Ours: <c>Routing:Partitions</c> = 2, on a router of
/// its own in the same process.
/// </summary>
[MemoryDiagnoser]
public class PartitionedRouterBenchmarks
{
    private const int DeliveriesPerInvoke = 200_000;
    private const int Workspaces = 20;

    private readonly BenchRouter _one = new(1);
    private readonly BenchRouter _two = new(2);
    private ActorSystem _system = null!;
    private BusEvent[] _events = [];

    [Params(1_000, 10_000)]
    public int Sessions { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _system = ActorSystem.Create("bench", "akka.loglevel = WARNING");
        var json = Encoding.UTF8.GetBytes(BenchData.NodeEventJson());
        _events = Enumerable.Range(0, DeliveriesPerInvoke / Sessions).Select(_ => new BusEvent(BusTopic.Tree, json)).ToArray();
        _one.Start(_system, Sessions, Workspaces);
        _two.Start(_system, Sessions, Workspaces);
    }

    [GlobalCleanup]
    public void Cleanup() => _system.Terminate().Wait();

    [IterationCleanup]
    public void Drain()
    {
        _one.Drain();
        _two.Drain();
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = DeliveriesPerInvoke, Description = "1 partition")]
    public void OnePartition() => _one.Route(_events);

    [Benchmark(OperationsPerInvoke = DeliveriesPerInvoke, Description = "2 partitions")]
    public void TwoPartitions() => _two.Route(_events);

    /// <summary>A router with its sessions, and the barrier that says every event told to it is in every queue.</summary>
    private sealed class BenchRouter(int partitions)
    {
        private static readonly SocketLimits Limits = new(TimeSpan.FromSeconds(10), 65_536, 100, 100, long.MaxValue / 2,
            TimeSpan.FromHours(1), TimeSpan.Zero, TimeSpan.FromSeconds(1), int.MaxValue);

        private readonly List<OutboundQueue> _queues = [];
        private IActorRef _router = ActorRefs.Nobody;
        private ActorSystem _system = null!;

        public void Start(ActorSystem system, int sessions, int workspaces)
        {
            _system = system;
            var settings = new RouterSettings(TimeSpan.Zero, TimeSpan.FromSeconds(3), 20, Partitions: partitions);
            _router = system.ActorOf(TopicRouter.Props(BenchData.Directory(workspaces), settings, new RoutingCounters(),
                new TokenRevocations(TimeSpan.FromHours(1), 100, TimeProvider.System)), $"router-{partitions}");
            var registered = new List<Task>();
            for (var s = 0; s < sessions; s++)
            {
                var queue = new OutboundQueue(Limits);
                _queues.Add(queue);
                var session = system.ActorOf(Props.Empty, $"session-{partitions}-{s}");
                var identity = new TokenClaims($"sub-{s}", $"user-{s}", "standard", [$"role-{s % workspaces}"], DateTimeOffset.UtcNow.AddDays(1));
                registered.Add(_router.Ask<SessionRegistered>(new RegisterSession(session, identity, queue), TimeSpan.FromMinutes(1)));
            }
            Task.WaitAll(registered);
            Drain();
        }

        public void Route(BusEvent[] events)
        {
            foreach (var e in events)
                _router.Tell(e);
            // The router has told its partitions every event once it answers; each partition has delivered them once it answers.
            _router.Ask<AccessAnswer>(new ResolveAccess([], null), TimeSpan.FromMinutes(1)).Wait();
            Task.WaitAll(Enumerable.Range(0, partitions)
                .Select(i => _system.ActorSelection(_router.Path / TopicRouter.PartitionName(i)).Ask<ActorIdentity>(new Identify(i), TimeSpan.FromMinutes(1))));
        }

        public void Drain()
        {
            foreach (var queue in _queues)
            {
                while (queue.TryTakeFrame(int.MaxValue, force: true, out var item))
                    queue.WriteEnded(item.Frame.Length);
            }
        }
    }
}
