using Akka.Actor;
using Akka.Event;

namespace Realtime.Actors.ClusterFormation;

/// <summary>
/// In Kubernetes, the API knows at once what the failure detector only guesses after seconds: every interval this
/// actor lists the pods and downs the members <see cref="PodGoneRule"/> finds gone. When the API cannot be
/// reached it does nothing (logged once per outage): the failure detector and the split-brain resolver decide.
/// </summary>
public sealed class PodGoneDowning : ReceiveActor, IWithTimers
{
    private sealed class Tick
    {
        public static readonly Tick Instance = new();
    }

    private sealed record Listed(PodListing Listing);

    private sealed record ListFailed(Exception Error);

    private readonly ILoggingAdapter _log = Context.GetLogger();
    private readonly Akka.Cluster.Cluster _cluster = Akka.Cluster.Cluster.Get(Context.System);
    private readonly ISeedNodeLookup _lookup;
    private readonly TimeSpan _interval;
    private readonly TimeSpan _lookupTimeout;
    private bool _inFlight;
    private bool _apiDown;

    public PodGoneDowning(ISeedNodeLookup lookup, TimeSpan interval, TimeSpan lookupTimeout)
    {
        _lookup = lookup;
        _interval = interval;
        _lookupTimeout = lookupTimeout;
        Receive<Tick>(_ => StartListing());
        Receive<Listed>(OnListed);
        Receive<ListFailed>(f =>
        {
            _inFlight = false;
            if (!_apiDown)
                _log.Warning("Pod lookup failed, downing is left to the split-brain resolver until it answers: {0}", f.Error.GetBaseException().Message);
            _apiDown = true;
        });
    }

    public ITimerScheduler Timers { get; set; } = null!;

    public static Props Props(ISeedNodeLookup lookup, TimeSpan interval, TimeSpan lookupTimeout) =>
        Akka.Actor.Props.Create(() => new PodGoneDowning(lookup, interval, lookupTimeout));

    protected override void PreStart() => Timers.StartPeriodicTimer("list", Tick.Instance, _interval);

    protected override void PostStop() => (_lookup as IDisposable)?.Dispose();

    private void StartListing()
    {
        // Only a member can judge members.
        if (_inFlight || _cluster.SelfMember.Status is not (Akka.Cluster.MemberStatus.Up or Akka.Cluster.MemberStatus.WeaklyUp))
            return;
        _inFlight = true;
        var lookup = _lookup;
        var timeout = _lookupTimeout;
        Task.Run(async () =>
        {
            using var cts = new CancellationTokenSource(timeout);
            return await lookup.ListAsync(cts.Token).ConfigureAwait(false);
        }).PipeTo(Self, success: l => new Listed(l), failure: e => new ListFailed(e));
    }

    private void OnListed(Listed listed)
    {
        _inFlight = false;
        if (_apiDown)
            _log.Info("Pod lookup answers again");
        _apiDown = false;
        var state = _cluster.State;
        foreach (var gone in PodGoneRule.MembersToDown(
                     state.Members.Select(m => (m.Address, m.Status, state.Unreachable.Contains(m))), listed.Listing, _cluster.SelfAddress))
        {
            _log.Warning("Downing {0}: the Kubernetes API lists no running pod for it", gone);
            _cluster.Down(gone);
        }
    }
}
