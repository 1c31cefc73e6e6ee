using Akka.Actor;
using Akka.Event;
using static Akka.Cluster.ClusterEvent;

namespace Realtime.Actors.ClusterFormation;

/// <summary>Timing and thresholds of <see cref="KubernetesSeedDiscovery"/>.</summary>
public sealed record SeedDiscoverySettings(int RequiredContactPoints, TimeSpan StableMargin, TimeSpan Interval, TimeSpan LookupTimeout,
    TimeSpan ProbeTimeout, TimeSpan RequiredContactPointsTimeout);

/// <summary>
/// Cluster formation without seed nodes in the configuration: every <c>Interval</c> it asks an
/// <see cref="ISeedNodeLookup"/> (the Kubernetes API in production) for the nodes, feeds the answer to a
/// <see cref="SeedNodePlanner"/> and, once the set is big and stable enough, calls
/// <c>Cluster.JoinSeedNodes</c> with the sorted addresses. It stops as soon as this node is a cluster member
/// (Joining, WeaklyUp or Up), disposing the lookup if it is disposable. A new stable set before that (a pod went away) gives a new <c>JoinSeedNodes</c>.
/// </summary>
public sealed class KubernetesSeedDiscovery : ReceiveActor, IWithTimers
{
    private sealed class Tick
    {
        public static readonly Tick Instance = new();
    }

    private sealed record Found(IReadOnlyList<SeedCandidate> Candidates);

    private sealed record LookupFailed(Exception Error);

    private const string TickKey = "lookup";

    private readonly ILoggingAdapter _log = Context.GetLogger();
    private readonly ISeedNodeLookup _lookup;
    private readonly SeedDiscoverySettings _settings;
    private readonly Akka.Cluster.Cluster _cluster;
    private readonly SeedNodePlanner _planner;
    private IReadOnlyList<Address>? _joinedWith;
    private string? _lastReason;
    private bool _inFlight;

    public KubernetesSeedDiscovery(ISeedNodeLookup lookup, SeedDiscoverySettings settings)
    {
        _lookup = lookup;
        _settings = settings;
        _cluster = Akka.Cluster.Cluster.Get(Context.System);
        _planner = new SeedNodePlanner(Context.System.Name, settings.RequiredContactPoints, settings.StableMargin, _cluster.SelfAddress,
            settings.ProbeTimeout, settings.RequiredContactPointsTimeout);

        Receive<Tick>(_ => StartLookup());
        Receive<Found>(OnFound);
        Receive<LookupFailed>(f =>
        {
            _inFlight = false;
            _log.Warning("Seed discovery lookup failed, retrying in {0}: {1}", _settings.Interval, f.Error.GetBaseException().Message);
        });
        Receive<IMemberEvent>(e =>
        {
            if (!e.Member.UniqueAddress.Equals(_cluster.SelfUniqueAddress))
                return;
            _log.Info("Seed discovery done: {0} is a cluster member ({1})", _cluster.SelfAddress, e.Member.Status);
            Context.Stop(Self);
        });
        Receive<CurrentClusterState>(_ => { });
    }

    public ITimerScheduler Timers { get; set; } = null!;

    public static Props Props(ISeedNodeLookup lookup, SeedDiscoverySettings settings) =>
        Akka.Actor.Props.Create(() => new KubernetesSeedDiscovery(lookup, settings));

    protected override void PreStart()
    {
        _cluster.Subscribe(Self, SubscriptionInitialStateMode.InitialStateAsEvents, typeof(IMemberEvent));
        Timers.StartPeriodicTimer(TickKey, Tick.Instance, TimeSpan.Zero, _settings.Interval);
        _log.Info("Seed discovery started: {0} nodes required (or fewer after {1}), stable for {2}, probing for a running cluster for {3}, every {4}; self {5}",
            _settings.RequiredContactPoints, _settings.RequiredContactPointsTimeout, _settings.StableMargin, _settings.ProbeTimeout, _settings.Interval, _cluster.SelfAddress);
    }

    protected override void PostStop()
    {
        _cluster.Unsubscribe(Self);
        (_lookup as IDisposable)?.Dispose();
    }

    private void StartLookup()
    {
        if (_inFlight)
            return;
        _inFlight = true;
        var timeout = _settings.LookupTimeout;
        var lookup = _lookup;
        Task.Run(async () =>
        {
            using var cts = new CancellationTokenSource(timeout);
            return await lookup.ListAsync(cts.Token).ConfigureAwait(false);
        }).PipeTo(Self, success: l => new Found(l.Serving), failure: e => new LookupFailed(e));
    }

    private void OnFound(Found found)
    {
        _inFlight = false;
        var decision = _planner.Observe(found.Candidates, DateTimeOffset.UtcNow);
        switch (decision)
        {
            case SeedDecision.Wait wait:
                if (wait.Reason != _lastReason && !wait.Reason.Contains("stable for", StringComparison.Ordinal))
                    _log.Info("Seed discovery waiting: {0} [{1}]", wait.Reason, string.Join(", ", _planner.Current));
                _lastReason = wait.Reason;
                break;
            case SeedDecision.Join join:
                Join(join.SeedNodes, "forming or joining");
                break;
            case SeedDecision.JoinExisting existing:
                Join(existing.SeedNodes, "joining a running cluster through the other nodes only (not forming one)");
                break;
        }
    }

    private void Join(IReadOnlyList<Address> seeds, string what)
    {
        if (_joinedWith is not null && _joinedWith.SequenceEqual(seeds))
            return;
        if (!_planner.Current.Contains(_cluster.SelfAddress))
            _log.Warning("Seed discovery: this node's address {0} is not among the discovered nodes [{1}]; " +
                         "check Cluster:PublicHostname (the pod IP) and Cluster:Port (the container port named remoting)",
                _cluster.SelfAddress, string.Join(", ", _planner.Current));
        _log.Info("Seed discovery: JoinSeedNodes [{0}] ({1})", string.Join(", ", seeds), what);
        _joinedWith = seeds;
        _lastReason = null;
        _cluster.JoinSeedNodes(seeds);
    }
}
