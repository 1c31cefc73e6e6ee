using Akka.Actor;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using Realtime.Actors.Sessions;

namespace Realtime.Benchmarks;

/// <summary>
/// Akka's default mailbox against <see cref="SessionMailbox"/> on real actors (issue 7: memory per socket), in two
/// groups, each with the default as baseline. <c>Memory</c>: start N actors and give each one message, as a session
/// gets (one op = one actor; read Allocated). <c>Throughput</c>: two threads tell 100,000 messages to one actor
/// until it has handled them all (one op = one message).
/// </summary>
[MemoryDiagnoser]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
public class SessionMailboxBenchmarks
{
    private const int Actors = 2_000;
    private const int Messages = 100_000;
    private const int Senders = 2;

    private readonly List<IActorRef> _started = [];
    private ActorSystem _system = null!;
    private Props _defaultProps = null!;
    private Props _sessionProps = null!;
    private IActorRef _defaultActor = ActorRefs.Nobody;
    private IActorRef _sessionActor = ActorRefs.Nobody;
    private CountdownEvent _handled = null!;

    [GlobalSetup]
    public void Setup()
    {
        _system = SessionBenchSystem.Create();
        _handled = new CountdownEvent(1);
        _defaultProps = Props.Create(() => new Counting(_handled));
        _sessionProps = _defaultProps.WithMailbox(SessionMailbox.ConfigPath);
        _defaultActor = _system.ActorOf(_defaultProps);
        _sessionActor = _system.ActorOf(_sessionProps);
    }

    [GlobalCleanup]
    public void Cleanup() => _system.Terminate().Wait();

    [IterationCleanup]
    public void StopStarted() => SessionBenchSystem.StopAll(_started);

    [Benchmark(Baseline = true, OperationsPerInvoke = Actors, Description = "default mailbox, per actor")]
    [BenchmarkCategory("Memory")]
    public void StartWithDefaultMailbox() => Start(_defaultProps);

    [Benchmark(OperationsPerInvoke = Actors, Description = "session mailbox, per actor")]
    [BenchmarkCategory("Memory")]
    public void StartWithSessionMailbox() => Start(_sessionProps);

    [Benchmark(Baseline = true, OperationsPerInvoke = Messages, Description = "default mailbox, per message")]
    [BenchmarkCategory("Throughput")]
    public void TellDefaultMailbox() => Tell(_defaultActor);

    [Benchmark(OperationsPerInvoke = Messages, Description = "session mailbox, per message")]
    [BenchmarkCategory("Throughput")]
    public void TellSessionMailbox() => Tell(_sessionActor);

    private void Start(Props props)
    {
        _handled.Reset(Actors);
        for (var i = 0; i < Actors; i++)
        {
            var actor = _system.ActorOf(props);
            _started.Add(actor);
            actor.Tell(Counting.Message);
        }
        _handled.Wait();
    }

    private void Tell(IActorRef actor)
    {
        _handled.Reset(Messages);
        Parallel.For(0, Senders, _ =>
        {
            for (var i = 0; i < Messages / Senders; i++)
                actor.Tell(Counting.Message);
        });
        _handled.Wait();
    }

    /// <summary>Counts every message it handles down on the shared countdown.</summary>
    private sealed class Counting(CountdownEvent handled) : UntypedActor
    {
        public static readonly object Message = new();

        protected override void OnReceive(object message) => handled.Signal();
    }
}
