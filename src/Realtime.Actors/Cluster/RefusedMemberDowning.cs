using System.Net.Sockets;
using Akka.Actor;
using Akka.Cluster;
using Akka.Event;
using Akka.Remote;

namespace Realtime.Actors.ClusterFormation;

/// <summary>
/// Downs (and quarantines) a member at once, without the failure detector's pause or the resolver's <c>stable-after</c>,
/// when its remoting port refuses TCP connections: nothing listens there any more, so its process is gone
/// (killed, crashed, or its container restarting), which a network partition does not look like. Suspects are the
/// unreachable members and the members whose connection just dropped (<see cref="DisassociatedEvent"/>: a killed
/// process's sockets are reset by its kernel at once). A member that is only slow or paused still accepts
/// connections (the kernel does) and is left to the failure detector and the resolver; so is a silent host.
/// <para>
/// Only a node on the majority side acts: the members neither unreachable nor refusing, itself included, must be
/// more than half of the members. A minority cut off by a firewall that rejects connections therefore cannot down
/// the majority: the rule of keep-majority, minus the wait.
/// </para>
/// </summary>
public sealed class RefusedMemberDowning : ReceiveActor, IWithTimers
{
    private sealed class Tick
    {
        public static readonly Tick Instance = new();
    }

    private sealed record ProbeRound(IReadOnlyList<Address> Refused);

    private readonly ILoggingAdapter _log = Context.GetLogger();
    private readonly Akka.Cluster.Cluster _cluster = Akka.Cluster.Cluster.Get(Context.System);
    private readonly TimeSpan _interval;
    private readonly HashSet<Address> _disconnected = [];
    private bool _probing;

    public RefusedMemberDowning(TimeSpan interval)
    {
        _interval = interval;
        Receive<DisassociatedEvent>(e => _disconnected.Add(e.RemoteAddress));
        Receive<Tick>(_ => StartRound());
        Receive<ProbeRound>(OnRound);
    }

    public ITimerScheduler Timers { get; set; } = null!;

    public static Props Props(TimeSpan interval) => Akka.Actor.Props.Create(() => new RefusedMemberDowning(interval));

    protected override void PreStart()
    {
        Context.System.EventStream.Subscribe(Self, typeof(DisassociatedEvent));
        Timers.StartPeriodicTimer("probe", Tick.Instance, _interval);
    }

    protected override void PostStop() => Context.System.EventStream.Unsubscribe(Self);

    /// <summary>
    /// True when the members that are neither unreachable nor in <paramref name="lost"/> are more than half of the
    /// members not yet down.
    /// </summary>
    public static bool OnMajoritySide(IEnumerable<Member> members, IReadOnlySet<Member> unreachable, IReadOnlySet<Address> lost)
    {
        var counted = members.Where(m => m.Status is not (MemberStatus.Down or MemberStatus.Removed)).ToList();
        var healthy = counted.Count(m => !unreachable.Contains(m) && !lost.Contains(m.Address));
        return healthy * 2 > counted.Count;
    }

    private void StartRound()
    {
        if (_probing)
            return;
        var state = _cluster.State;
        var suspects = state.Members
            .Where(m => m.Status is not (MemberStatus.Down or MemberStatus.Removed or MemberStatus.Exiting)
                        && !m.Address.Equals(_cluster.SelfAddress)
                        && (state.Unreachable.Contains(m) || _disconnected.Contains(m.Address)))
            .Select(m => m.Address)
            .ToList();
        _disconnected.Clear();
        if (suspects.Count == 0)
            return;
        _probing = true;
        var timeout = _interval;
        Task.Run(async () =>
        {
            var refused = await Task.WhenAll(suspects.Select(a => RefusesAsync(a, timeout))).ConfigureAwait(false);
            return new ProbeRound(suspects.Where((_, i) => refused[i]).ToList());
        }).PipeTo(Self);
    }

    private void OnRound(ProbeRound round)
    {
        _probing = false;
        if (round.Refused.Count == 0)
            return;
        var state = _cluster.State;
        var lost = round.Refused.ToHashSet();
        if (!OnMajoritySide(state.Members, state.Unreachable, lost))
        {
            _log.Warning("Not downing [{0}] (remoting port refuses): this node is not on the majority side", string.Join(", ", lost));
            return;
        }
        var remoting = ((IRemoteActorRefProvider)((ExtendedActorSystem)Context.System).Provider).Transport;
        foreach (var member in state.Members.Where(m => lost.Contains(m.Address)))
        {
            _log.Warning("Downing {0}: its remoting port refuses connections (its process is gone)", member.Address);
            // Quarantining that incarnation makes the cluster mark it terminated at once, so its removal (and the
            // hand-over of its shards) does not wait for the failure detector; a new incarnation has another uid.
            remoting.Quarantine(member.Address, member.UniqueAddress.Uid);
            _cluster.Down(member.Address);
        }
    }
    private static async Task<bool> RefusesAsync(Address address, TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        using var socket = new Socket(SocketType.Stream, ProtocolType.Tcp);
        try
        {
            await socket.ConnectAsync(address.Host!, address.Port ?? 0, cts.Token).ConfigureAwait(false);
            return false;
        }
        catch (SocketException e)
        {
            return e.SocketErrorCode == SocketError.ConnectionRefused;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }
}
