using System.Text;
using Akka.Actor;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using Realtime.Actors.Auth;
using Realtime.Actors.Routing;
using Realtime.Actors.Sessions;

namespace Realtime.Benchmarks;

/// <summary>
/// What one <c>/ws</c> session costs (issue 7: memory per socket): N real <see cref="EventSessionActor"/>s started
/// from <see cref="EventSessionActor.Props"/> as the gateway starts them, each with its own
/// <see cref="OutboundQueue"/> and <see cref="InboundGate"/>; one op = one session, read Allocated. <c>Idle</c>: the
/// session gets its <see cref="InboundMessages.Init"/>, as a socket that has not subscribed yet. <c>Subscribed</c>:
/// then a subscribe with an HS256 token checked by the real <see cref="JwtTokenValidator"/>, until the router got
/// its registration (the router here only counts them, so its own bookkeeping is not in the figure).
/// </summary>
[MemoryDiagnoser]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
public class SessionActorBenchmarks
{
    private const int Sessions = 2_000;
    private const string Issuer = "bench";
    private const string Audience = "realtime";
    private const string Secret = "bench-secret-of-at-least-32-bytes!!";

    private static readonly SocketLimits Limits = new(TimeSpan.FromMinutes(10), 65_536, 100, 100, 16 << 20,
        TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(1), int.MaxValue);

    private readonly List<IActorRef> _started = [];
    private ActorSystem _system = null!;
    private JwtTokenValidator _validator = null!;
    private IActorRef _router = ActorRefs.Nobody;
    private CountdownEvent _done = null!;
    private byte[] _subscribe = [];

    [GlobalSetup]
    public void Setup()
    {
        _system = SessionBenchSystem.Create();
        _validator = new JwtTokenValidator(new JwtSettings { Issuer = Issuer, Audience = Audience, HmacKeys = [Secret] });
        var token = new DevTokenIssuer(Issuer, Audience, Secret).Issue("bench-user", ["role-a"], lifetime: TimeSpan.FromDays(1));
        _subscribe = Encoding.UTF8.GetBytes($$"""{"@type":"subscribe","jwt":"{{token}}"}""");
        _done = new CountdownEvent(1);
        _router = _system.ActorOf(Props.Create(() => new CountingRouter(_done)));
    }

    [GlobalCleanup]
    public void Cleanup() => _system.Terminate().Wait();

    [IterationCleanup]
    public void StopStarted() => SessionBenchSystem.StopAll(_started);

    [Benchmark(Baseline = true, OperationsPerInvoke = Sessions, Description = "idle session, per session")]
    [BenchmarkCategory("Idle")]
    public void StartIdle() => Start(subscribe: false);

    [Benchmark(Baseline = true, OperationsPerInvoke = Sessions, Description = "subscribed session, per session")]
    [BenchmarkCategory("Subscribed")]
    public void StartSubscribed() => Start(subscribe: true);

    private void Start(bool subscribe)
    {
        _done.Reset(Sessions);
        for (var i = 0; i < Sessions; i++)
        {
            var gate = new InboundGate();
            var session = _system.ActorOf(EventSessionActor.Props(_validator, new OutboundQueue(Limits), Limits, _router));
            _started.Add(session);
            session.Tell(new InboundMessages.Init(gate));
            if (subscribe)
                session.Tell(new InboundMessages.Text(_subscribe));
            else // answered after the Init (mailbox order): the session has handled it
                session.Tell(new Identify(null), _router);
        }
        _done.Wait();
    }

    /// <summary>Counts registrations, and the answers of idle sessions, down on the shared countdown.</summary>
    private sealed class CountingRouter(CountdownEvent done) : UntypedActor
    {
        protected override void OnReceive(object message)
        {
            if (message is RegisterSession or ActorIdentity)
                done.Signal();
        }
    }
}
